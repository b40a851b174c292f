import Foundation
import KartaStore
import Testing

@testable import KartaPostgres

extension PostgresServerTests {
    @Suite("The run lock of a PostgreSQL store")
    struct PostgresRunLockTests {
        @Test("a second writer is refused and told who holds the lock")
        func secondWriterRefused() throws {
            let address = try TestServer.address()
            let first = try PostgresSession.connect(to: address, applicationName: "karta run 2026-12-04T01:00:00Z")
            defer { first.close() }
            let lock = try PostgresRunLock(session: first)
            let second = try PostgresSession.connect(to: address, applicationName: "karta run (second)")
            defer { second.close() }
            #expect {
                _ = try PostgresRunLock(session: second)
            } throws: { error in
                guard let held = error as? PostgresRunLock.Held else { return false }
                return held.holder.contains("karta run 2026-12-04T01:00:00Z") && held.holder.contains("user karta")
            }
            try lock.release()
            let retaken = try PostgresRunLock(session: second)
            try retaken.release()
        }

        @Test("the server frees the lock when its holder's connection ends")
        func freedWhenConnectionEnds() throws {
            let address = try TestServer.address()
            let holder = try PostgresSession.connect(to: address)
            _ = try PostgresRunLock(session: holder)
            holder.close()
            let next = try PostgresSession.connect(to: address)
            defer { next.close() }
            let lock = try PostgresRunLock(session: next, wait: 5)
            try lock.release()
        }

        @Test("the key depends on the database, so two stores never block each other")
        func keyPerDatabase() {
            #expect(PostgresRunLock.objectID(database: "karta") != PostgresRunLock.objectID(database: "karta_test"))
            #expect(PostgresRunLock.objectID(database: "karta") == PostgresRunLock.objectID(database: "karta"))
        }
    }
}
