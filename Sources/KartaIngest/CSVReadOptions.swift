import KartaModel

/// How to read one CSV file: every guess of the sniffer can be overridden here.
public struct CSVReadOptions: Sendable, Hashable {
    /// The file's encoding; nil detects it (BOM, UTF-8 validity, Cyrillic frequencies).
    public var encoding: TextEncoding?
    /// The delimiter byte (`;`, `,`, TAB, `|`); nil sniffs it.
    public var delimiter: UInt8?
    /// The quote byte; nil sniffs it (`"` unless the file clearly quotes with `'`).
    public var quote: UInt8?
    /// The 1-based physical line of the header row; nil finds it below any title lines.
    public var headerLine: Int?
    /// A field longer than this (in the file's bytes) makes its record a `field_too_large` reject.
    public var maxFieldBytes: Int
    /// Rejects keep at most this many characters of the record's text.
    public var rawTextLimit: Int
    /// Drop blanks and tabs around unquoted fields (off: values are kept exactly as written).
    public var trimUnquoted: Bool
    /// Accept a file with a header and no data rows (as zero rows) instead of refusing it.
    public var allowHeaderOnly: Bool
    /// How many bytes are read at a time; memory use is a small multiple of this.
    public var chunkBytes: Int
    /// How many bytes at the start of the file the sniffer looks at.
    public var sampleBytes: Int

    public init(
        encoding: TextEncoding? = nil, delimiter: UInt8? = nil, quote: UInt8? = nil, headerLine: Int? = nil,
        maxFieldBytes: Int = 1 << 20, rawTextLimit: Int = 2000, trimUnquoted: Bool = false,
        allowHeaderOnly: Bool = false, chunkBytes: Int = 1 << 20, sampleBytes: Int = 64 << 10
    ) {
        self.encoding = encoding
        self.delimiter = delimiter
        self.quote = quote
        self.headerLine = headerLine
        self.maxFieldBytes = maxFieldBytes
        self.rawTextLimit = rawTextLimit
        self.trimUnquoted = trimUnquoted
        self.allowHeaderOnly = allowHeaderOnly
        self.chunkBytes = chunkBytes
        self.sampleBytes = sampleBytes
    }

    /// Parses a delimiter as a person types it: `;`, `,`, `|`, `\t`, `tab`, `semicolon`, …
    public static func delimiter(named name: String) -> UInt8? {
        switch name.lowercased() {
        case "\\t", "\t", "tab": 0x09
        case ";", "semicolon": UInt8(ascii: ";")
        case ",", "comma": UInt8(ascii: ",")
        case "|", "pipe": UInt8(ascii: "|")
        default:
            name.utf8.count == 1
                && name.utf8.first.map { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") } == true
                ? name.utf8.first : nil
        }
    }
}
