import KartaModel

/// How to read an input file, whatever its format.
public struct SourceReadOptions: Sendable, Hashable {
    /// The format; nil decides from the extension and the first bytes.
    public var format: SourceFormat?
    /// Options for CSV files (encoding, delimiter, header line, limits).
    public var csv: CSVReadOptions
    /// Options for XML files (record mapping, limits against hostile files).
    public var xml: XMLReadOptions

    public init(
        format: SourceFormat? = nil, csv: CSVReadOptions = CSVReadOptions(),
        xml: XMLReadOptions = XMLReadOptions()
    ) {
        self.format = format
        self.csv = csv
        self.xml = xml
    }
}

/// The one entry point for reading an input file: picks the reader for its format.
public enum SourceReader {
    /// Opens the file at `path` as a stream of raw rows.
    ///
    /// Throws ``IngestError`` (CSV) or ``XMLReadError`` (XML) when the file cannot be read as a
    /// whole (missing, a directory, empty, binary, wrong encoding, no header, hostile or malformed
    /// XML).
    public static func open(path: String, options: SourceReadOptions = SourceReadOptions()) throws
        -> any RawRowSource
    {
        switch try options.format ?? detectFormat(path: path) {
        case .csv:
            return try CSVReader(path: path, options: options.csv)
        case .xml:
            return try XMLReader(path: path, options: options.xml)
        }
    }

    /// XML when the name ends in `.xml` or the text starts with `<` (after a BOM and blanks);
    /// CSV otherwise.
    public static func detectFormat(path: String) throws -> SourceFormat {
        if path.lowercased().hasSuffix(".xml") { return .xml }
        let file = try SourceFile(path: path)
        let head = try file.read(count: 512)
        return startsLikeXML(head) ? .xml : .csv
    }

    /// Whether the first non-blank character is `<` in UTF-8, UTF-16 or a single-byte encoding.
    static func startsLikeXML(_ head: [UInt8]) -> Bool {
        let text = head.filter { $0 != 0 }  // UTF-16 ASCII: drop the zero bytes
        var index = text.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if text.starts(with: [0xFF, 0xFE]) || text.starts(with: [0xFE, 0xFF]) { index = 2 }
        while index < text.count, [0x20, 0x09, 0x0A, 0x0D].contains(text[index]) { index += 1 }
        return index < text.count && text[index] == UInt8(ascii: "<")
    }
}
