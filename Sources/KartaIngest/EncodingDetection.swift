import KartaModel

/// Recognises a file's encoding from its first bytes: BOM, then UTF-8 validity, then a
/// Cyrillic letter-frequency check that tells Windows-1251 from other single-byte code pages.
enum EncodingDetection {
    /// What the sample says about the file.
    enum Verdict: Equatable {
        case encoding(TextEncoding)
        /// NUL or many control bytes at this offset of the sample: not a text file.
        case binary(byteOffset: Int)
        /// Neither UTF-8 nor plausible Windows-1251.
        case unknown(reason: String)
        /// UTF-8 text (many valid multi-byte sequences) broken by an invalid sequence at this
        /// offset: a damaged UTF-8 file, not another encoding.
        case invalidUTF8(byteOffset: Int)
    }

    /// Detects the encoding of `sample`, the first bytes of a file (`isWholeFile` when it is
    /// the entire file, so that a sequence cut at its end is an error, not a sample boundary).
    static func detect(sample: [UInt8], isWholeFile: Bool) -> Verdict {
        for encoding in [TextEncoding.utf8BOM, .utf16LE, .utf16BE]
        where sample.starts(with: encoding.byteOrderMark) {
            return .encoding(encoding)
        }
        if let offset = firstBinaryByte(sample) { return .binary(byteOffset: offset) }
        let utf8 = sample.withUnsafeBufferPointer { UTF8Validation.validate($0) }
        switch utf8 {
        case .valid(let tail) where tail == 0 || !isWholeFile:
            return .encoding(.utf8)
        case .invalid(let offset) where multiByteSequences(sample[..<offset]) >= minimumUTF8Evidence:
            return .invalidUTF8(byteOffset: offset)
        default:
            break
        }
        if let reason = windows1251Doubt(sample) { return .unknown(reason: reason) }
        return .encoding(.windows1251)
    }

    /// Valid multi-byte UTF-8 sequences before the first invalid one that make a sample UTF-8
    /// text with a damaged byte rather than Windows-1251 (whose Cyrillic letter pairs are never
    /// valid UTF-8, so Windows-1251 text fails at its first non-ASCII word).
    static let minimumUTF8Evidence = 4

    /// How many multi-byte sequences (lead bytes 0xC2…0xF4) `validPrefix` holds.
    static func multiByteSequences(_ validPrefix: ArraySlice<UInt8>) -> Int {
        validPrefix.reduce(0) { $0 + ($1 >= 0xC2 && $1 <= 0xF4 ? 1 : 0) }
    }

    /// The offset of the first NUL byte, or of the first control byte when control bytes
    /// (other than TAB, CR, LF, FF and Ctrl-Z) make up more than 1% of the sample.
    static func firstBinaryByte(_ sample: [UInt8]) -> Int? {
        var firstControl: Int?
        var controls = 0
        for (offset, byte) in sample.enumerated() where byte < 0x20 {
            if byte == 0 { return offset }
            if byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0x1A { continue }
            controls += 1
            if firstControl == nil { firstControl = offset }
        }
        if let firstControl, controls * 100 > sample.count { return firstControl }
        return nil
    }

    /// UTF-16 without a BOM: text in Latin and Cyrillic (U+0000…U+04FF), whose high bytes are
    /// all 0x00…0x04, in every other byte.
    static func bomlessUTF16(_ sample: [UInt8]) -> TextEncoding? {
        let pairs = sample.count / 2
        guard pairs >= 4 else { return nil }
        var evenLow = 0, oddLow = 0
        for index in 0..<pairs {
            if sample[2 * index] <= 0x04 { evenLow += 1 }
            if sample[2 * index + 1] <= 0x04 { oddLow += 1 }
        }
        if oddLow * 10 >= pairs * 9 && evenLow * 2 < pairs { return .utf16LE }
        if evenLow * 10 >= pairs * 9 && oddLow * 2 < pairs { return .utf16BE }
        return nil
    }

    /// Why `bytes` do not look like Bulgarian Windows-1251 text, or nil when they do.
    ///
    /// In Windows-1251 the Cyrillic letters are 0xC0…0xFF, and thirteen letters
    /// (о а е и н т р с в л к д п) make up most of any Bulgarian text. Bytes of another code page
    /// (KOI8-R, ISO-8859-5, Latin-1) read as Windows-1251 give a much flatter letter mix.
    static func windows1251Doubt(_ bytes: some Sequence<UInt8>) -> String? {
        var high = 0
        var letters = 0
        var frequent = 0
        for byte in bytes where byte >= 0x80 {
            if byte == Windows1251.unassignedByte {
                return "byte 0x98 is not used by windows-1251"
            }
            high += 1
            guard byte >= 0xC0 else { continue }
            letters += 1
            if frequentLetters[Int(byte | 0x20) - 0xE0] { frequent += 1 }
        }
        if high == 0 { return nil }
        if letters * 10 < high * 6 {
            return "most non-ASCII bytes are not Cyrillic letters in windows-1251"
        }
        if letters >= 8 && frequent * 2 < letters {
            return "the letters do not look like Bulgarian text in windows-1251 (KOI8-R or ISO-8859-5?)"
        }
        return nil
    }

    /// The lowercase Windows-1251 letters 0xE0…0xFF that are among the most frequent in Bulgarian.
    private static let frequentLetters: [Bool] = {
        var table = [Bool](repeating: false, count: 32)
        for letter in "оаеинтрсвлкдп".unicodeScalars {
            table[Int(letter.value) - 0x430] = true
        }
        return table
    }()
}
