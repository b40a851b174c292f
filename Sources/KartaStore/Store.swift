import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode holding runs, sources, records and rejects.
///
/// Every change happens in a transaction; a crash leaves the previous state.
public final class Store: Sendable {
    /// The GRDB connection pool. Other modules of karta read through it; only `Store`'s own
    /// methods write.
    public let database: DatabasePool
    public let path: String

    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // New stores use 16 KiB pages: a load writes a quarter as many pages (one system call
            // each) to the WAL and back. Ignored by stores that already exist.
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        database = try DatabasePool(path: path, configuration: configuration)
        self.path = path
        try StoreSchema.migrator.migrate(database)
    }

    /// The names of the applied migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try database.read { db in try StoreSchema.migrator.appliedMigrations(db) }
    }
}
