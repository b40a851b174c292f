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

    /// Runs blocking work (``PostgresSession`` waits on postgres-nio's futures) on a thread of
    /// its own, never on Swift Testing's cooperative pool, and hands back its result.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: try body())
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }

    /// The error `body` throws on a thread of its own, or nil.
    static func failure(_ body: @escaping @Sendable () throws -> Void) async throws -> (any Error)? {
        try await onThread { () -> (any Error)? in
            do {
                try body()
                return nil
            } catch {
                return error
            }
        }
    }

    /// A fresh database of the test server for one test, dropped afterwards; `body` runs on a
    /// thread of its own with the database's address.
    static func withFreshDatabase<T: Sendable>(
        _ name: String, _ body: @escaping @Sendable (PostgresAddress) throws -> T
    ) async throws -> T {
        try await onThread {
            let admin = try PostgresSession.connect(to: try address())
            defer { admin.close() }
            try admin.execute(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
            try admin.execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            defer { try? admin.execute(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")) }
            var fresh = try address()
            fresh.database = name
            return try body(fresh)
        }
    }
}

/// Every test that talks to the server, one at a time (the run-lock tests share one key). Each
/// runs its blocking calls on a thread of its own (``TestServer/onThread(_:)``), every wait of
/// the session is bounded (connect timeout, `statement_timeout`, a client deadline), and each
/// test has a time limit.
@Suite(
    "Against a PostgreSQL server", .serialized, .timeLimit(.minutes(1)),
    .enabled(if: TestServer.isAvailable, "needs scripts/with-postgres.sh"))
struct PostgresServerTests {}

extension PostgresServerTests {
    @Suite("A PostgreSQL session")
    struct PostgresSessionTests {
        @Test("connects with the password from PGPASSWORD and runs a query")
        func connectsAndQueries() async throws {
            let (user, database) = try await TestServer.onThread {
                let session = try PostgresSession.connect(to: try TestServer.address())
                defer { session.close() }
                let rows = try session.rows("SELECT current_user, current_database()")
                return try #require(rows.first).decode((String, String).self)
            }
            #expect(user == "karta")
            #expect(database == "karta_test")
        }

        @Test("the application name reaches pg_stat_activity, so a lock holder can be named")
        func applicationName() async throws {
            let name = try await TestServer.onThread {
                let session = try PostgresSession.connect(to: try TestServer.address(), applicationName: "karta run 42")
                defer { session.close() }
                let rows = try session.rows("SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()")
                return try rows.first?.decode(String.self)
            }
            #expect(name == "karta run 42")
        }

        @Test("every session has a statement timeout, and a statement past it fails instead of waiting")
        func statementTimeout() async throws {
            let (setting, error) = try await TestServer.onThread { () -> (String?, (any Error)?) in
                let session = try PostgresSession.connect(to: try TestServer.address(), statementTimeout: 1)
                defer { session.close() }
                let setting = try session.rows("SHOW statement_timeout").first?.decode(String.self)
                do {
                    try session.execute("SELECT pg_sleep(30)")
                    return (setting, nil)
                } catch {
                    return (setting, error)
                }
            }
            #expect(setting == "1s")
            guard case .statementFailed(let sqlState, _) = error as? PostgresStoreError else {
                Issue.record("expected a cancelled statement, got \(String(describing: error))")
                return
            }
            #expect(sqlState == "57014")
        }

        @Test("a wrong password is authenticationFailed, and the message names the user, not the password")
        func wrongPassword() async throws {
            let error = try await TestServer.failure {
                _ = try PostgresSession.connect(
                    to: try TestServer.address(), password: PostgresPassword(environment: ["PGPASSWORD": "wrong-password"]))
            }
            guard case .authenticationFailed = error as? PostgresStoreError else {
                Issue.record("expected authenticationFailed, got \(String(describing: error))")
                return
            }
            #expect("\(error!)".contains("\"karta\""))
            #expect(!"\(error!)".contains("wrong-password"))
        }

        @Test("a missing database is databaseMissing")
        func missingDatabase() async throws {
            let error = try await TestServer.failure {
                var address = try TestServer.address()
                address.database = "no_such_database"
                _ = try PostgresSession.connect(to: address)
            }
            guard case .databaseMissing = error as? PostgresStoreError else {
                Issue.record("expected databaseMissing, got \(String(describing: error))")
                return
            }
            #expect("\(error!)".contains("no_such_database"))
        }

        @Test("a port where nothing listens is unreachable")
        func unreachable() async throws {
            let error = try await TestServer.failure {
                var address = try TestServer.address()
                address.port = 1  // privileged and closed on a test machine
                _ = try PostgresSession.connect(to: address, timeout: 3)
            }
            guard case .unreachable = error as? PostgresStoreError else {
                Issue.record("expected unreachable, got \(String(describing: error))")
                return
            }
            #expect("\(error!)".contains("cannot reach"))
        }

        @Test("sslmode=require against a server without TLS is tlsFailed")
        func tlsRefused() async throws {
            let error = try await TestServer.failure {
                var address = try TestServer.address()
                address.tls = .require
                _ = try PostgresSession.connect(to: address)
            }
            guard case .tlsFailed = error as? PostgresStoreError else {
                Issue.record("expected tlsFailed, got \(String(describing: error))")
                return
            }
        }

        @Test("a session killed by the server is connectionLost, and closing it afterwards returns")
        func connectionLost() async throws {
            let error = try await TestServer.failure {
                let address = try TestServer.address()
                let victim = try PostgresSession.connect(to: address, applicationName: "karta victim")
                defer { victim.close() }
                let pid = try #require(try victim.rows("SELECT pg_backend_pid()").first).decode(Int32.self)
                let killer = try PostgresSession.connect(to: address)
                defer { killer.close() }
                _ = try killer.rows("SELECT pg_terminate_backend(\(pid), 5000)")
                _ = try victim.rows("SELECT 1")
            }
            guard case .connectionLost = error as? PostgresStoreError else {
                Issue.record("expected connectionLost, got \(String(describing: error))")
                return
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
