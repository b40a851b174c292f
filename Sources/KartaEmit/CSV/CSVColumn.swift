/// A documented column of a file karta writes: its Bulgarian header, its stable English key, what
/// it means and its type. The same list writes the header and `docs/formats.md`.
public struct CSVColumn: Sendable, Hashable {
    /// What a column holds, as documented.
    public enum ValueType: String, Sendable, Hashable {
        case text
        case code
        case integer
        case decimal2 = "decimal (2 places)"
        case decimal4 = "decimal (4 places)"
        case boolean = "0/1"
        case list = "list (`|`-separated)"
    }

    public var headerBG: String
    public var key: String
    public var meaning: String
    public var type: ValueType

    public init(_ headerBG: String, key: String, _ type: ValueType, _ meaning: String) {
        self.headerBG = headerBG
        self.key = key
        self.type = type
        self.meaning = meaning
    }
}

/// A table written as CSV: its file name, its columns and its rows.
public struct CSVTable: Sendable {
    public var fileName: String
    public var title: String
    public var columns: [CSVColumn]
    public var rows: [[CSVValue]]

    public init(fileName: String, title: String, columns: [CSVColumn], rows: [[CSVValue]]) {
        self.fileName = fileName
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// The table's bytes in `dialect`: preamble, Bulgarian header (Excel) or English keys (plain),
    /// rows.
    public func encoded(_ dialect: CSVDialect) -> [UInt8] {
        let encoder = CSVRowEncoder(dialect: dialect)
        var output = encoder.preamble
        encoder.encodeHeader(Self.header(columns, dialect: dialect), into: &output)
        for row in rows { encoder.encode(row, into: &output) }
        return output
    }

    /// Excel files carry the Bulgarian headers; plain (machine) files the English keys.
    public static func header(_ columns: [CSVColumn], dialect: CSVDialect) -> [String] {
        dialect.bulgarianHeaders ? columns.map(\.headerBG) : columns.map(\.key)
    }
}
