/// The text encodings karta reads exports in.
///
/// The raw values are the names reported by the sniffer (`karta inspect`) and accepted by
/// `--encoding`; ``init(name:)`` also accepts the usual aliases (`cp1251`, `utf8`, …).
public enum TextEncoding: String, Sendable, Hashable, Codable, CaseIterable {
    /// UTF-8 without a byte-order mark (pure ASCII files are reported as UTF-8 too).
    case utf8 = "UTF-8"
    /// UTF-8 with a byte-order mark, as Excel writes "CSV UTF-8"; the BOM is stripped.
    case utf8BOM = "UTF-8-BOM"
    /// Windows-1251, the usual encoding of Bulgarian Excel and municipal software exports.
    case windows1251 = "windows-1251"
    /// UTF-16 little-endian with a BOM, Excel's "Unicode text".
    case utf16LE = "UTF-16LE"
    /// UTF-16 big-endian with a BOM.
    case utf16BE = "UTF-16BE"

    /// Parses an encoding name as a person would type it: `utf8`, `UTF-8`, `cp1251`, `win1251`,
    /// `windows-1251`, `utf-16le`, … Returns nil for names karta does not read.
    public init?(name: String) {
        let key = name.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "utf8": self = .utf8
        case "utf8bom", "utf8sig": self = .utf8BOM
        case "windows1251", "cp1251", "win1251", "1251", "xcp1251", "microsoft1251": self = .windows1251
        case "utf16le", "utf16", "unicode": self = .utf16LE
        case "utf16be": self = .utf16BE
        default: return nil
        }
    }

    /// The byte-order mark this encoding starts with in a file, empty if it has none.
    public var byteOrderMark: [UInt8] {
        switch self {
        case .utf8, .windows1251: []
        case .utf8BOM: [0xEF, 0xBB, 0xBF]
        case .utf16LE: [0xFF, 0xFE]
        case .utf16BE: [0xFE, 0xFF]
        }
    }
}
