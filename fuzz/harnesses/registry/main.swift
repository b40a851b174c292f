// fuzz-dependencies: KartaModel
import KartaFuzzSupport
import KartaModel

// Any text as a municipality or district name: resolving never crashes.
runFuzzer { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    let parts = text.split(separator: "\n", maxSplits: 1).map(String.init)
    _ = ReferenceRegistry.bulgaria.resolveMunicipality(parts.first ?? "", districtHint: parts.last)
    _ = ReferenceRegistry.bulgaria.resolveDistrict(text)
}
