// fuzz-dependencies: KartaGen
import KartaFuzzSupport
import KartaGen

// Any bytes that decode as Windows-1251 encode back to the same bytes.
runFuzzer { bytes in
    if let text = CP1251.decode(bytes) {
        precondition((try? CP1251.encode(text)) == Array(bytes), "round trip changed the bytes")
    }
}
