import Foundation
import GRDB

/// The planning criteria a run computed its draft with: where the file was, its version and
/// status, its SHA-256 and its text (so that a later `karta explain` uses exactly these criteria
/// even when the file has since changed or the command runs from another folder).
public struct RunCriteria: Sendable, Hashable, Codable {
    /// The criteria file as the pipeline named it (absolute); nil when the run used none.
    public var path: String?
    public var version: String
    public var status: String
    public var sha256: String?
    /// The file's text; nil when the run used none.
    public var yaml: String?

    public init(path: String?, version: String, status: String, sha256: String?, yaml: String?) {
        self.path = path
        self.version = version
        self.status = status
        self.sha256 = sha256
        self.yaml = yaml
    }
}

extension Store {
    /// Records the criteria of a run (one row per run; a second call replaces the first).
    public func recordCriteria(runID: String, _ criteria: RunCriteria) throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO run_criteria (run_id, path, version, status, sha256, yaml)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    runID, criteria.path, criteria.version, criteria.status, criteria.sha256, criteria.yaml,
                ])
        }
    }

    /// The criteria of the newest run that recorded some and kept a draft (the draft that was
    /// published); nil when no run did.
    public func latestRunCriteria() throws -> (runID: String, criteria: RunCriteria)? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT run_criteria.* FROM run_criteria JOIN runs ON runs.id = run_criteria.run_id
                        WHERE runs.draft_json IS NOT NULL ORDER BY runs.rowid DESC LIMIT 1
                        """)
            else { return nil }
            return (
                row["run_id"],
                RunCriteria(
                    path: row["path"], version: row["version"], status: row["status"], sha256: row["sha256"],
                    yaml: row["yaml"])
            )
        }
    }
}
