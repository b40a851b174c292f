import Foundation
import KartaStore
import PostgresNIO
import Testing

@testable import KartaPostgres

/// The throwaway server of `scripts/with-postgres.sh`, which `make test` runs the tests beside.
enum TestServer {
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["KARTA_TEST_POSTGRES_URL"]
    static var isAvailable: Bool { url != nil }

    static func address() throws -> PostgresAddress {
        try PostgresAddress(url: try #require(url))
    }
}

/// Every test that talks to the server, one at a time: the session blocks its thread on
/// postgres-nio's futures, and Swift Testing's parallel tests share a cooperative pool as small as
/// the machine's core count.
@Suite("Against a PostgreSQL server", .serialized, .enabled(if: TestServer.isAvailable, "needs scripts/with-postgres.sh"))
struct PostgresServerTests {}

extension PostgresServerTests {
    @Suite("A PostgreSQL session")
    struct PostgresSessionTests {
        @Test("connects with the password from PGPASSWORD and runs a query")
        func connectsAndQueries() throws {
            let session = try PostgresSession.connect(to: try TestServer.address())
            defer { session.close() }
            let rows = try session.rows("SELECT current_user, current_database()")
            let (user, database) = try #require(rows.first).decode((String, String).self)
            #expect(user == "karta")
            #expect(database == "karta_test")
        }

        @Test("the application name reaches pg_stat_activity, so a lock holder can be named")
        func applicationName() throws {
            let session = try PostgresSession.connect(to: try TestServer.address(), applicationName: "karta run 42")
            defer { session.close() }
            let rows = try session.rows("SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()")
            #expect(try rows.first?.decode(String.self) == "karta run 42")
        }

        @Test("a wrong password is authenticationFailed, and the message names the user, not the password")
        func wrongPassword() throws {
            let address = try TestServer.address()
            #expect {
                _ = try PostgresSession.connect(
                    to: address, password: PostgresPassword(environment: ["PGPASSWORD": "wrong-password"]))
            } throws: { error in
                guard case .authenticationFailed = error as? PostgresStoreError else { return false }
                return "\(error)".contains("\"karta\"") && !"\(error)".contains("wrong-password")
            }
        }

        @Test("a missing database is databaseMissing")
        func missingDatabase() throws {
            var address = try TestServer.address()
            address.database = "no_such_database"
            #expect {
                _ = try PostgresSession.connect(to: address)
            } throws: { error in
                guard case .databaseMissing = error as? PostgresStoreError else { return false }
                return "\(error)".contains("no_such_database")
            }
        }

        @Test("a port where nothing listens is unreachable")
        func unreachable() throws {
            var address = try TestServer.address()
            address.port = 1  // privileged and closed on a test machine
            #expect {
                _ = try PostgresSession.connect(to: address, timeout: 3)
            } throws: { error in
                guard case .unreachable = error as? PostgresStoreError else { return false }
                return "\(error)".contains("cannot reach")
            }
        }

        @Test("a session killed by the server is connectionLost")
        func connectionLost() throws {
            let address = try TestServer.address()
            let victim = try PostgresSession.connect(to: address, applicationName: "karta victim")
            defer { victim.close() }
            let pid = try #require(try victim.rows("SELECT pg_backend_pid()").first).decode(Int32.self)
            let killer = try PostgresSession.connect(to: address)
            defer { killer.close() }
            _ = try killer.rows("SELECT pg_terminate_backend(\(pid))")
            #expect {
                _ = try victim.rows("SELECT 1")
            } throws: { error in
                guard case .connectionLost = error as? PostgresStoreError else { return false }
                return true
            }
        }
    }
}

@Suite("make test runs the PostgreSQL tests")
struct PostgresTestsRan {
    @Test("under make test (KARTA_TEST_REQUIRE_POSTGRES=1) the throwaway server is there")
    func serverPresentWhenRequired() {
        if TestServer.environment["KARTA_TEST_REQUIRE_POSTGRES"] == "1" {
            #expect(TestServer.isAvailable, "make test must run the tests through scripts/with-postgres.sh")
        }
    }
}
