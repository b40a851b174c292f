import Foundation
import KartaModel

/// One value of a stored row, as both backends hold it: SQLite's INTEGER and TEXT, PostgreSQL's
/// `bigint` and `text`.
public enum StoreValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)
}

/// A column of a store table: its name and whether it holds integers or text.
public struct StoreColumn: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable { case integer, text }

    public let name: String
    public let kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    public static func < (lhs: StoreColumn, rhs: StoreColumn) -> Bool { lhs.name < rhs.name }
    public var description: String { "\(name) \(kind.rawValue)" }
}

/// A table of the store as a backend has it: name, columns in their order, the primary key.
public struct StoreTableShape: Sendable, Hashable {
    public let name: String
    public let columns: [StoreColumn]
    public let primaryKey: String

    public init(name: String, columns: [StoreColumn], primaryKey: String) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
    }
}

/// Every row of one table, ordered by primary key.
public struct StoreTableRows: Sendable {
    public let shape: StoreTableShape
    public let rows: [[StoreValue]]

    /// The rows, ordered by primary key (bytes of the UTF-8 text, or the integer): the one order
    /// both backends' digests are taken in.
    /// Columns are put in name order, so that two backends that order a table's columns
    /// differently (a column added by a later step) give the same rows.
    public init(shape: StoreTableShape, unorderedRows: [[StoreValue]]) {
        let order = shape.columns.indices.sorted { shape.columns[$0].name < shape.columns[$1].name }
        self.shape = StoreTableShape(
            name: shape.name, columns: order.map { shape.columns[$0] }, primaryKey: shape.primaryKey)
        let key = self.shape.columns.firstIndex { $0.name == shape.primaryKey } ?? 0
        rows = unorderedRows.map { row in order.map { row[$0] } }.sorted {
            StoreTables.precedes($0[key], $1[key])
        }
    }

    /// Row count and content digest.
    public var digest: StoreTableDigest {
        StoreTableDigest(table: shape.name, rows: rows.count, sha256: StoreTables.sha256(of: self))
    }
}

/// A table's row count and the SHA-256 of its canonical serialisation.
public struct StoreTableDigest: Sendable, Hashable, Codable {
    public let table: String
    public let rows: Int
    public let sha256: String

    public init(table: String, rows: Int, sha256: String) {
        self.table = table
        self.rows = rows
        self.sha256 = sha256
    }
}

/// The tables a store holds, in an order that satisfies their foreign keys, and the one content
/// digest both backends are compared by.
public enum StoreTables {
    /// Every data table of the current schema, parents before children (``Store/schemaVersion``
    /// 7). The schema version's bookkeeping is not data: each backend keeps it its own way.
    public static let names = ["runs", "run_criteria", "sources", "records", "rejects", "adopted_map"]

    /// SHA-256 over the table's canonical serialisation: its name and column list, then each row
    /// in primary-key order, each value as `N` (null), `I<decimal>` or `T<byte count>:<UTF-8>`,
    /// values ended by `,` and rows by a newline. Column types and names are part of it, so a
    /// text `1` and an integer 1 differ.
    public static func sha256(of table: StoreTableRows) -> String {
        var data = Data()
        data.append(contentsOf: Array(table.shape.name.utf8))
        data.append(0x0A)
        for column in table.shape.columns {
            data.append(contentsOf: Array("\(column.name):\(column.kind.rawValue),".utf8))
        }
        data.append(0x0A)
        for row in table.rows {
            for value in row {
                switch value {
                case .null: data.append(UInt8(ascii: "N"))
                case .integer(let number): data.append(contentsOf: Array("I\(number)".utf8))
                case .text(let text):
                    let bytes = Array(text.utf8)
                    data.append(contentsOf: Array("T\(bytes.count):".utf8))
                    data.append(contentsOf: bytes)
                }
                data.append(UInt8(ascii: ","))
            }
            data.append(0x0A)
        }
        return FileDigest.sha256(data)
    }

    /// The order of primary keys: integers numerically, text by its UTF-8 bytes (SQLite's
    /// BINARY collation, PostgreSQL's "C"), nulls first.
    static func precedes(_ lhs: StoreValue, _ rhs: StoreValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): false
        case (.null, _): true
        case (_, .null): false
        case (.integer(let a), .integer(let b)): a < b
        case (.integer, .text): true
        case (.text, .integer): false
        case (.text(let a), .text(let b)): a.utf8.lexicographicallyPrecedes(b.utf8)
        }
    }
}

/// A store whose tables can be read and replaced as a whole: what `karta store copy` and
/// `karta store check` work through, on SQLite and on PostgreSQL alike.
public protocol TableStore {
    /// Where the store is, for messages.
    var location: String { get }
    /// The schema version the store is at.
    func schemaVersion() throws -> Int
    /// The names of every table the store's database holds, bookkeeping excluded: what a
    /// copy checks against ``StoreTables/names``.
    func tableNames() throws -> Set<String>
    /// The data tables (``StoreTables/names``) as the database has them.
    func tableShapes() throws -> [StoreTableShape]
    /// Every row of each data table, read in one consistent snapshot.
    func readTables() throws -> [StoreTableRows]
    /// Replaces the data tables' contents with `tables` in one transaction: refused with
    /// ``StoreCopyError/destinationNotEmpty(location:rows:)`` when the store holds rows and
    /// `replace` is false; `verify` sees the tables as written, before the commit, and may throw
    /// to roll everything back.
    func replaceTables(
        with tables: [StoreTableRows], replace: Bool, verify: ([StoreTableRows]) throws -> Void) throws
}

/// Why `karta store copy` copied nothing.
public enum StoreCopyError: Error, Sendable, CustomStringConvertible {
    /// The destination holds rows and `--replace` was not given.
    case destinationNotEmpty(location: String, rows: Int)
    /// The two stores are at different schema versions.
    case versionMismatch(source: String, sourceVersion: Int, destination: String, destinationVersion: Int)
    /// The two backends' tables differ (a schema drift between SQLite and PostgreSQL: a bug).
    case shapeMismatch(table: String, source: [StoreColumn], destination: [StoreColumn])
    /// What the destination holds after the copy differs from the source: rolled back.
    case digestMismatch(source: StoreTableDigest, destination: StoreTableDigest)
    /// Source and destination are the same store.
    case sameStore(String)
    /// A store has tables this karta does not copy, or lacks some it does (a bug: the list of
    /// tables was not updated with the schema).
    case unknownTables(location: String, tables: [String])

    public var description: String {
        switch self {
        case .destinationNotEmpty(let location, let rows):
            "\(location): the destination store holds \(rows) rows; pass --replace to replace them (nothing was copied)"
        case .versionMismatch(let source, let sourceVersion, let destination, let destinationVersion):
            "\(source) has schema version \(sourceVersion), \(destination) \(destinationVersion); "
                + "open both with this karta first (nothing was copied)"
        case .shapeMismatch(let table, let source, let destination):
            "table \(table) differs between the stores (\(source.map(\.description).joined(separator: ", ")) "
                + "against \(destination.map(\.description).joined(separator: ", "))); nothing was copied"
        case .digestMismatch(let source, let destination):
            "table \(source.table): the copy differs from the source (\(source.rows) rows, sha256 "
                + "\(source.sha256.prefix(12))… against \(destination.rows) rows, \(destination.sha256.prefix(12))…); "
                + "rolled back, nothing was copied"
        case .sameStore(let location):
            "\(location): source and destination are the same store"
        case .unknownTables(let location, let tables):
            "\(location): tables \(tables.joined(separator: ", ")) are not among the tables karta copies (nothing was copied)"
        }
    }
}

/// What `karta store copy` did.
public struct StoreCopyReport: Sendable, Codable {
    public let source: String
    public let destination: String
    public let storeSchemaVersion: Int
    public let replaced: Bool
    public let tables: [StoreTableDigest]

    enum CodingKeys: String, CodingKey {
        case source, destination, replaced, tables
        case storeSchemaVersion = "store_schema_version"
    }
}

/// `karta store copy`: every table from one store into another, in one transaction on the
/// destination, checked by row counts and content digests before the commit.
public enum StoreCopy {
    public static func copy(
        from source: any TableStore, to destination: any TableStore, replace: Bool
    ) throws -> StoreCopyReport {
        guard source.location != destination.location else { throw StoreCopyError.sameStore(source.location) }
        let sourceVersion = try source.schemaVersion()
        let destinationVersion = try destination.schemaVersion()
        guard sourceVersion == destinationVersion else {
            throw StoreCopyError.versionMismatch(
                source: source.location, sourceVersion: sourceVersion, destination: destination.location,
                destinationVersion: destinationVersion)
        }
        for store in [source, destination] {
            let found = try store.tableNames()
            guard found == Set(StoreTables.names) else {
                throw StoreCopyError.unknownTables(
                    location: store.location, tables: found.symmetricDifference(StoreTables.names).sorted())
            }
        }
        let destinationShapes = Dictionary(
            uniqueKeysWithValues: try destination.tableShapes().map { ($0.name, $0) })
        let tables = try source.readTables()
        for table in tables {
            let theirs = destinationShapes[table.shape.name]?.columns ?? []
            guard Set(theirs) == Set(table.shape.columns) else {
                throw StoreCopyError.shapeMismatch(
                    table: table.shape.name, source: table.shape.columns.sorted(),
                    destination: theirs.sorted())
            }
        }
        let digests = tables.map(\.digest)
        try destination.replaceTables(with: tables, replace: replace) { written in
            let found = Dictionary(uniqueKeysWithValues: written.map { ($0.shape.name, $0.digest) })
            for digest in digests {
                let copy = found[digest.table] ?? StoreTableDigest(table: digest.table, rows: 0, sha256: "")
                guard copy == digest else {
                    throw StoreCopyError.digestMismatch(source: digest, destination: copy)
                }
            }
        }
        return StoreCopyReport(
            source: source.location, destination: destination.location, storeSchemaVersion: sourceVersion,
            replaced: replace, tables: digests)
    }
}
