import Foundation
import GRDB
import GRDBSQLite

/// Steps the records export's statement with SQLite's C API and hands each row over with its
/// text borrowed from SQLite (``RecordExportRow``).
///
/// Why not GRDB's `Row`: the export reads every record of the store (over a million at
/// national volume, 26 columns each) and a `Row` per record with a `String` per column was the
/// larger part of the export's cost; borrowing SQLite's column bytes costs no allocation per row.
/// This is the only place outside ``RawInsert`` that touches a raw statement.
enum RecordExportCursor {
    /// The columns in ``RecordExportRow/Column`` order, records in id order.
    static let sql = """
        SELECT \(RecordExportRow.selectedColumns)
        FROM records JOIN sources ON sources.id = records.source_id
        ORDER BY records.id
        """

    private static let columns = RecordExportRow.Column.allCases.map { (Int32($0.rawValue), $0.isInteger) }

    /// Hands every record to `body`; returns the count.
    static func forEach(_ db: Database, _ body: (RecordExportRow) throws -> Void) throws -> Int {
        let statement = try db.makeStatement(sql: sql)
        let rows = try Row.fetchCursor(statement)
        let handle = statement.sqliteStatement
        var row = RecordExportRow(values: Array(repeating: .null, count: columns.count))
        var count = 0
        while try rows.next() != nil {
            for (index, isInteger) in columns {
                row.values[Int(index)] = isInteger ? integer(handle, index) : text(handle, index)
            }
            try body(row)
            count += 1
        }
        return count
    }

    /// Text up to the first NUL byte (as GRDB's `String` decoding reads it).
    private static func text(_ statement: SQLiteStatement, _ index: Int32) -> RecordExportRow.Value {
        guard sqlite3_column_type(statement, index) != SQLITE_NULL,
            let pointer = sqlite3_column_text(statement, index)
        else { return .null }
        let count = Int(sqlite3_column_bytes(statement, index))
        let end = memchr(pointer, 0, count).map { UnsafeRawPointer($0) - UnsafeRawPointer(pointer) } ?? count
        return .text(UnsafeBufferPointer(start: pointer, count: end))
    }

    private static func integer(_ statement: SQLiteStatement, _ index: Int32) -> RecordExportRow.Value {
        sqlite3_column_type(statement, index) == SQLITE_NULL
            ? .null : .integer(sqlite3_column_int64(statement, index))
    }
}
