import KartaModel

extension TextEncoding {
    /// Whether the file's bytes are read as they are (UTF-8, or windows-1251 decoded per field)
    /// rather than transcoded before parsing (UTF-16).
    var isByteOriented: Bool {
        switch self {
        case .utf8, .utf8BOM, .windows1251: true
        case .utf16LE, .utf16BE: false
        }
    }
}

extension Windows1251 {
    /// A table of the UTF-8 encoding of every byte, packed as `length << 24 | b2 << 16 | b1 << 8 | b0`,
    /// so that the readers turn a Windows-1251 field into UTF-8 with one lookup per byte.
    ///
    /// The caller owns the returned buffer (256 entries) and deallocates it.
    static func makeUTF8Table() -> UnsafeMutablePointer<UInt32> {
        let table = UnsafeMutablePointer<UInt32>.allocate(capacity: 256)
        for byte in 0..<256 {
            let scalar = byte < 0x80 ? UInt32(byte) : upperHalf[byte - 0x80]
            table[byte] = packedUTF8(scalar)
        }
        return table
    }

    /// Packs the UTF-8 encoding of a scalar below U+10000 as `length << 24 | bytes`.
    static func packedUTF8(_ scalar: UInt32) -> UInt32 {
        if scalar < 0x80 { return 1 << 24 | scalar }
        if scalar < 0x800 {
            let b0 = 0xC0 | scalar >> 6
            let b1 = 0x80 | scalar & 0x3F
            return 2 << 24 | b1 << 8 | b0
        }
        let b0 = 0xE0 | scalar >> 12
        let b1 = 0x80 | (scalar >> 6) & 0x3F
        let b2 = 0x80 | scalar & 0x3F
        return 3 << 24 | b2 << 16 | b1 << 8 | b0
    }
}
