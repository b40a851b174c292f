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
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (id, started_at, karta_version, pipeline_path, pipeline_sha256, command)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, started, kartaVersion, pipelinePath, pipelineSHA256, command])
        }
        return id
    }

    /// Records how a run ended.
    public func finishRun(id: String, outcome: String, exitStatus: Int32, manifestJSON: String? = nil) throws {
        try database.write { db in
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
