import KartaStore
import PostgresNIO
import Testing

@testable import KartaPostgres

extension PostgresServerTests {
    @Suite("The schema of a PostgreSQL store")
    struct PostgresSchemaTests {
        /// A fresh database of the test server for one test, dropped afterwards.
        static func withFreshDatabase(_ name: String, _ body: (PostgresSession) throws -> Void) throws {
            let admin = try PostgresSession.connect(to: try TestServer.address())
            defer { admin.close() }
            try admin.execute(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name)"))
            try admin.execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            defer { try? admin.execute(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")) }
            var address = try TestServer.address()
            address.database = name
            let session = try PostgresSession.connect(to: address)
            defer { session.close() }
            try body(session)
        }

        @Test("an empty database is brought to this build's version, the same as the SQLite store's")
        func createsAtCurrentVersion() throws {
            try Self.withFreshDatabase("karta_schema_new") { session in
                #expect(try PostgresSchema.storedVersion(session) == 0)
                try PostgresSchema.migrate(session)
                #expect(try PostgresSchema.storedVersion(session) == PostgresSchema.version)
                #expect(PostgresSchema.version == Store.schemaVersion)
                let tables = try session.rows(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'karta' ORDER BY table_name"
                ).map { try $0.decode(String.self) }
                #expect(tables == ["records", "rejects", "run_criteria", "runs", "schema_version", "sources"])
                try PostgresSchema.migrate(session)  // a second time changes nothing
                #expect(try PostgresSchema.storedVersion(session) == PostgresSchema.version)
            }
        }

        @Test("a store from a newer karta is refused and left as it was")
        func newerStoreRefused() throws {
            try Self.withFreshDatabase("karta_schema_newer") { session in
                try PostgresSchema.migrate(session)
                try session.execute(PostgresQuery(unsafeSQL: "UPDATE karta.schema_version SET version = 999"))
                #expect {
                    try PostgresSchema.migrate(session)
                } throws: { error in
                    guard case .newerSchema(_, let found, _) = error as? PostgresSchemaError else { return false }
                    return found == 999 && "\(error)".contains("newer than this karta")
                }
                #expect(try PostgresSchema.storedVersion(session) == 999)
            }
        }

        @Test("a failed statement inside a transaction leaves nothing behind")
        func transactionRollsBack() throws {
            try Self.withFreshDatabase("karta_schema_tx") { session in
                try PostgresSchema.migrate(session)
                #expect(throws: (any Error).self) {
                    try session.transaction {
                        try session.execute(
                            "INSERT INTO karta.runs (id, started_at, karta_version, command) VALUES ('r1', 'now', 'test', 'run')")
                        try session.execute("INSERT INTO karta.no_such_table VALUES (1)")
                    }
                }
                let count = try session.rows("SELECT count(*) FROM karta.runs").first?.decode(Int64.self)
                #expect(count == 0)
            }
        }
    }
}
