import Foundation
import GRDB
import Testing

@testable import KartaStore

@Suite("Store schema")
struct StoreSchemaTests {
    @Test("a new store gets every migration and the four tables, in WAL mode")
    func migrations() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("karta-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: dir.appendingPathComponent("karta.sqlite").path)
        #expect(
            try store.appliedMigrations().prefix(3) == [
                "v1: runs, sources, records, rejects", "v2: records rollup and service indexes",
                "v3: runs keep their draft",
            ])
        let recordColumns = try store.database.read { db in try db.columns(in: "records").map(\.name) }
        #expect(recordColumns.contains("source_id"))
        let tables = try store.database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(
            tables.filter { !$0.hasPrefix("grdb") && !$0.hasPrefix("sqlite") } == [
                "adopted_map", "records", "rejects", "run_criteria", "runs", "sources",
            ])
        let mode = try store.database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test("the sources table refuses counts that do not add up")
    func rowAccountingIsEnforced() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("karta-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: dir.appendingPathComponent("karta.sqlite").path)
        #expect(throws: DatabaseError.self) {
            try store.database.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO sources (path, sha256, size, kind, format, status, rows_read, loaded, rejected, non_data, run_id)
                        VALUES ('a.csv', 'x', 1, 'municipal-register', 'csv', 'loaded', 10, 5, 2, 1, 'r')
                        """)
            }
        }
    }

    @Test("lookups by municipality use the rollup index: records keep no separate municipality index")
    func municipalityLookupsUseTheRollupIndex() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("karta-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: dir.appendingPathComponent("karta.sqlite").path)
        let indexes = try store.database.read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records'")
        }
        #expect(!indexes.contains("records_on_municipality_code"))
        let plan = try store.database.read { db in
            try String.fetchAll(
                db,
                sql: "EXPLAIN QUERY PLAN SELECT SUM(capacity) FROM records WHERE municipality_code = 'SOF46'",
                adapter: SuffixRowAdapter(fromIndex: 3))
        }
        #expect(plan.contains { $0.contains("records_rollup") || $0.contains("records_service") })
    }
}
