// fuzz-dependencies: KartaNormalize
import KartaFuzzSupport
import KartaNormalize

// Any bytes: the ЕГН check never crashes and accepts only ten ASCII digits.
runFuzzer { bytes in
    if PersonalNumber.isValid(bytes) {
        precondition(
            bytes.count == 10 && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }, "accepted non-digits")
    }
}
