/// Transcodes UTF-16 (LE or BE) to UTF-8, noting where each line starts in the original bytes.
enum UTF16Transcoder {
    /// The outcome of transcoding one buffer.
    enum Outcome {
        /// `consumed` input bytes became `produced` output bytes; the rest (an odd byte or a
        /// high surrogate without its pair yet) waits for the next buffer.
        case transcoded(consumed: Int, produced: Int)
        /// The code unit at this input index is invalid (an unpaired surrogate).
        case invalid(at: Int)
        /// The code unit at this input index is U+0000 (the file is not text).
        case nul(at: Int)
    }

    /// Transcodes `input` into `output` (capacity ≥ input.count * 3 / 2 + 4).
    ///
    /// For every line break (U+000A or U+000D) it appends to `lineStarts` the pair (output index
    /// just after it, `inputOffset` + input index just after it).
    static func transcode(
        _ input: UnsafeRawBufferPointer, bigEndian: Bool, into output: UnsafeMutablePointer<UInt8>,
        inputOffset: Int64, lineStarts: inout [LineStart]
    ) -> Outcome {
        guard let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return .transcoded(consumed: 0, produced: 0)
        }
        let count = input.count
        var index = 0
        var produced = 0
        @inline(__always) func unit(_ at: Int) -> UInt32 {
            bigEndian
                ? UInt32(base[at]) << 8 | UInt32(base[at + 1])
                : UInt32(base[at + 1]) << 8 | UInt32(base[at])
        }
        while index + 1 < count {
            let code = unit(index)
            if code < 0x80 {
                if code == 0 { return .nul(at: index) }
                output[produced] = UInt8(code)
                produced += 1
                index += 2
                if code == 0x0A || code == 0x0D {
                    lineStarts.append(LineStart(decoded: produced, original: inputOffset + Int64(index)))
                }
            } else if code < 0x800 {
                output[produced] = UInt8(0xC0 | code >> 6)
                output[produced + 1] = UInt8(0x80 | code & 0x3F)
                produced += 2
                index += 2
            } else if code >= 0xD800 && code <= 0xDBFF {
                guard index + 3 < count else { break }
                let low = unit(index + 2)
                guard low >= 0xDC00 && low <= 0xDFFF else { return .invalid(at: index) }
                let scalar = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                output[produced] = UInt8(0xF0 | scalar >> 18)
                output[produced + 1] = UInt8(0x80 | (scalar >> 12) & 0x3F)
                output[produced + 2] = UInt8(0x80 | (scalar >> 6) & 0x3F)
                output[produced + 3] = UInt8(0x80 | scalar & 0x3F)
                produced += 4
                index += 4
            } else if code >= 0xDC00 && code <= 0xDFFF {
                return .invalid(at: index)
            } else {
                output[produced] = UInt8(0xE0 | code >> 12)
                output[produced + 1] = UInt8(0x80 | (code >> 6) & 0x3F)
                output[produced + 2] = UInt8(0x80 | code & 0x3F)
                produced += 3
                index += 2
            }
        }
        return .transcoded(consumed: index, produced: produced)
    }
}

/// Where a line starts: its index in decoded (UTF-8) bytes and its offset in the original file.
struct LineStart: Equatable {
    var decoded: Int
    var original: Int64
}
