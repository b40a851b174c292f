import Foundation
import GRDB
import GRDBSQLite

/// A temporary table of 128-bit row fingerprints on the connection of one load: where duplicate
/// detection keeps what no longer fits in memory. It lives in SQLite's temp database (a file
/// by default), so memory stays flat however many rows a file has. Valid only inside
/// ``Store/load(source:_:)``; emptied when the load ends.
public final class FingerprintTable {
    private let insert: RawInsert
    private let lookup: SQLiteStatement
    private let lookupStatement: Statement
    /// The first error of an insert or lookup: ``Store/load(source:_:)`` throws it at the end.
    public private(set) var error: (any Error)?

    init(db: Database) throws {
        try db.execute(
            sql: """
                CREATE TEMP TABLE IF NOT EXISTS karta_row_fingerprints (
                  high INTEGER NOT NULL, low INTEGER NOT NULL, PRIMARY KEY (high, low)) WITHOUT ROWID
                """)
        try db.execute(sql: "DELETE FROM temp.karta_row_fingerprints")
        insert = try RawInsert(
            db, sql: "INSERT OR IGNORE INTO temp.karta_row_fingerprints (high, low) VALUES (?, ?)")
        lookupStatement = try db.makeStatement(
            sql: "SELECT 1 FROM temp.karta_row_fingerprints WHERE high = ? AND low = ?")
        lookup = lookupStatement.sqliteStatement
    }

    /// Stores fingerprints given as (high, low) bit patterns, best sorted.
    public func store(_ fingerprints: [(high: UInt64, low: UInt64)]) {
        guard error == nil else { return }
        do {
            for fingerprint in fingerprints {
                insert.bind(1, Int64(bitPattern: fingerprint.high))
                insert.bind(2, Int64(bitPattern: fingerprint.low))
                try insert.run()
            }
        } catch {
            self.error = error
        }
    }

    /// True when the fingerprint was stored before (false after an error, which the load reports).
    public func contains(high: UInt64, low: UInt64) -> Bool {
        guard error == nil else { return false }
        sqlite3_bind_int64(lookup, 1, Int64(bitPattern: high))
        sqlite3_bind_int64(lookup, 2, Int64(bitPattern: low))
        let code = sqlite3_step(lookup)
        sqlite3_reset(lookup)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            error = DatabaseError(
                resultCode: ResultCode(rawValue: code), message: "looking up a row fingerprint failed")
            return false
        }
    }

    static func empty(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM temp.karta_row_fingerprints")
    }
}

extension FingerprintTable {
    /// Runs `body` with a maker of fingerprint tables in a scratch SQLite file of its own, removed
    /// afterwards: for a backend whose own temporary tables sit across a network, where a lookup
    /// per row would cost a round trip. The maker returns the same table every time, valid only
    /// during `body`.
    public static func withScratchFile<T>(
        _ body: (_ table: @escaping () throws -> FingerprintTable) throws -> T
    )
        throws -> T
    {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "karta-fingerprints-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("fingerprints.sqlite").path)
        defer { try? queue.close() }
        return try queue.inDatabase { db in
            var made: FingerprintTable?
            return try body {
                if let made { return made }
                let table = try FingerprintTable(db: db)
                made = table
                return table
            }
        }
    }
}
