/// Validates UTF-8, a byte at a time: the check every UTF-8 chunk passes before parsing (the
/// national volume is small; word-at-a-time scanning did not pay).
enum UTF8Validation {
    /// The outcome of validating a buffer.
    enum Outcome: Equatable {
        /// All bytes are valid; the last `incompleteTail` bytes start a sequence that may be
        /// completed by the bytes that follow (0 when the buffer ends on a boundary).
        case valid(incompleteTail: Int)
        /// The byte at this index starts an invalid sequence.
        case invalid(at: Int)
    }

    /// Validates `bytes`. NUL bytes are reported as invalid (a text export never has them).
    static func validate(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        guard let base = bytes.baseAddress else { return .valid(incompleteTail: 0) }
        let count = bytes.count
        var index = 0
        while index < count {
            let lead = base[index]
            if lead < 0x80 {
                if lead == 0 { return .invalid(at: index) }
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return .invalid(at: index)
            }
            let available = min(length, count - index)
            for offset in 1..<available {
                let byte = base[index + offset]
                let (low, high) = offset == 1 ? (lower, upper) : (0x80, 0xBF)
                if byte < low || byte > high { return .invalid(at: index) }
            }
            if available < length { return .valid(incompleteTail: count - index) }
            index += length
        }
        return .valid(incompleteTail: 0)
    }
}
