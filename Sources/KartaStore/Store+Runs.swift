import Foundation
import GRDB
import KartaModel

extension Store {
    /// Records the start of a run and returns its id (`2025-06-01T02:00:00Z-1a2b3c4d` style:
    /// sortable by time, unique).
    public func startRun(command: String, pipelinePath: String? = nil, pipelineSHA256: String? = nil)
        throws -> String
    {
        let started = Self.timestamp()
        let id = started + "-" + UUID().uuidString.prefix(8).lowercased()
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (id, started_at, karta_version, pipeline_path, pipeline_sha256, command)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, started, kartaVersion, pipelinePath, pipelineSHA256, command])
        }
        return id
    }

    /// Keeps the draft a run computed (JSON, lineage stripped) for `karta diff RUN RUN`.
    public func saveDraft(runID: String, json: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE runs SET draft_json = ? WHERE id = ?", arguments: [json, runID])
        }
    }

    /// The draft a run kept: `id` is a run id, a unique prefix of one, `latest` or `previous`
    /// (the newest and second-newest runs that kept a draft). Nil when there is no such run.
    public func storedDraft(run id: String) throws -> (runID: String, json: String)? {
        try read { db in
            let rows: [Row]
            switch id {
            case "latest", "previous":
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, draft_json FROM runs WHERE draft_json IS NOT NULL
                        ORDER BY rowid DESC LIMIT 1 OFFSET ?
                        """, arguments: [id == "latest" ? 0 : 1])
            default:
                rows = try Row.fetchAll(
                    db,
                    sql: "SELECT id, draft_json FROM runs WHERE draft_json IS NOT NULL AND id LIKE ? || '%'",
                    arguments: [id])
            }
            guard rows.count == 1, let json: String = rows[0]["draft_json"] else { return nil }
            return (rows[0]["id"], json)
        }
    }

    /// Records how a run ended.
    public func finishRun(id: String, outcome: String, exitStatus: Int32, manifestJSON: String? = nil) throws
    {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE runs SET finished_at = ?, outcome = ?, exit_status = ?, manifest_json = ?
                    WHERE id = ?
                    """,
                arguments: [Self.timestamp(), outcome, Int(exitStatus), manifestJSON, id])
        }
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}

/// A run as kept in the store, for `karta history`.
public struct StoredRun: Sendable, Hashable, Codable {
    public var id: String
    public var startedAt: String
    public var finishedAt: String?
    public var kartaVersion: String
    public var pipelinePath: String?
    public var command: String
    public var outcome: String?
    public var exitStatus: Int?
    /// The run manifest (`run.json`) when the run wrote one.
    public var manifestJSON: String?

    public init(
        id: String, startedAt: String, finishedAt: String?, kartaVersion: String, pipelinePath: String?,
        command: String, outcome: String?, exitStatus: Int?, manifestJSON: String?
    ) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.kartaVersion = kartaVersion
        self.pipelinePath = pipelinePath
        self.command = command
        self.outcome = outcome
        self.exitStatus = exitStatus
        self.manifestJSON = manifestJSON
    }

    enum CodingKeys: String, CodingKey {
        case id
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case kartaVersion = "karta_version"
        case pipelinePath = "pipeline_path"
        case command
        case outcome
        case exitStatus = "exit_status"
        case manifestJSON = "manifest_json"
    }
}

extension Store {
    /// Every run, newest first (at most `limit`).
    public func runs(limit: Int = 100) throws -> [StoredRun] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM runs ORDER BY rowid DESC LIMIT ?", arguments: [limit]
            ).map { row in
                StoredRun(
                    id: row["id"], startedAt: row["started_at"], finishedAt: row["finished_at"],
                    kartaVersion: row["karta_version"], pipelinePath: row["pipeline_path"],
                    command: row["command"], outcome: row["outcome"], exitStatus: row["exit_status"],
                    manifestJSON: row["manifest_json"])
            }
        }
    }

    /// Removes sources (and, by cascade, their records and rejects) in one transaction: the files
    /// no longer exist among a pipeline's inputs. Returns how many were removed.
    @discardableResult
    public func removeSources(paths: [String]) throws -> Int {
        guard !paths.isEmpty else { return 0 }
        return try write { db in
            var removed = 0
            for path in paths {
                try db.execute(sql: "DELETE FROM sources WHERE path = ?", arguments: [path])
                removed += db.changesCount
            }
            return removed
        }
    }
}

extension Store {
    /// Marks every run that never finished as `interrupted` (it died: the caller holds the lock,
    /// so none of them is running) and returns their ids, oldest first.
    @discardableResult
    public func markInterruptedRuns() throws -> [String] {
        try write { db in
            let ids = try String.fetchAll(
                db, sql: "SELECT id FROM runs WHERE finished_at IS NULL AND outcome IS NULL ORDER BY rowid")
            try db.execute(
                sql: "UPDATE runs SET outcome = 'interrupted' WHERE finished_at IS NULL AND outcome IS NULL")
            return ids
        }
    }

    /// Gives sources stored under an absolute path inside `root` (by karta versions before
    /// schema 5) their path relative to `root`, marked changed so that the run reloads them under
    /// their new identity. Returns how many were renamed.
    @discardableResult
    public func rebaseSourcePaths(root: String) throws -> Int {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return try write { db in
            let paths = try String.fetchAll(
                db, sql: "SELECT path FROM sources WHERE substr(path, 1, ?) = ?",
                arguments: [prefix.unicodeScalars.count, prefix])
            for path in paths {
                let relative = String(path.dropFirst(prefix.count))
                if try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM sources WHERE path = ?)", arguments: [relative])
                    == true
                {
                    try db.execute(sql: "DELETE FROM sources WHERE path = ?", arguments: [path])
                } else {
                    try db.execute(
                        sql: "UPDATE sources SET path = ?, sha256 = '' WHERE path = ?",
                        arguments: [relative, path])
                }
            }
            return paths.count
        }
    }
}
