/// One record as a reader saw it: fields decoded to UTF-8, nothing interpreted yet.
///
/// This is the contract between the readers of `KartaIngest` (CSV, XML) and `KartaNormalize`.
public struct RawRow: Sendable, Hashable {
    /// Field values in the order of ``RawSourceDescription/header``.
    public var fields: [String]
    public var position: SourcePosition
    /// How the raw text is kept: most rows never need it (only rejects show it), so readers
    /// hand over the record's bytes and the `String` is made on first use.
    public var rawSource: RawText

    /// The record's text as in the file (decoded, truncated to the reader's raw-text limit).
    public var rawText: String {
        get { rawSource.text }
        set { rawSource = RawText(newValue) }
    }

    public init(fields: [String], position: SourcePosition, rawText: String) {
        self.fields = fields
        self.position = position
        self.rawSource = RawText(rawText)
    }

    public init(fields: [String], position: SourcePosition, rawSource: RawText) {
        self.fields = fields
        self.position = position
        self.rawSource = rawSource
    }
}

/// A record's raw text, either already a `String` or still the reader's bytes with the way to
/// decode them: most rows load and never show their raw text (only rejects do), so a reader
/// hands over a copy of the record's bytes and the `String` is made only when asked for.
///
/// Two values are equal when their texts are equal, however they are kept.
public struct RawText: Sendable, Hashable {
    private enum Storage: Sendable {
        case text(String)
        case bytes([UInt8], decode: @Sendable ([UInt8]) -> String)
    }

    private let storage: Storage

    /// Raw text that is already a `String`.
    public init(_ text: String) {
        storage = .text(text)
    }

    /// Raw text kept as `bytes`, turned into text by `decode` when asked for.
    public init(bytes: [UInt8], decode: @escaping @Sendable ([UInt8]) -> String) {
        storage = .bytes(bytes, decode: decode)
    }

    /// The text (decoded now if it was kept as bytes).
    public var text: String {
        switch storage {
        case .text(let text): return text
        case .bytes(let bytes, let decode): return decode(bytes)
        }
    }

    public static func == (lhs: RawText, rhs: RawText) -> Bool { lhs.text == rhs.text }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

/// A record the reader could not turn into fields (broken quoting, wrong field count, a field
/// over the size limit). It becomes a ``Reject`` without going through normalization.
public struct RawRowProblem: Sendable, Hashable, Error {
    public var position: SourcePosition
    /// The header name of the offending column, when known.
    public var column: String?
    public var reason: RejectReason
    public var message: String
    public var rawText: String

    public init(
        position: SourcePosition, column: String?, reason: RejectReason, message: String,
        rawText: String
    ) {
        self.position = position
        self.column = column
        self.reason = reason
        self.message = message
        self.rawText = rawText
    }
}

/// What a reader yields for each record after the header.
public enum RawRowResult: Sendable, Hashable {
    case row(RawRow)
    case problem(RawRowProblem)
}

/// The physical format of an input file.
public enum SourceFormat: String, Sendable, Codable {
    case csv
    case xml
}

/// What a reader detected about a file before its first record: the sniffer's report.
public struct RawSourceDescription: Sendable, Hashable, Codable {
    public var path: String
    public var format: SourceFormat
    /// The encoding the bytes were decoded from, e.g. `UTF-8`, `UTF-8-BOM`, `windows-1251`.
    public var encoding: String
    /// CSV: the delimiter (`;`, `,`, `\t`, `|`); XML: nil.
    public var delimiter: String?
    /// CSV: `LF`, `CRLF` or `CR`.
    public var lineEnding: String?
    /// CSV: the 1-based line of the header row; XML: the line of the first record element.
    public var headerLine: Int
    /// Field names: the CSV header, or the XML record's field paths.
    public var header: [String]
    /// XML: the name of the repeating record element.
    public var recordElement: String?

    public init(
        path: String, format: SourceFormat, encoding: String, delimiter: String? = nil,
        lineEnding: String? = nil, headerLine: Int, header: [String], recordElement: String? = nil
    ) {
        self.path = path
        self.format = format
        self.encoding = encoding
        self.delimiter = delimiter
        self.lineEnding = lineEnding
        self.headerLine = headerLine
        self.header = header
        self.recordElement = recordElement
    }

    enum CodingKeys: String, CodingKey {
        case path
        case format
        case encoding
        case delimiter
        case lineEnding = "line_ending"
        case headerLine = "header_line"
        case header
        case recordElement = "record_element"
    }
}

/// A streaming source of raw rows: a CSV or XML reader over one file.
///
/// `next()` returns nil at the end. It throws only for file-level failures (a hostile or
/// malformed XML file, an encoding error, an I/O error): then nothing from the file may be kept.
public protocol RawRowSource: AnyObject {
    var description: RawSourceDescription { get }
    func next() throws -> RawRowResult?
}
