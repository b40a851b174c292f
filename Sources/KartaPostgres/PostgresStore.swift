import Foundation
import KartaStore
import PostgresNIO

/// A PostgreSQL store: the tables of schema `karta` in one database, over one session.
///
/// Opened `.readWrite` it takes the store's run lock (``PostgresRunLock``) and brings the schema
/// to this build's version; opened `.readOnly` it takes no lock, writes nothing and refuses a
/// store at another version. A newer store is refused either way, with the SQLite store's error
/// (``StoreError/newerSchema(path:found:supported:)``).
public final class PostgresStore: Sendable {
    public let session: PostgresSession
    /// The writers' lock, held while the store is open for writing.
    let lock: PostgresRunLock?
    /// Whether a transaction is open on ``session``.
    let transactions = TransactionState()

    public init(
        address: PostgresAddress, access: Store.Access, applicationName: String = "karta",
        password: PostgresPassword = PostgresPassword(), wait: TimeInterval = 0
    ) throws {
        let session = try PostgresSession.connect(
            to: address, applicationName: applicationName, password: password)
        do {
            let found = try PostgresSchema.storedVersion(session)
            if found > PostgresSchema.version {
                throw StoreError.newerSchema(
                    path: address.description, found: found, supported: PostgresSchema.version)
            }
            switch access {
            case .readWrite:
                lock = try PostgresRunLock(session: session, wait: wait)
                try PostgresSchema.migrate(session)
            case .readOnly:
                if found == 0 { throw StoreError.missing(path: address.description) }
                if found < PostgresSchema.version {
                    throw StoreError.needsUpgrade(
                        path: address.description, found: found, supported: PostgresSchema.version)
                }
                lock = nil
            }
        } catch {
            session.close()
            throw error
        }
        self.session = session
    }

    /// Ends the session: the server frees the lock and rolls back anything uncommitted.
    public func close() { session.close() }
}

extension PostgresStore: TableStore {
    public var location: String { session.address.description }

    public func schemaVersion() throws -> Int { try PostgresSchema.storedVersion(session) }

    public func tableNames() throws -> Set<String> {
        Set(
            try session.rows(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'karta' AND table_name <> 'schema_version'"
            ).map { try $0.decode(String.self) })
    }

    public func tableShapes() throws -> [StoreTableShape] {
        try StoreTables.names.map { try shape(of: $0) }
    }

    /// Every data table in one read-only REPEATABLE READ transaction: one snapshot, even while a
    /// run writes.
    public func readTables() throws -> [StoreTableRows] {
        try session.transaction(.repeatableRead, readOnly: true) {
            try StoreTables.names.map { name in
                let shape = try shape(of: name)
                return StoreTableRows(shape: shape, unorderedRows: try rows(of: shape))
            }
        }
    }

    public func replaceTables(
        with tables: [StoreTableRows], replace: Bool, verify: ([StoreTableRows]) throws -> Void
    ) throws {
        try session.transaction {
            var held = 0
            for name in StoreTables.names {
                held += Int(
                    try session.rows(PostgresQuery(unsafeSQL: "SELECT count(*) FROM karta.\(name)")).first?
                        .decode(Int64.self) ?? 0)
            }
            if held > 0 {
                guard replace else {
                    throw StoreCopyError.destinationNotEmpty(location: location, rows: held)
                }
                for name in StoreTables.names.reversed() {
                    try session.execute(PostgresQuery(unsafeSQL: "DELETE FROM karta.\(name)"))
                }
            }
            for table in tables {
                try insert(table)
            }
            try verify(
                try tables.map { table in
                    let shape = try shape(of: table.shape.name)
                    return StoreTableRows(shape: shape, unorderedRows: try rows(of: shape))
                })
        }
    }

    /// Inserts the rows in statements of at most 500 rows each.
    private func insert(_ table: StoreTableRows) throws {
        let columns = table.shape.columns.map { Self.quoted($0.name) }.joined(separator: ", ")
        var start = 0
        while start < table.rows.count {
            let batch = table.rows[start..<min(start + 500, table.rows.count)]
            var bindings = PostgresBindings(capacity: batch.count * table.shape.columns.count)
            var tuples: [String] = []
            for row in batch {
                var marks: [String] = []
                for value in row {
                    switch value {
                    case .null: bindings.appendNull()
                    case .integer(let number): bindings.append(number)
                    case .text(let text): bindings.append(text)
                    }
                    marks.append("$\(bindings.count)")
                }
                tuples.append("(\(marks.joined(separator: ", ")))")
            }
            try session.execute(
                PostgresQuery(
                    unsafeSQL:
                        "INSERT INTO karta.\(table.shape.name) (\(columns)) VALUES \(tuples.joined(separator: ", "))",
                    binds: bindings))
            start += batch.count
        }
    }

    /// The table's columns from `information_schema` (`bigint` and `integer` are integers, the
    /// rest text) and its primary key.
    func shape(of table: String) throws -> StoreTableShape {
        let columns = try session.rows(
            """
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = 'karta' AND table_name = \(table) ORDER BY ordinal_position
            """
        ).map { row in
            let (name, type) = try row.decode((String, String).self)
            return StoreColumn(
                name: name, kind: ["bigint", "integer", "smallint"].contains(type) ? .integer : .text)
        }
        guard !columns.isEmpty else {
            throw StoreError.internalInconsistency("the store \(location) has no table karta.\(table)")
        }
        let key = try session.rows(
            """
            SELECT k.column_name FROM information_schema.table_constraints c
            JOIN information_schema.key_column_usage k
              ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema
            WHERE c.table_schema = 'karta' AND c.table_name = \(table) AND c.constraint_type = 'PRIMARY KEY'
            """
        ).first?.decode(String.self)
        return StoreTableShape(name: table, columns: columns, primaryKey: key ?? "id")
    }

    func rows(of shape: StoreTableShape) throws -> [[StoreValue]] {
        let columns = shape.columns.map { Self.quoted($0.name) }.joined(separator: ", ")
        let kinds = shape.columns.map(\.kind)
        return try session.rows(PostgresQuery(unsafeSQL: "SELECT \(columns) FROM karta.\(shape.name)")).map {
            row in
            var values: [StoreValue] = []
            for (cell, kind) in zip(row, kinds) {
                switch kind {
                case .integer: values.append(try cell.decode(Int64?.self).map(StoreValue.integer) ?? .null)
                case .text: values.append(try cell.decode(String?.self).map(StoreValue.text) ?? .null)
                }
            }
            return values
        }
    }

    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
