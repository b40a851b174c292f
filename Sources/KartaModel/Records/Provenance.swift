/// Where a row came from, exactly enough to find it again in the file that was sent.
public struct SourcePosition: Sendable, Hashable, Codable {
    /// 1-based physical line where the record starts (a quoted field may span several lines).
    public var line: Int
    /// 1-based column (XML) or field index (CSV) where it starts, when known.
    public var column: Int?
    /// 0-based byte offset of the record's first byte in the file as stored on disk.
    public var byteOffset: Int64
    /// 0-based index of the record among the file's records after the header.
    public var recordIndex: Int

    public init(line: Int, column: Int? = nil, byteOffset: Int64, recordIndex: Int) {
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.recordIndex = recordIndex
    }

    enum CodingKeys: String, CodingKey {
        case line
        case column
        case byteOffset = "byte_offset"
        case recordIndex = "record_index"
    }
}

/// The provenance of a record or reject: the source file, its content hash, where in it, and
/// which run loaded it.
public struct Provenance: Sendable, Hashable, Codable {
    public var sourcePath: String
    /// Hex SHA-256 of the file's bytes.
    public var sourceSHA256: String
    public var position: SourcePosition
    public var runID: String

    public init(sourcePath: String, sourceSHA256: String, position: SourcePosition, runID: String) {
        self.sourcePath = sourcePath
        self.sourceSHA256 = sourceSHA256
        self.position = position
        self.runID = runID
    }

    enum CodingKeys: String, CodingKey {
        case sourcePath = "source_path"
        case sourceSHA256 = "source_sha256"
        case position
        case runID = "run_id"
    }
}
