import Foundation
import KartaModel
import KartaStore
import PostgresNIO

/// What a run writes, on PostgreSQL: one transaction per run (each source in a savepoint of it,
/// as on SQLite), ids derived from the data (``StoredID``) rather than drawn from a sequence, so
/// that a rolled-back run leaves no gap and the same inputs give the same ids on both backends.
extension PostgresStore: StoreWriting {
    public func inRunTransaction<T>(_ body: () throws -> T) throws -> T {
        try transactions.open { try session.transaction { try body() } }
    }

    /// Runs `body` in a transaction of its own, or inside a run transaction in a savepoint of it:
    /// a failure undoes only what `body` did.
    func write<T>(_ body: () throws -> T) throws -> T {
        guard transactions.isOpen else {
            return try transactions.open { try session.transaction { try body() } }
        }
        try session.execute("SAVEPOINT karta_write")
        let result: T
        do {
            result = try body()
        } catch {
            try? session.execute("ROLLBACK TO SAVEPOINT karta_write")
            try? session.execute("RELEASE SAVEPOINT karta_write")
            throw error
        }
        try session.execute("RELEASE SAVEPOINT karta_write")
        return result
    }

    /// The run's `started_at` is later than every stored run's (a second later when the clock
    /// says otherwise), so that newest-first is a total order: runs hold the writers' lock, and
    /// PostgreSQL has no insertion order to fall back on as SQLite's rowid is.
    public func startRun(command: String, pipelinePath: String?, pipelineSHA256: String?) throws -> String {
        try write {
            var started = Date()
            if let latest = try session.rows("SELECT max(started_at COLLATE \"C\") FROM karta.runs").first?
                .decode(String?.self),
                let latestDate = Self.timestampFormatter.date(from: latest),
                latestDate >= started.addingTimeInterval(-0.999)
            {
                started = max(started, latestDate.addingTimeInterval(1))
            }
            let startedAt = Self.timestampFormatter.string(from: started)
            let id = startedAt + "-" + UUID().uuidString.prefix(8).lowercased()
            try session.execute(
                """
                INSERT INTO karta.runs (id, started_at, karta_version, pipeline_path, pipeline_sha256, command)
                VALUES (\(id), \(startedAt), \(kartaVersion), \(pipelinePath), \(pipelineSHA256), \(command))
                """)
            return id
        }
    }

    private static var timestampFormatter: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }

    public func saveDraft(runID: String, json: String) throws {
        try write { try session.execute("UPDATE karta.runs SET draft_json = \(json) WHERE id = \(runID)") }
    }

    public func finishRun(id: String, outcome: String, exitStatus: Int32, manifestJSON: String?) throws {
        let finished = Self.timestampFormatter.string(from: Date())
        try write {
            try session.execute(
                """
                UPDATE karta.runs SET finished_at = \(finished), outcome = \(outcome), exit_status = \(Int(exitStatus)),
                  manifest_json = \(manifestJSON)
                WHERE id = \(id)
                """)
        }
    }

    public func recordCriteria(runID: String, _ criteria: RunCriteria) throws {
        try write {
            try session.execute(
                """
                INSERT INTO karta.run_criteria (run_id, path, version, status, sha256, yaml)
                VALUES (\(runID), \(criteria.path), \(criteria.version), \(criteria.status), \(criteria.sha256),
                        \(criteria.yaml))
                ON CONFLICT (run_id) DO UPDATE SET path = excluded.path, version = excluded.version,
                  status = excluded.status, sha256 = excluded.sha256, yaml = excluded.yaml
                """)
        }
    }

    @discardableResult
    public func removeSources(paths: [String]) throws -> Int {
        guard !paths.isEmpty else { return 0 }
        return try write {
            try session.rows("DELETE FROM karta.sources WHERE path = ANY(\(paths)) RETURNING id").count
        }
    }

    @discardableResult
    public func markInterruptedRuns() throws -> [String] {
        try write {
            try session.rows(
                """
                UPDATE karta.runs SET outcome = 'interrupted' WHERE finished_at IS NULL AND outcome IS NULL
                RETURNING id, started_at
                """
            ).map { try $0.decode((String, String).self) }
                .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
        }
    }

    @discardableResult
    public func rebaseSourcePaths(root: String) throws -> Int {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return try write {
            let paths = try session.rows(
                "SELECT path FROM karta.sources WHERE left(path, \(prefix.unicodeScalars.count)::integer) = \(prefix)"
            ).map { try $0.decode(String.self) }
            for path in paths {
                let relative = String(path.dropFirst(prefix.count))
                let taken =
                    try session.rows("SELECT EXISTS (SELECT 1 FROM karta.sources WHERE path = \(relative))")
                    .first?.decode(Bool.self) ?? false
                if taken {
                    try session.execute("DELETE FROM karta.sources WHERE path = \(path)")
                } else {
                    try session.execute(
                        "UPDATE karta.sources SET path = \(relative), sha256 = '' WHERE path = \(path)")
                }
            }
            return paths.count
        }
    }

    // MARK: Loading a source

    @discardableResult
    public func load(source: SourceInfo, _ body: (any SourceRowWriter) throws -> SourceCompletion) throws
        -> SourceLoadResult
    {
        try write {
            try session.execute("DELETE FROM karta.sources WHERE path = \(source.path)")
            let sourceID = try StoredID.freeSourceID(path: source.path) { id in
                try session.rows("SELECT path FROM karta.sources WHERE id = \(id)").first?.decode(String.self)
            }
            try session.execute(
                """
                INSERT INTO karta.sources (id, path, sha256, size, kind, format, encoding, delimiter, header_line,
                  status, rows_read, loaded, rejected, non_data, run_id)
                VALUES (\(sourceID), \(source.path), \(source.sha256), \(source.size), \(source.kind.rawValue),
                  \(source.format.rawValue), \(source.encoding), \(source.delimiter), \(source.headerLine),
                  'loading', 0, 0, 0, 0, \(source.runID))
                """)
            return try FingerprintTable.withScratchFile { fingerprintTable in
                let writer = PostgresSourceWriter(
                    session: session, sourceID: sourceID, fingerprintTable: fingerprintTable)
                let completion = try body(writer)
                try writer.finish()
                guard completion.rowsRead == writer.loaded + writer.rejected + writer.nonData else {
                    throw RowAccountingError(
                        path: source.path, rowsRead: completion.rowsRead, loaded: writer.loaded,
                        rejected: writer.rejected, nonData: writer.nonData)
                }
                let dropped = String(
                    decoding: (try? JSONEncoder().encode(completion.droppedColumns)) ?? Data("[]".utf8),
                    as: UTF8.self)
                try session.execute(
                    """
                    UPDATE karta.sources SET status = 'loaded', rows_read = \(completion.rowsRead),
                      loaded = \(writer.loaded), rejected = \(writer.rejected), non_data = \(writer.nonData),
                      dropped_columns = \(dropped)
                    WHERE id = \(sourceID)
                    """)
                return SourceLoadResult(
                    sourceID: sourceID, rowsRead: completion.rowsRead, loaded: writer.loaded,
                    rejected: writer.rejected, nonData: writer.nonData,
                    rejectsByReason: writer.rejectsByReason)
            }
        }
    }
}

/// Whether a transaction is open on the store's session, so that a write inside a run uses a
/// savepoint and a consistent read inside a run reads through the run.
final class TransactionState: @unchecked Sendable {
    private let lock = NSLock()
    private var depth = 0

    var isOpen: Bool { lock.withLock { depth > 0 } }

    /// Runs `body` marked as inside a transaction.
    func open<T>(_ body: () throws -> T) rethrows -> T {
        lock.withLock { depth += 1 }
        defer { lock.withLock { depth -= 1 } }
        return try body()
    }
}
