import Foundation
import KartaStore
import Testing

@testable import KartaPostgres

extension PostgresServerTests {
    @Suite("The run lock of a PostgreSQL store")
    struct PostgresRunLockTests {
        @Test("a second writer is refused and told who holds the lock")
        func secondWriterRefused() async throws {
            let (holder, retaken) = try await TestServer.onThread { () -> (String?, Bool) in
                let address = try TestServer.address()
                let first = try PostgresSession.connect(to: address, applicationName: "karta run 2026-12-04T01:00:00Z")
                defer { first.close() }
                let lock = try PostgresRunLock(session: first)
                let second = try PostgresSession.connect(to: address, applicationName: "karta run (second)")
                defer { second.close() }
                var holder: String?
                do {
                    _ = try PostgresRunLock(session: second)
                } catch let error as PostgresRunLock.Held {
                    holder = error.holder
                }
                try lock.release()
                let retaken = try PostgresRunLock(session: second)
                try retaken.release()
                return (holder, true)
            }
            let named = try #require(holder, "the second writer got the lock")
            #expect(named.contains("karta run 2026-12-04T01:00:00Z"))
            #expect(named.contains("user karta"))
            #expect(retaken)
        }

        @Test("the server frees the lock when its holder's connection ends")
        func freedWhenConnectionEnds() async throws {
            try await TestServer.onThread {
                let address = try TestServer.address()
                let holder = try PostgresSession.connect(to: address)
                _ = try PostgresRunLock(session: holder)
                holder.close()
                let next = try PostgresSession.connect(to: address)
                defer { next.close() }
                let lock = try PostgresRunLock(session: next, wait: 5)
                try lock.release()
            }
        }

        @Test("the key depends on the database, so two stores never block each other")
        func keyPerDatabase() {
            #expect(PostgresRunLock.objectID(database: "karta") != PostgresRunLock.objectID(database: "karta_test"))
            #expect(PostgresRunLock.objectID(database: "karta") == PostgresRunLock.objectID(database: "karta"))
        }
    }
}
