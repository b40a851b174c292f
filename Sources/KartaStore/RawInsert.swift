import GRDB
import GRDBSQLite

/// A prepared INSERT executed through SQLite's C API on GRDB's statement handle: binding values
/// directly instead of building `StatementArguments` for every row (the hot path of a load).
///
/// Texts are copied once into a buffer reused for every row and bound with SQLITE_STATIC when
/// the row runs, so SQLite does not allocate and copy each text again.
final class RawInsert {
    private let statement: Statement
    private let handle: SQLiteStatement
    private let connection: SQLiteConnection?
    private let sql: String
    /// The UTF-8 bytes of the current row's texts, back to back.
    private var textBytes: [UInt8] = []
    /// Where each text of the current row sits in ``textBytes``.
    private var texts: [(index: Int32, start: Int, count: Int)] = []

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection
        self.sql = sql
        textBytes.reserveCapacity(4096)
        texts.reserveCapacity(32)
    }

    @inline(__always)
    func bind(_ index: Int32, _ text: String?) {
        guard let text else {
            sqlite3_bind_null(handle, index)
            return
        }
        let start = textBytes.count
        // Through `withUTF8`: one memcpy of the contiguous bytes, not a copy byte by byte.
        var contiguous = text
        contiguous.withUTF8 { textBytes.append(contentsOf: $0) }
        texts.append((index, start, textBytes.count - start))
    }

    @inline(__always)
    func bind(_ index: Int32, _ number: Int?) {
        guard let number else {
            sqlite3_bind_null(handle, index)
            return
        }
        sqlite3_bind_int64(handle, index, Int64(number))
    }

    @inline(__always)
    func bind(_ index: Int32, _ number: Int64) {
        sqlite3_bind_int64(handle, index, number)
    }

    /// Runs the insert with the bound values, then resets the statement for the next row.
    func run() throws {
        let code = textBytes.withUnsafeBufferPointer { bytes -> Int32 in
            let base = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            for text in texts {
                if let base {
                    _ = sqlite3_bind_text(handle, text.index, base + text.start, Int32(text.count), nil)  // nil: SQLITE_STATIC
                } else {
                    _ = sqlite3_bind_text(handle, text.index, "", 0, transient)
                }
            }
            let code = sqlite3_step(handle)
            sqlite3_reset(handle)
            // The texts point into the buffer: never leave them bound past this row.
            sqlite3_clear_bindings(handle)
            return code
        }
        textBytes.removeAll(keepingCapacity: true)
        texts.removeAll(keepingCapacity: true)
        guard code == SQLITE_DONE else {
            let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
        }
    }
}

/// SQLITE_TRANSIENT: SQLite copies the bound bytes.
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
