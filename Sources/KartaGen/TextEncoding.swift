/// The two encodings that municipal exports arrive in.
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    case windows1251 = "windows-1251"
    case utf8 = "UTF-8"
}

/// A generator error: a word that cannot be written in the chosen encoding, or an I/O failure.
public struct GeneratorError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Encodes text to Windows-1251 (the Cyrillic code page of Bulgarian Excel exports).
public enum CP1251 {
    /// The Unicode scalars of bytes 0x80…0xBF (0x98 is unassigned); 0xC0…0xFF are А…я.
    static let upperHalf: [UInt32] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
        0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0xFFFF, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
        0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
        0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    ]

    /// The byte for one scalar, or nil when Windows-1251 has no such character.
    public static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if value < 0x80 { return UInt8(value) }
        if value >= 0x0410, value <= 0x044F { return UInt8(value - 0x0410 + 0xC0) }
        if let index = upperHalf.firstIndex(of: value) { return UInt8(0x80 + index) }
        return nil
    }

    /// The scalar for one byte, or nil for the unassigned byte 0x98.
    public static func scalar(for byte: UInt8) -> Unicode.Scalar? {
        if byte < 0x80 { return Unicode.Scalar(byte) }
        if byte >= 0xC0 { return Unicode.Scalar(UInt32(byte) - 0xC0 + 0x0410) }
        let value = upperHalf[Int(byte) - 0x80]
        return value == 0xFFFF ? nil : Unicode.Scalar(value)
    }

    public static func encode(_ text: String) throws(GeneratorError) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            guard let byte = byte(for: scalar) else {
                throw GeneratorError("„\(text)\" has \(scalar) that Windows-1251 cannot encode")
            }
            bytes.append(byte)
        }
        return bytes
    }

    /// Decodes Windows-1251 bytes; nil when a byte is unassigned.
    public static func decode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String? {
        var text = String.UnicodeScalarView()
        for byte in bytes {
            guard let scalar = scalar(for: byte) else { return nil }
            text.append(scalar)
        }
        return String(text)
    }
}

/// A piece of text pre-encoded in both encodings, so rows are built from bytes, not Strings.
struct EncodedText: Sendable {
    let text: String
    let utf8: [UInt8]
    let cp1251: [UInt8]

    init(_ text: String) throws(GeneratorError) {
        self.text = text
        utf8 = Array(text.utf8)
        cp1251 = try CP1251.encode(text)
    }

    func bytes(_ encoding: TextEncoding) -> [UInt8] { encoding == .utf8 ? utf8 : cp1251 }
}
