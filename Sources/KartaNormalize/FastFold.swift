/// Folds text for matching service names, cues and words: lower case, Cyrillic transliterated
/// (streamlined system, like `NameKey`), punctuation and spacing collapsed to single spaces —
/// on UTF-8 bytes, without building `Character`s. Patterns and texts are folded the same way.
enum FastFold {
    /// Transliteration of U+0400…U+045F (Ѐ…џ): lower case, Latin.
    private static let cyrillic: [[UInt8]] = {
        let upper = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
        let latin = [
            "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
            "u",
            "f", "h", "ts", "ch", "sh", "sht", "a", "y", "y", "e", "yu", "ya",
        ]
        var table = [[UInt8]](repeating: [], count: 0x60)
        for (offset, scalar) in upper.unicodeScalars.enumerated() {
            let code = Int(scalar.value) - 0x400
            table[code] = Array(latin[offset].utf8)  // А…Я
            table[code + 0x20] = Array(latin[offset].utf8)  // а…я
        }
        // Ѐ…Џ and ѐ…џ: ѝ is и; the rest (ё, є, і, ї, ј …) keep their lower-case letter.
        for code in 0x00..<0x10 {
            let lower = Unicode.Scalar(UInt32(0x450 + code)).map { String($0) } ?? ""
            let bytes = code == 0x0D ? Array("i".utf8) : Array(lower.utf8)
            table[code] = bytes
            table[code + 0x50] = bytes
        }
        return table
    }()

    /// The folded form of `text`.
    static func fold(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { String(decoding: fold(bytes: $0), as: UTF8.self) }
    }

    /// The folded form of `text`, padded with a space on each side (for whole-word search).
    static func padded(_ text: String) -> [UInt8] {
        var copy = text
        return copy.withUTF8 { bytes in
            var out = fold(bytes: bytes)
            out.insert(0x20, at: 0)
            out.append(0x20)
            return out
        }
    }

    static func fold(bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        var index = 0
        let count = bytes.count
        @inline(__always) func emit(_ piece: UnsafeBufferPointer<UInt8>) {
            if pendingSpace, !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(contentsOf: piece)
        }
        @inline(__always) func emitByte(_ byte: UInt8) {
            if pendingSpace, !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(byte)
        }
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                switch byte {
                case 0x41...0x5A: emitByte(byte + 0x20)
                case 0x61...0x7A, 0x30...0x39: emitByte(byte)
                default: pendingSpace = true
                }
                index += 1
            } else if (byte == 0xD0 || byte == 0xD1), index + 1 < count {
                let code = (Int(byte & 0x1F) << 6 | Int(bytes[index + 1] & 0x3F)) - 0x400
                if code >= 0, code < 0x60 {
                    cyrillic[code].withUnsafeBufferPointer { emit($0) }
                } else {
                    emit(UnsafeBufferPointer(rebasing: bytes[index..<index + 2]))
                }
                index += 2
            } else if byte == 0xC2, index + 1 < count {
                pendingSpace = true  // Latin-1 punctuation and no-break space
                index += 2
            } else if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81 {
                pendingSpace = true  // general punctuation: dashes, quotes „“, narrow spaces
                index += 3
            } else {
                // another letter: keep its bytes
                var end = index + 1
                while end < count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                emit(UnsafeBufferPointer(rebasing: bytes[index..<end]))
                index = end
            }
        }
        return out
    }
}
