/// What karta knows of one input file: its identity (path, SHA-256, kind), how it was read
/// (encoding, delimiter, header line, bindings), what happened to it (status, error) and its row
/// accounting (`rows_read = loaded + rejected + non_data`, rejects per reason).
///
/// The one per-file report: what ``SourceIngestion`` returns, the run manifest's `inputs[]`
/// entry (its `Codable` form), the `files[]` entry of `karta ingest --json`
/// (``encodeIngestEntry(to:)``) and the store's view of a stored source.
public struct SourceReport: Sendable, Hashable, Codable {
    /// What happened to the file.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Read and stored (the stored view of a source is always `loaded`).
        case loaded
        /// Stored before with the same SHA-256: not read again.
        case unchanged
        /// The file could not be read or parsed as a whole; nothing from it was stored.
        case refused
    }

    /// The path under which the store keeps the source: relative to the pipeline's root, or as
    /// given to `karta ingest`; personal numbers masked. Every message names the file by it.
    public var path: String
    public var kind: SourceKind
    public var status: Status
    /// Hex SHA-256 of the file's bytes; nil when the file could not be read.
    public var sha256: String?
    public var encoding: String?
    public var delimiter: String?
    public var headerLine: Int?
    public var rowsRead: Int
    public var loaded: Int
    public var rejected: Int
    public var nonData: Int
    /// Reject counts keyed by reason code (`unknown_service`, …).
    public var rejectsByReason: [String: Int]
    /// Columns dropped as personal data (never stored).
    public var droppedColumns: [String]
    /// Each canonical field (`capacity`) and the header, exactly as written, bound to it.
    public var bindings: [String: String]
    /// Seconds the ingestion took, to the millisecond; nil in the store's view.
    public var durationSeconds: Double?
    /// Why the file was refused.
    public var error: String?

    // Not part of the JSON: the store's bookkeeping and the process's own state.

    /// The file's size in bytes (store's view).
    public var size: Int64? = nil
    /// `csv` or `xml` (store's view).
    public var format: SourceFormat? = nil
    /// The run that stored this version of the file (store's view).
    public var runID: String? = nil
    /// The source's row id in the store (store's view): drafts cite sources by it.
    public var storeID: Int64? = nil
    /// Set when the store, not the file, failed (disk full, read-only, I/O): the run stops with
    /// exit status 74 instead of refusing the file.
    public var environmentFailure: String? = nil

    public init(
        path: String, kind: SourceKind, status: Status, sha256: String? = nil, encoding: String? = nil,
        delimiter: String? = nil, headerLine: Int? = nil, rowsRead: Int = 0, loaded: Int = 0, rejected: Int = 0,
        nonData: Int = 0, rejectsByReason: [String: Int] = [:], droppedColumns: [String] = [],
        bindings: [String: String] = [:], durationSeconds: Double? = nil, error: String? = nil,
        size: Int64? = nil, format: SourceFormat? = nil, runID: String? = nil
    ) {
        self.path = path
        self.kind = kind
        self.status = status
        self.sha256 = sha256
        self.encoding = encoding
        self.delimiter = delimiter
        self.headerLine = headerLine
        self.rowsRead = rowsRead
        self.loaded = loaded
        self.rejected = rejected
        self.nonData = nonData
        self.rejectsByReason = rejectsByReason
        self.droppedColumns = droppedColumns
        self.bindings = bindings
        self.durationSeconds = durationSeconds
        self.error = error
        self.size = size
        self.format = format
        self.runID = runID
    }

    /// A file refused before anything was read from it.
    public static func refused(path: String, kind: SourceKind, error: String) -> SourceReport {
        SourceReport(path: path, kind: kind, status: .refused, durationSeconds: 0, error: error)
    }

    /// The keys of the run manifest's `inputs[]` entry (`docs/formats.md`).
    enum CodingKeys: String, CodingKey {
        case path, sha256, kind, encoding, delimiter, headerLine = "header_line", rowsRead = "rows_read"
        case loaded, rejected, nonData = "non_data", rejectsByReason = "rejects_by_reason"
        case droppedColumns = "dropped_columns", status, durationSeconds = "duration_seconds", error
        case bindings
    }

    /// Writes the `files[]` entry of `karta ingest --json` (README, "Command line"): exactly
    /// `path`, `status`, `encoding` (null when unknown), `rows_read`, `loaded`, `rejected`,
    /// `non_data`, `rejects_by_reason`, `bindings`, and `error` for refused files only.
    public func encodeIngestEntry(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(status, forKey: .status)
        try container.encode(encoding, forKey: .encoding)
        try container.encode(rowsRead, forKey: .rowsRead)
        try container.encode(loaded, forKey: .loaded)
        try container.encode(rejected, forKey: .rejected)
        try container.encode(nonData, forKey: .nonData)
        try container.encode(rejectsByReason, forKey: .rejectsByReason)
        try container.encode(bindings, forKey: .bindings)
        if status == .refused { try container.encode(error ?? "refused", forKey: .error) }
    }
}
