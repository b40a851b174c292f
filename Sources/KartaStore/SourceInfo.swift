import KartaModel

/// What the store needs to begin loading one input file: its identity and how it was read.
/// What the store knows of a stored file afterwards (status, row accounting) is a
/// ``SourceReport`` (``Store/storedSource(path:)``).
public struct SourceInfo: Sendable, Hashable {
    /// The file's path as identity in the store (callers pass an absolute, standardized path).
    public var path: String
    public var sha256: String
    public var size: Int64
    public var kind: SourceKind
    public var format: SourceFormat
    public var encoding: String?
    public var delimiter: String?
    public var headerLine: Int?
    public var runID: String

    public init(
        path: String, sha256: String, size: Int64, kind: SourceKind, format: SourceFormat,
        encoding: String? = nil, delimiter: String? = nil, headerLine: Int? = nil, runID: String
    ) {
        self.path = path
        self.sha256 = sha256
        self.size = size
        self.kind = kind
        self.format = format
        self.encoding = encoding
        self.delimiter = delimiter
        self.headerLine = headerLine
        self.runID = runID
    }
}

/// What the loading closure reports when it has written every row.
public struct SourceCompletion: Sendable, Hashable {
    /// Records the reader yielded after the header (blank rows excluded), counted independently
    /// of the writer: the store checks `rows_read = loaded + rejected + non_data`.
    public var rowsRead: Int
    /// Names of the columns dropped as personal data.
    public var droppedColumns: [String]

    public init(rowsRead: Int, droppedColumns: [String] = []) {
        self.rowsRead = rowsRead
        self.droppedColumns = droppedColumns
    }
}

/// A reject as stored, for the rejects report sent back to a municipality.
public struct StoredReject: Sendable, Hashable, Codable {
    public var sourcePath: String
    public var line: Int
    public var byteOffset: Int64
    public var recordIndex: Int
    public var column: String?
    public var reason: String
    public var message: String
    public var rawText: String

    public init(
        sourcePath: String, line: Int, byteOffset: Int64, recordIndex: Int, column: String?, reason: String,
        message: String, rawText: String
    ) {
        self.sourcePath = sourcePath
        self.line = line
        self.byteOffset = byteOffset
        self.recordIndex = recordIndex
        self.column = column
        self.reason = reason
        self.message = message
        self.rawText = rawText
    }

    enum CodingKeys: String, CodingKey {
        case sourcePath = "source_path"
        case line
        case byteOffset = "byte_offset"
        case recordIndex = "record_index"
        case column
        case reason
        case message
        case rawText = "raw_text"
    }
}
