/// The Windows-1251 code page as a 256-entry table to UTF-8, for decoding without Foundation.
enum Windows1251 {
    /// Unicode scalars of the bytes 0x80…0xFF; 0 marks 0x98, the one unassigned byte.
    static let upperHalf: [UInt32] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
        0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x0000, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
        0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
        0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
        0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
        0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,
        0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
        0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
        0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
        0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
        0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
        0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
    ]

    /// The unassigned byte: its presence means the file is not Windows-1251.
    static let unassignedByte: UInt8 = 0x98

    /// A table of the UTF-8 encoding of every byte, packed as `length << 24 | b2 << 16 | b1 << 8 | b0`.
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

    /// Decodes Windows-1251 bytes to a String (for samples and messages, not the hot loop).
    static func decode(_ bytes: some Collection<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = byte < 0x80 ? UInt32(byte) : upperHalf[Int(byte) - 0x80]
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }
}
