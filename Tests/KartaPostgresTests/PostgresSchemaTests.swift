import Foundation
import KartaStore
import PostgresNIO
import Testing

@testable import KartaPostgres

extension PostgresServerTests {
    @Suite("The schema of a PostgreSQL store")
    struct PostgresSchemaTests {
        @Test("an empty database is brought to this build's version, the same as the SQLite store's")
        func createsAtCurrentVersion() async throws {
            let (before, after, again, tables) = try await TestServer.withFreshDatabase("karta_schema_new") { address in
                let session = try PostgresSession.connect(to: address)
                defer { session.close() }
                let before = try PostgresSchema.storedVersion(session)
                try PostgresSchema.migrate(session)
                let after = try PostgresSchema.storedVersion(session)
                try PostgresSchema.migrate(session)  // a second time changes nothing
                let again = try PostgresSchema.storedVersion(session)
                let tables = try session.rows(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'karta' ORDER BY table_name"
                ).map { try $0.decode(String.self) }
                return (before, after, again, tables)
            }
            #expect(before == 0)
            #expect(after == Store.schemaVersion)
            #expect(again == Store.schemaVersion)
            #expect(PostgresSchema.version == Store.schemaVersion)
            #expect(tables == (StoreTables.names + ["schema_version"]).sorted())
        }

        @Test("a PostgreSQL store has the same tables and columns as a fresh SQLite store")
        func sameColumnsAsSQLite() async throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("karta-columns-\(UUID()).sqlite").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
            let sqlite = try Store(path: path)
            let sqliteTables = try sqlite.tableNames()
            let sqliteShapes = try sqlite.tableShapes()
            let (postgresTables, postgresShapes) = try await TestServer.withFreshDatabase("karta_schema_columns") { address in
                let store = try PostgresStore(address: address, access: .readWrite)
                defer { store.close() }
                return (try store.tableNames(), try store.tableShapes())
            }
            #expect(sqliteTables == Set(StoreTables.names), "a SQLite table that karta store copy does not know")
            #expect(postgresTables == sqliteTables)
            #expect(postgresShapes.count == sqliteShapes.count)
            for (sqliteShape, postgresShape) in zip(sqliteShapes, postgresShapes) {
                #expect(sqliteShape.name == postgresShape.name)
                #expect(
                    Set(postgresShape.columns) == Set(sqliteShape.columns),
                    "table \(sqliteShape.name): SQLite \(sqliteShape.columns.sorted()) against PostgreSQL \(postgresShape.columns.sorted())"
                )
                #expect(postgresShape.primaryKey == sqliteShape.primaryKey)
            }
        }

        @Test("a store from a newer karta is refused with the SQLite store's error, and left as it was")
        func newerStoreRefused() async throws {
            let (error, version) = try await TestServer.withFreshDatabase("karta_schema_newer") { address in
                let session = try PostgresSession.connect(to: address)
                defer { session.close() }
                try PostgresSchema.migrate(session)
                try session.execute(PostgresQuery(unsafeSQL: "UPDATE karta.schema_version SET version = 999"))
                var refusal: (any Error)?
                do { try PostgresSchema.migrate(session) } catch { refusal = error }
                do { _ = try PostgresStore(address: address, access: .readOnly) } catch {
                    #expect("\(error)" == "\(refusal.map { "\($0)" } ?? "")")
                }
                return (refusal, try PostgresSchema.storedVersion(session))
            }
            guard case .newerSchema(_, let found, let supported) = error as? StoreError else {
                Issue.record("expected StoreError.newerSchema, got \(String(describing: error))")
                return
            }
            #expect(found == 999)
            #expect(supported == Store.schemaVersion)
            #expect("\(error!)".contains("newer than this karta"))
            #expect(version == 999)
        }

        @Test("a failed statement inside a transaction leaves nothing behind")
        func transactionRollsBack() async throws {
            let (failed, count) = try await TestServer.withFreshDatabase("karta_schema_tx") { address in
                let session = try PostgresSession.connect(to: address)
                defer { session.close() }
                try PostgresSchema.migrate(session)
                var failed = false
                do {
                    try session.transaction {
                        try session.execute(
                            "INSERT INTO karta.runs (id, started_at, karta_version, command) VALUES ('r1', 'now', 'test', 'run')")
                        try session.execute("INSERT INTO karta.no_such_table VALUES (1)")
                    }
                } catch {
                    failed = true
                }
                return (failed, try session.rows("SELECT count(*) FROM karta.runs").first?.decode(Int64.self))
            }
            #expect(failed)
            #expect(count == 0)
        }
    }
}
