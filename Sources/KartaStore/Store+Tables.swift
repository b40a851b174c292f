import Foundation
import GRDB

/// The SQLite store read and replaced table by table (`karta store copy`, `karta store check`).
extension Store: TableStore {
    public var location: String { path }

    public func schemaVersion() throws -> Int {
        try read { db in try StoreSchema.storedVersion(db) }
    }

    public func tableNames() throws -> Set<String> {
        try read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql:
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'"
                ))
        }
    }

    public func tableShapes() throws -> [StoreTableShape] {
        try read { db in try StoreTables.names.map { try Self.shape(of: $0, db) } }
    }

    /// Every data table in one read transaction (one snapshot).
    public func readTables() throws -> [StoreTableRows] {
        try read { db in
            try StoreTables.names.map { name in
                let shape = try Self.shape(of: name, db)
                return StoreTableRows(shape: shape, unorderedRows: try Self.rows(of: shape, db))
            }
        }
    }

    public func replaceTables(
        with tables: [StoreTableRows], replace: Bool, verify: ([StoreTableRows]) throws -> Void
    ) throws {
        try database.write { db in
            let held = try StoreTables.names.reduce(0) { sum, name in
                sum
                    + (try Int.fetchOne(db, sql: "SELECT count(*) FROM \(name.quotedDatabaseIdentifier)") ?? 0)
            }
            if held > 0 {
                guard replace else { throw StoreCopyError.destinationNotEmpty(location: path, rows: held) }
                for name in StoreTables.names.reversed() {
                    try db.execute(sql: "DELETE FROM \(name.quotedDatabaseIdentifier)")
                }
            }
            for table in tables {
                let columns = table.shape.columns.map(\.name.quotedDatabaseIdentifier).joined(separator: ", ")
                let marks = Array(repeating: "?", count: table.shape.columns.count).joined(separator: ", ")
                let statement = try db.makeStatement(
                    sql:
                        "INSERT INTO \(table.shape.name.quotedDatabaseIdentifier) (\(columns)) VALUES (\(marks))"
                )
                for row in table.rows {
                    try statement.execute(arguments: StatementArguments(row.map(\.databaseValue)))
                }
            }
            try verify(
                try tables.map { table in
                    let shape = try Self.shape(of: table.shape.name, db)
                    return StoreTableRows(shape: shape, unorderedRows: try Self.rows(of: shape, db))
                })
        }
    }

    /// The table's columns from `PRAGMA table_info`: INTEGER columns are integers, the rest text.
    static func shape(of table: String, _ db: Database) throws -> StoreTableShape {
        let columns = try db.columns(in: table)
        guard !columns.isEmpty else {
            throw StoreError.internalInconsistency("the store has no table \(table)")
        }
        let key = try db.primaryKey(table).columns.first ?? "id"
        return StoreTableShape(
            name: table,
            columns: columns.map {
                StoreColumn(name: $0.name, kind: $0.type.uppercased().contains("INT") ? .integer : .text)
            },
            primaryKey: key)
    }

    static func rows(of shape: StoreTableShape, _ db: Database) throws -> [[StoreValue]] {
        let columns = shape.columns.map(\.name.quotedDatabaseIdentifier).joined(separator: ", ")
        return try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(shape.name.quotedDatabaseIdentifier)").map
        { row in
            try shape.columns.indices.map { index in
                let value: DatabaseValue = row[index]
                switch value.storage {
                case .null: return .null
                case .int64(let number): return .integer(number)
                case .string(let text): return .text(text)
                case .double, .blob:
                    throw StoreError.internalInconsistency(
                        "\(shape.name).\(shape.columns[index].name) holds a value that is neither integer nor text"
                    )
                }
            }
        }
    }
}

extension StoreValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .text(let text): text.databaseValue
        }
    }
}
