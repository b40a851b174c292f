// fuzz-dependencies: KartaModel
import KartaFuzzSupport
import KartaModel

// Any text folds to a key without crashing; the key never holds upper case Cyrillic.
runFuzzer { bytes in
    let key = NameKey.fold(String(decoding: bytes, as: UTF8.self))
    precondition(
        !key.unicodeScalars.contains { (0x0410...0x042F).contains($0.value) }, "upper case in \(key)")
}
