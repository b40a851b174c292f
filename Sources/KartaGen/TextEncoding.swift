import KartaModel

/// A generator error: a word that cannot be written in the chosen encoding, or an I/O failure.
public struct GeneratorError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The two encodings the generator writes municipal exports in.
public let generatedEncodings: [TextEncoding] = [.windows1251, .utf8]

/// Encodes text to Windows-1251, or says which text could not be written.
func cp1251(_ text: String) throws(GeneratorError) -> [UInt8] {
    guard let bytes = Windows1251.encode(text) else {
        throw GeneratorError("„\(text)\" has a character that Windows-1251 cannot encode")
    }
    return bytes
}

/// A piece of text pre-encoded in both encodings, so rows are built from bytes, not Strings.
struct EncodedText: Sendable {
    let text: String
    let utf8: [UInt8]
    let cp1251: [UInt8]

    init(_ text: String) throws(GeneratorError) {
        self.text = text
        utf8 = Array(text.utf8)
        cp1251 = try KartaGen.cp1251(text)
    }

    func bytes(_ encoding: TextEncoding) -> [UInt8] { encoding == .windows1251 ? cp1251 : utf8 }
}
