import Foundation
import KartaPostgres
import KartaStore

/// The store a writing command (`run`, `ingest`) works on, with the writers' lock held until
/// ``close()``: on SQLite the file lock ``RunLock`` beside the store, on PostgreSQL the store's
/// advisory lock (``PostgresRunLock``), which the server frees when the session ends.
public final class WritableStore {
    public let store: any StoreWriting
    private let fileLock: RunLock?
    private let closing: () -> Void

    private init(store: any StoreWriting, fileLock: RunLock?, closing: @escaping () -> Void) {
        self.store = store
        self.fileLock = fileLock
        self.closing = closing
    }

    /// Takes the lock (waiting up to `wait` seconds for another writer) and opens the store,
    /// creating it or bringing it to this build's schema.
    public static func open(_ address: StoreAddress, wait: TimeInterval, command: String) throws
        -> WritableStore
    {
        switch address {
        case .sqlite(let path):
            let lock = try RunLock(storePath: path, wait: wait, runID: "starting", command: command)
            return WritableStore(store: try Store(path: path), fileLock: lock, closing: { lock.release() })
        case .postgres(let postgres):
            let store = try PostgresStore(
                address: postgres, access: .readWrite, applicationName: applicationName(command), wait: wait)
            return WritableStore(store: store, fileLock: nil, closing: { store.close() })
        }
    }

    /// A throwaway SQLite store at `path` for a dry run, holding the file lock of the real store
    /// when that is a SQLite file (a dry run never connects to PostgreSQL).
    public static func dryRun(at path: String, real: StoreAddress, wait: TimeInterval, command: String) throws
        -> WritableStore
    {
        var lock: RunLock?
        if case .sqlite(let realPath) = real {
            lock = try RunLock(storePath: realPath, wait: wait, runID: "starting", command: command)
        }
        return WritableStore(store: try Store(path: path), fileLock: lock, closing: { lock?.release() })
    }

    /// Names the run holding the lock, for whoever finds it taken.
    public func record(runID: String) { fileLock?.record(runID: runID) }

    /// Releases the lock and ends the session.
    public func close() { closing() }

    /// What `pg_stat_activity` shows for the session (PostgreSQL keeps 63 bytes of it).
    static func applicationName(_ command: String) -> String {
        String(String(command.prefix(60)).utf8.prefix(63)) ?? "karta"
    }
}

extension Pipeline {
    /// The store the pipeline names: `store:` (a file, or a `postgresql://` URL), `--store`.
    public var storeAddress: StoreAddress {
        postgresStore.map(StoreAddress.postgres) ?? .sqlite(path: store.path)
    }
}
