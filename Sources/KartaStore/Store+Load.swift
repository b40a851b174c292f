import Foundation
import GRDB
import KartaModel

/// The outcome of loading one source.
public struct SourceLoadResult: Sendable, Hashable {
    public var sourceID: Int64
    public var rowsRead: Int
    public var loaded: Int
    public var rejected: Int
    public var nonData: Int
    public var rejectsByReason: [RejectReason: Int]

    public init(
        sourceID: Int64, rowsRead: Int, loaded: Int, rejected: Int, nonData: Int,
        rejectsByReason: [RejectReason: Int]
    ) {
        self.sourceID = sourceID
        self.rowsRead = rowsRead
        self.loaded = loaded
        self.rejected = rejected
        self.nonData = nonData
        self.rejectsByReason = rejectsByReason
    }
}

/// A source whose rows do not add up: `rows_read` ≠ loaded + rejected + non-data.
public struct RowAccountingError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var rowsRead: Int
    public var loaded: Int
    public var rejected: Int
    public var nonData: Int

    public init(path: String, rowsRead: Int, loaded: Int, rejected: Int, nonData: Int) {
        self.path = path
        self.rowsRead = rowsRead
        self.loaded = loaded
        self.rejected = rejected
        self.nonData = nonData
    }

    public var description: String {
        "\(path): \(rowsRead) rows read but \(loaded) loaded + \(rejected) rejected + \(nonData) non-data"
    }
}

extension Store {
    /// Files at least this big are bulk loads: the secondary indexes of `records` (all but the
    /// one on `source_id`) are dropped at the start of the transaction and rebuilt, sorted, at
    /// its end — much faster than keeping them up to date row by row. Same transaction, so a
    /// failure restores them with everything else.
    public static let bulkLoadThresholdBytes: Int64 = 32 << 20

    /// SQLite's page cache during a load (`PRAGMA cache_size`; negative: KiB): 32 MiB.
    static let loadCacheSize = -32_768

    /// The stored version of the source at `path`, if any.
    public func storedSource(path: String) throws -> SourceReport? {
        try read { db in try Self.fetchSummaries(db, path: path).first }
    }

    /// True when `path` is stored with this SHA-256: loading it again would change nothing.
    public func isUnchanged(path: String, sha256: String) throws -> Bool {
        try read { db in
            try String.fetchOne(
                db, sql: "SELECT sha256 FROM sources WHERE path = ? AND status = 'loaded'", arguments: [path])
                == sha256
        }
    }

    /// Loads one source in one transaction: removes the previous version of the same path
    /// (records and rejects go with it), lets `body` write every row through the
    /// ``SourceWriter``, checks the row accounting and commits. If `body` throws, or the process
    /// dies before the commit, the store keeps its previous state.
    @discardableResult
    public func load(source: SourceInfo, _ body: (any SourceRowWriter) throws -> SourceCompletion) throws
        -> SourceLoadResult
    {
        try write { db in
            // A bigger page cache while loading: index and table pages stay in memory instead of
            // being read back from the WAL row after row. Bounded, so memory stays flat.
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = \(Self.loadCacheSize)")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            try db.execute(sql: "DELETE FROM sources WHERE path = ?", arguments: [source.path])
            let sourceID = try StoredID.freeSourceID(db, path: source.path)
            try db.execute(
                sql: """
                    INSERT INTO sources (id, path, sha256, size, kind, format, encoding, delimiter,
                      header_line, status, rows_read, loaded, rejected, non_data, run_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'loading', 0, 0, 0, 0, ?)
                    """,
                arguments: [
                    sourceID, source.path, source.sha256, source.size, source.kind.rawValue,
                    source.format.rawValue,
                    source.encoding, source.delimiter, source.headerLine, source.runID,
                ])
            var deferredIndexes: [String] = []
            if source.size >= Self.bulkLoadThresholdBytes {
                let indexes = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records'
                          AND sql IS NOT NULL AND name <> 'records_on_source_id'
                        """)
                for index in indexes {
                    let name: String = index["name"]
                    deferredIndexes.append(index["sql"])
                    try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
                }
            }
            let writer = try SourceWriter(db: db, sourceID: sourceID)
            let completion = try body(writer)
            try writer.finish()
            if let fingerprints = writer.fingerprints {
                if let error = fingerprints.error { throw error }
                try FingerprintTable.empty(db)
            }
            guard completion.rowsRead == writer.loaded + writer.rejected + writer.nonData else {
                throw RowAccountingError(
                    path: source.path, rowsRead: completion.rowsRead, loaded: writer.loaded,
                    rejected: writer.rejected, nonData: writer.nonData)
            }
            for sql in deferredIndexes { try db.execute(sql: sql) }
            let dropped = String(
                decoding: (try? JSONEncoder().encode(completion.droppedColumns)) ?? Data("[]".utf8),
                as: UTF8.self)
            try db.execute(
                sql: """
                    UPDATE sources SET status = 'loaded', rows_read = ?, loaded = ?, rejected = ?,
                      non_data = ?, dropped_columns = ? WHERE id = ?
                    """,
                arguments: [
                    completion.rowsRead, writer.loaded, writer.rejected, writer.nonData, dropped, sourceID,
                ])
            return SourceLoadResult(
                sourceID: sourceID, rowsRead: completion.rowsRead, loaded: writer.loaded,
                rejected: writer.rejected, nonData: writer.nonData, rejectsByReason: writer.rejectsByReason)
        }
    }
}
