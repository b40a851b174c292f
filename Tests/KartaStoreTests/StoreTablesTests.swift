import Foundation
import Testing

@testable import KartaStore

@Suite("The content digest karta store copy compares both backends by")
struct StoreTablesTests {
    let shape = StoreTableShape(
        name: "runs",
        columns: [StoreColumn(name: "id", kind: .text), StoreColumn(name: "exit_status", kind: .integer)],
        primaryKey: "id")

    @Test("rows in another order, or columns in another order, give the same digest")
    func orderDoesNotMatter() {
        let rows: [[StoreValue]] = [[.text("б-run"), .integer(0)], [.text("a-run"), .null], [.text("Z-run"), .integer(2)]]
        let first = StoreTableRows(shape: shape, unorderedRows: rows)
        let shuffled = StoreTableRows(shape: shape, unorderedRows: rows.reversed())
        let swappedShape = StoreTableShape(name: "runs", columns: shape.columns.reversed(), primaryKey: "id")
        let swapped = StoreTableRows(shape: swappedShape, unorderedRows: rows.map { $0.reversed() })
        #expect(first.digest == shuffled.digest)
        #expect(first.digest == swapped.digest)
        #expect(first.digest.rows == 3)
        // Primary-key order is by UTF-8 bytes: "Z" < "a" < "б".
        #expect(first.rows.map { $0[1] } == [.text("Z-run"), .text("a-run"), .text("б-run")])
    }

    @Test("a changed value, a null for an empty text, or a text for a number changes the digest")
    func contentMatters() {
        let base = StoreTableRows(shape: shape, unorderedRows: [[.text("r1"), .integer(1)]]).digest
        let changed = StoreTableRows(shape: shape, unorderedRows: [[.text("r1"), .integer(2)]]).digest
        let nulled = StoreTableRows(shape: shape, unorderedRows: [[.text("r1"), .null]]).digest
        let texted = StoreTableRows(shape: shape, unorderedRows: [[.text("r1"), .text("1")]]).digest
        let empty = StoreTableRows(shape: shape, unorderedRows: [[.text(""), .integer(1)]]).digest
        let missingKey = StoreTableRows(shape: shape, unorderedRows: [[.null, .integer(1)]]).digest
        #expect(Set([base, changed, nulled, texted, empty, missingKey].map(\.sha256)).count == 6)
        #expect(base.sha256.count == 64)
    }

    @Test("a SQLite store reads back what it replaced, and refuses a non-empty destination without replace")
    func sqliteReplace() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("karta-tables-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try Store(path: path)
        let empty = try store.readTables()
        #expect(empty.map(\.shape.name) == StoreTables.names)
        let runs = try #require(empty.first)
        let row: [StoreValue] = runs.shape.columns.map { column in
            switch column.name {
            case "id": .text("2026-12-04T01:00:00Z-1a2b3c4d")
            case "started_at": .text("2026-12-04T01:00:00Z")
            case "karta_version": .text("test")
            case "command": .text("run")
            case "exit_status": .integer(0)
            default: .null
            }
        }
        let tables = [StoreTableRows(shape: runs.shape, unorderedRows: [row])] + empty.dropFirst()
        var seen: [StoreTableDigest] = []
        try store.replaceTables(with: tables, replace: false) { written in seen = written.map(\.digest) }
        #expect(seen == tables.map(\.digest))
        #expect(try store.readTables().map(\.digest) == tables.map(\.digest))
        #expect(throws: StoreCopyError.self) {
            try store.replaceTables(with: empty, replace: false) { _ in }
        }
        // A verification that throws rolls the replacement back.
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try store.replaceTables(with: empty, replace: true) { _ in throw Refused() }
        }
        #expect(try store.readTables().map(\.digest) == tables.map(\.digest))
    }
}
