/// Validates UTF-8 with a word-at-a-time fast path for ASCII and two-byte (Cyrillic) text: the
/// check every UTF-8 chunk passes before parsing.
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
            // Up to eight bytes at a time while they are ASCII (no NUL) and two-byte sequences.
            while index + 8 <= count {
                let advance = simplePrefix(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                if advance == 0 { break }
                index += advance
            }
            if index >= count { break }
            // One sequence the careful way.
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

    /// How many of eight bytes (a little-endian word starting on a sequence boundary) are surely
    /// valid and end on a boundary: ASCII without NUL, and two-byte sequences C2…DF + 80…BF.
    /// The careful path takes over from there.
    @inline(__always)
    static func simplePrefix(_ word: UInt64) -> Int {
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let zero = (word &- 0x0101_0101_0101_0101) & ~word & highBits
        let bit7 = word & highBits
        let bit6 = (word << 1) & highBits
        let bit5 = (word << 2) & highBits
        let continuation = bit7 & ~bit6  // 10xxxxxx
        let lead = bit7 & bit6  // 11xxxxxx
        let longLead = lead & bit5  // 111xxxxx: three- or four-byte sequences
        let twoByteLead = lead & ~bit5  // 110xxxxx
        // C0 and C1 are overlong: a two-byte lead needs one of the bits 0x1E.
        let payload = ((word & 0x1E1E_1E1E_1E1E_1E1E) &+ 0x7F7F_7F7F_7F7F_7F7F) & highBits
        let overlong = twoByteLead & ~payload
        // A continuation exactly after each two-byte lead (a lead in the last byte is left over).
        let mismatch = continuation ^ (twoByteLead << 8)
        let bad = zero | longLead | overlong | mismatch
        if bad == 0 { return twoByteLead & 0x8000_0000_0000_0000 == 0 ? 8 : 7 }
        // Everything before the first bad byte checked out; stop before the lead it may belong to.
        var advance = bad.trailingZeroBitCount / 8 - 1
        if advance > 0 && continuation >> (8 * advance) & 0x80 != 0 { advance -= 1 }
        return max(0, advance)
    }
}
