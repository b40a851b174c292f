// fuzz-dependencies: KartaModel
import KartaFuzzSupport
import KartaModel

// Any bytes that decode as Windows-1251 encode back to the same bytes.
runFuzzer { bytes in
    if let text = Windows1251.decodeExactly(bytes) {
        precondition(Windows1251.encode(text) == Array(bytes), "round trip changed the bytes")
    }
}
