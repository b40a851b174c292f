import Foundation
import KartaStore
import PostgresNIO

/// The writers' lock of a PostgreSQL store: a session-level advisory lock, held by the run's own
/// connection, so the server frees it when that connection ends, even after kill -9.
///
/// The key is karta's class id and a stable hash of the database name: two stores in one
/// cluster never block each other, and the lock shows up in `pg_locks` where the holder can be
/// found by its `application_name`.
public struct PostgresRunLock: Sendable {
    /// The class id of karta's advisory locks ("KART").
    static let classID: Int32 = 0x4B41_5254

    /// Another session holds the store's lock.
    public struct Held: Error, Sendable, CustomStringConvertible {
        public let address: PostgresAddress
        public let holder: String
        public var description: String {
            "another karta run holds the lock of \(address) (\(holder)); try again later or pass --wait SECONDS"
        }
    }

    public let session: PostgresSession
    let objectID: Int32

    /// Takes the lock on `session`, waiting up to `wait` seconds for another holder.
    public init(session: PostgresSession, wait: TimeInterval = 0) throws {
        self.session = session
        objectID = Self.objectID(database: session.address.database)
        let deadline = Date().addingTimeInterval(wait)
        while true {
            let rows = try session.rows("SELECT pg_try_advisory_lock(\(Self.classID), \(objectID))")
            if try rows.first?.decode(Bool.self) == true { return }
            if Date() >= deadline {
                throw Held(address: session.address, holder: try holder() ?? "a session that has just ended")
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// Releases the lock; closing the session does the same.
    public func release() throws {
        _ = try session.rows("SELECT pg_advisory_unlock(\(Self.classID), \(objectID))")
    }

    /// Who holds the lock now, from `pg_stat_activity`: application name, user, client and since when.
    func holder() throws -> String? { try Self.holder(session: session) }

    /// Who holds the lock of the store `session` is connected to (nil: nobody), without taking it.
    public static func holder(session: PostgresSession) throws -> String? {
        let objectID = Self.objectID(database: session.address.database)
        let rows = try session.rows(
            """
            SELECT a.application_name, a.usename, coalesce(host(a.client_addr), 'local'), a.pid,
                   to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid::bigint = \(Int64(UInt32(bitPattern: Self.classID)))
              AND l.objid::bigint = \(Int64(UInt32(bitPattern: objectID))) AND l.objsubid = 2
            """)
        guard let row = rows.first else { return nil }
        let (application, user, client, pid, since) = try row.decode(
            (String, String, String, Int32, String).self)
        return
            "\(application.isEmpty ? "karta" : application), user \(user) from \(client), pid \(pid), since \(since)"
    }

    /// FNV-1a of the database name: stable across builds and machines, unlike `hashValue`.
    static func objectID(database: String) -> Int32 {
        var hash: UInt32 = 2_166_136_261
        for byte in database.utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        return Int32(bitPattern: hash)
    }
}
