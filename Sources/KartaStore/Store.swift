import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode holding runs, sources, records and rejects.
///
/// Every change happens in a transaction; a crash leaves the previous state. A pipeline run
/// makes all its changes in one transaction (``inRunTransaction(_:)``): readers in other
/// processes see the store as the last completed run left it, never a run half-way.
///
/// Other modules read and write only through its typed queries (``StoreReading``,
/// ``StoreWriting``): SQL and GRDB stay inside this module.
public final class Store: StoreWriting {
    /// The GRDB connection pool, for `Store`'s own methods.
    let database: DatabasePool
    public let path: String
    /// The connection of the open run transaction, if any: reads and writes go through it.
    private let runConnection = RunConnection()

    /// How a command uses the store.
    public enum Access: Sendable {
        /// May create the store and bring an older one to this build's schema.
        case readWrite
        /// Never changes the schema: an older store is ``StoreError/needsUpgrade(path:found:supported:)``.
        case readOnly
    }

    /// Opens (or, with `.readWrite`, creates) the store at `path`.
    ///
    /// A store written by a newer karta (higher `user_version`) is refused with
    /// ``StoreError/newerSchema(path:found:supported:)`` before anything is written to it; an
    /// older one is migrated in one transaction (`.readWrite` only).
    public init(path: String, access: Access = .readWrite) throws {
        let url = URL(fileURLWithPath: path)
        let exists = FileManager.default.fileExists(atPath: path)
        if exists {
            let found = try Self.peekVersion(path: path)
            if found > StoreSchema.version {
                throw StoreError.newerSchema(path: path, found: found, supported: StoreSchema.version)
            }
            if found < StoreSchema.version, access == .readOnly {
                throw StoreError.needsUpgrade(path: path, found: found, supported: StoreSchema.version)
            }
        } else {
            guard access == .readWrite else { throw StoreError.missing(path: path) }
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw StoreError.environment(path: url.deletingLastPathComponent().path, error: error)
            }
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // New stores use 16 KiB pages: a load writes a quarter as many pages (one system call
            // each) to the WAL and back. Ignored by stores that already exist.
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            self.path = path
            if access == .readWrite {
                try database.write { db in
                    if try StoreSchema.storedVersion(db) < StoreSchema.version { try StoreSchema.migrate(db) }
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.environment(path: path, error: error)
        }
    }

    /// The schema version of the store at `path`, read without writing anything to it.
    static func peekVersion(path: String) throws -> Int {
        var configuration = Configuration()
        configuration.readonly = true
        // A run may hold the file for a moment (its commit, a checkpoint): wait as every reader does.
        configuration.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in try StoreSchema.storedVersion(db) }
        } catch {
            throw StoreError.environment(path: path, error: error)
        }
    }

    /// The names of the schema steps the store has had, oldest first.
    public func appliedMigrations() throws -> [String] {
        try read { db in StoreSchema.names(upTo: try StoreSchema.storedVersion(db)) }
    }

    /// The schema version this build reads and writes (`PRAGMA user_version`).
    public static var schemaVersion: Int { StoreSchema.version }

    /// Reads the store: inside a run transaction, through it (the run's own changes included);
    /// otherwise from the last committed state.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        if let db = runConnection.current { return try body(db) }
        return try database.read(body)
    }

    /// Runs `body` with every read it makes through one read transaction (one snapshot); inside a
    /// run transaction, or another consistent read, through that one. `body` must not write.
    public func consistentRead<T>(_ body: () throws -> T) throws -> T {
        if runConnection.current != nil { return try body() }
        return try database.read { db in
            runConnection.current = db
            defer { runConnection.current = nil }
            return try body()
        }
    }

    /// Writes in a transaction of its own, or, inside a run transaction, in a savepoint of it:
    /// a failure undoes only what `body` did.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        if let db = runConnection.current {
            var result: T?
            try db.inSavepoint {
                result = try body(db)
                return .commit
            }
            guard let result else { throw StoreError.internalInconsistency("savepoint without result") }
            return result
        }
        return try database.write(body)
    }

    /// Runs `body` with every change of the store in one transaction: committed when `body`
    /// returns, rolled back when it throws or the process dies first. Readers elsewhere see the
    /// store as before until the commit, and all of it after.
    public func inRunTransaction<T>(_ body: () throws -> T) throws -> T {
        try database.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                runConnection.current = db
                defer { runConnection.current = nil }
                result = try body()
                return .commit
            }
            guard let result else { throw StoreError.internalInconsistency("transaction without result") }
            return result
        }
    }
}

/// The connection of a run transaction, set only while ``Store/inRunTransaction(_:)`` (or a
/// ``Store/consistentRead(_:)``) runs, on the thread that runs it.
private final class RunConnection: @unchecked Sendable {
    private let lock = NSLock()
    private var database: Database?
    private var thread: Thread?

    var current: Database? {
        get { lock.withLock { thread == Thread.current ? database : nil } }
        set {
            lock.withLock {
                database = newValue
                thread = newValue == nil ? nil : Thread.current
            }
        }
    }
}

/// Why a store cannot be used.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// Written by a newer karta: refused, never written.
    case newerSchema(path: String, found: Int, supported: Int)
    /// Older than this build, opened by a command that does not change the store.
    case needsUpgrade(path: String, found: Int, supported: Int)
    /// No store at the path.
    case missing(path: String)
    /// The file system or SQLite failed (permissions, disk full, not a database…).
    case environment(path: String, error: any Error)
    /// A bug.
    case internalInconsistency(String)

    public var description: String {
        switch self {
        case .newerSchema(let path, let found, let supported):
            "\(path): the store has schema version \(found), newer than this karta's \(supported); "
                + "use a newer karta (the store was not changed)"
        case .needsUpgrade(let path, let found, let supported):
            "\(path): the store has schema version \(found), older than this karta's \(supported)"
        case .missing(let path):
            "\(path): no such store"
        case .environment(let path, let error):
            "\(path): \(EnvironmentFailure.reason(error))"
        case .internalInconsistency(let message):
            "internal error: \(message)"
        }
    }
}

/// The operating system's or SQLite's words for an environment failure, without Foundation's
/// error dumps.
public enum EnvironmentFailure {
    public static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "SQLite: \(error.message ?? "\(error.resultCode)")"
        }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(nsError.code)))
        }
        if let posix = posixCode(cocoa: nsError) { return String(cString: strerror(posix)) }
        return nsError.localizedDescription
    }

    /// True when `error` is SQLite saying the disk, the file system or the store file failed
    /// (full, read-only, I/O error, not a database), not the data.
    public static func isStoreFailure(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        let codes: [ResultCode] = [
            .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_NOTADB,
            .SQLITE_CORRUPT,
        ]
        return codes.contains(error.resultCode.primaryResultCode)
    }

    /// POSIX codes for the Cocoa file errors Foundation throws without an underlying error.
    private static func posixCode(cocoa error: NSError) -> Int32? {
        guard error.domain == NSCocoaErrorDomain else { return nil }
        switch error.code {
        case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return EACCES
        case NSFileWriteOutOfSpaceError: return ENOSPC
        case NSFileWriteVolumeReadOnlyError: return EROFS
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return ENOENT
        default: return nil
        }
    }
}
