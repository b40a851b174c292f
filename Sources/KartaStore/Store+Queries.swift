import Foundation
import GRDB
import KartaModel

extension Store {
    /// Every stored source with its row accounting and rejects per reason, by path.
    public func sourceSummaries() throws -> [SourceReport] {
        try read { db in try Self.fetchSummaries(db, path: nil) }
    }

    /// The stored rejects, optionally of one source, in file order.
    public func rejects(sourcePath: String? = nil) throws -> [StoredReject] {
        try read { db in
            var sql = """
                SELECT sources.path AS source_path, rejects.line, rejects.byte_offset, rejects.record_index,
                  rejects.column_name, rejects.reason, rejects.message, rejects.raw_text
                FROM rejects JOIN sources ON sources.id = rejects.source_id
                """
            var arguments: StatementArguments = []
            if let sourcePath {
                sql += " WHERE sources.path = ?"
                arguments = [sourcePath]
            }
            sql += " ORDER BY sources.path, rejects.record_index, rejects.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                StoredReject(
                    sourcePath: row["source_path"], line: row["line"], byteOffset: row["byte_offset"],
                    recordIndex: row["record_index"], column: row["column_name"], reason: row["reason"],
                    message: row["message"], rawText: row["raw_text"])
            }
        }
    }

    /// Every stored reject, one at a time in no stated order.
    public func forEachReject(_ body: (StoredReject) throws -> Void) throws {
        try read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT sources.path, rejects.line, rejects.byte_offset, rejects.record_index,
                      rejects.column_name, rejects.reason, rejects.message, rejects.raw_text
                    FROM rejects JOIN sources ON sources.id = rejects.source_id
                    """)
            while let row = try rows.next() {
                try body(
                    StoredReject(
                        sourcePath: row[0], line: row[1], byteOffset: row[2], recordIndex: row[3],
                        column: row[4],
                        reason: row[5], message: row[6], rawText: row[7]))
            }
        }
    }

    /// For each source (by path) with at least one reject: the distinct municipality codes of
    /// its records.
    public func municipalitiesOfSourcesWithRejects() throws -> [String: [String]] {
        try read { db in
            var result: [String: [String]] = [:]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT sources.path, records.municipality_code
                    FROM records JOIN sources ON sources.id = records.source_id
                    WHERE records.source_id IN (SELECT DISTINCT source_id FROM rejects)
                    """)
            for row in rows { result[row[0], default: []].append(row[1]) }
            return result
        }
    }

    static func fetchSummaries(_ db: Database, path: String?) throws -> [SourceReport] {
        let sql =
            "SELECT * FROM sources" + (path == nil ? "" : " WHERE path = ?") + " ORDER BY path"
        let rows = try Row.fetchAll(db, sql: sql, arguments: path.map { [$0] } ?? [])
        return try rows.map { row in
            let id: Int64 = row["id"]
            var byReason: [String: Int] = [:]
            for reasonRow in try Row.fetchAll(
                db, sql: "SELECT reason, COUNT(*) AS n FROM rejects WHERE source_id = ? GROUP BY reason",
                arguments: [id])
            {
                byReason[reasonRow["reason"]] = reasonRow["n"]
            }
            let droppedJSON: String = row["dropped_columns"]
            let dropped = (try? JSONDecoder().decode([String].self, from: Data(droppedJSON.utf8))) ?? []
            let path: String = row["path"]
            let (kindText, formatText, statusText): (String, String, String) = (
                row["kind"], row["format"], row["status"]
            )
            guard let kind = SourceKind(rawValue: kindText), let format = SourceFormat(rawValue: formatText),
                let status = SourceReport.Status(rawValue: statusText)
            else {
                throw StoreError.internalInconsistency(
                    "source \(path): unknown kind, format or status (\(kindText), \(formatText), \(statusText))"
                )
            }
            var report = SourceReport(
                path: path, kind: kind, status: status, sha256: row["sha256"], encoding: row["encoding"],
                delimiter: row["delimiter"], rowsRead: row["rows_read"], loaded: row["loaded"],
                rejected: row["rejected"], nonData: row["non_data"], rejectsByReason: byReason,
                droppedColumns: dropped, size: row["size"], format: format, runID: row["run_id"])
            report.storeID = id
            return report
        }
    }
}
