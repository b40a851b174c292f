import Foundation
import GRDB
import KartaModel
import Testing

@testable import KartaStore

/// A fresh store in a temporary folder.
struct TemporaryStore {
    let folder: URL
    let store: Store

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("karta-store-\(UUID())")
        store = try Store(path: folder.appendingPathComponent("karta.sqlite").path)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func count(_ table: String) throws -> Int {
        try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }
}

func sampleRecord(line: Int, capacity: Int = 20, path: String = "/data/a.csv") -> ServiceRecord {
    ServiceRecord(
        municipalityCode: "SZR36", districtCode: "SZR",
        kinds: [.informationAndConsultation, .therapyAndRehabilitation],
        targetGroup: .children, serviceName: "ЦОП Чирпан", capacity: capacity, users: 18,
        financing: .stateDelegated,
        provider: "Община Чирпан", reportingDate: "2025-12-31", planningLevel: .municipal,
        sourceKind: .municipalRegister,
        provenance: Provenance(
            sourcePath: path, sourceSHA256: "h1",
            position: SourcePosition(line: line, byteOffset: Int64(line * 80), recordIndex: line - 2),
            runID: "run-1"),
        warnings: capacity < 18 ? [.usersAboveCapacity(users: 18, capacity: capacity)] : [])
}

func sampleReject(line: Int, reason: RejectReason = .unknownService) -> Reject {
    Reject(
        provenance: Provenance(
            sourcePath: "/data/a.csv", sourceSHA256: "h1",
            position: SourcePosition(line: line, byteOffset: 0, recordIndex: line - 2),
            runID: "run-1"),
        column: "Вид на услугата", reason: reason, message: "„Клуб на пенсионера\" не е социална услуга",
        rawText: "Чирпан;Клуб на пенсионера;20")
}

func sourceInfo(sha: String, path: String = "/data/a.csv") -> SourceInfo {
    SourceInfo(
        path: path, sha256: sha, size: 100, kind: .municipalRegister, format: .csv, encoding: "windows-1251",
        delimiter: ";", headerLine: 3, runID: "run-1")
}

struct LoadFailure: Error {}

@Suite("Store: loading sources", .serialized)
struct StoreLoadTests {
    @Test("a load stores records and rejects, counts them and round-trips records")
    func load() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let result = try temporary.store.load(source: sourceInfo(sha: "h1")) { writer in
            try writer.add(sampleRecord(line: 4))
            try writer.add(sampleRecord(line: 5, capacity: 10))
            try writer.add(sampleReject(line: 6))
            writer.addNonData()
            return SourceCompletion(rowsRead: 4, droppedColumns: ["ЕГН"])
        }
        #expect(result.loaded == 2 && result.rejected == 1 && result.nonData == 1)
        #expect(result.rejectsByReason == [.unknownService: 1])
        let records = try temporary.store.database.read { db in
            try StoredRecord.fetchAll(db, sql: StoredRecord.selectSQL + " ORDER BY line")
        }
        #expect(records.map(\.record) == [sampleRecord(line: 4), sampleRecord(line: 5, capacity: 10)])
        let summary = try #require(try temporary.store.storedSource(path: "/data/a.csv"))
        #expect(summary.status == .loaded && summary.kind == .municipalRegister && summary.format == .csv)
        #expect(summary.rowsRead == 4 && summary.rejectsByReason == ["unknown_service": 1])
        #expect(summary.droppedColumns == ["ЕГН"])
        #expect(try temporary.store.rejects(sourcePath: "/data/a.csv").map(\.line) == [6])
    }

    @Test("the same path and SHA-256 is unchanged; another SHA-256 is not")
    func unchanged() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        #expect(try !temporary.store.isUnchanged(path: "/data/a.csv", sha256: "h1"))
        try temporary.store.load(source: sourceInfo(sha: "h1")) { writer in
            try writer.add(sampleRecord(line: 4))
            return SourceCompletion(rowsRead: 1)
        }
        #expect(try temporary.store.isUnchanged(path: "/data/a.csv", sha256: "h1"))
        #expect(try !temporary.store.isUnchanged(path: "/data/a.csv", sha256: "h2"))
        #expect(try !temporary.store.isUnchanged(path: "/data/b.csv", sha256: "h1"))
    }

    @Test("a changed file replaces everything from its previous version; other sources stay")
    func replace() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        try temporary.store.load(source: sourceInfo(sha: "h1")) { writer in
            for line in 4..<14 { try writer.add(sampleRecord(line: line)) }
            try writer.add(sampleReject(line: 14))
            return SourceCompletion(rowsRead: 11)
        }
        try temporary.store.load(source: sourceInfo(sha: "x", path: "/data/b.csv")) { writer in
            try writer.add(sampleRecord(line: 2, path: "/data/b.csv"))
            return SourceCompletion(rowsRead: 1)
        }
        try temporary.store.load(source: sourceInfo(sha: "h2")) { writer in
            try writer.add(sampleRecord(line: 4))
            return SourceCompletion(rowsRead: 1)
        }
        #expect(try temporary.count("records") == 2)
        #expect(try temporary.count("rejects") == 0)
        #expect(try temporary.count("sources") == 2)
        #expect(try temporary.store.storedSource(path: "/data/a.csv")?.sha256 == "h2")
    }

    @Test("an error in the middle of a load leaves the previous version intact")
    func rollback() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        try temporary.store.load(source: sourceInfo(sha: "h1")) { writer in
            for line in 4..<9 { try writer.add(sampleRecord(line: line)) }
            return SourceCompletion(rowsRead: 5)
        }
        #expect(throws: LoadFailure.self) {
            try temporary.store.load(source: sourceInfo(sha: "h2")) { writer in
                for line in 4..<100 { try writer.add(sampleRecord(line: line, capacity: 99)) }
                throw LoadFailure()
            }
        }
        #expect(try temporary.count("records") == 5)
        #expect(try temporary.store.storedSource(path: "/data/a.csv")?.sha256 == "h1")
        #expect(try temporary.store.isUnchanged(path: "/data/a.csv", sha256: "h1"))
    }

    @Test("rows that do not add up refuse the load")
    func accounting() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        #expect(throws: RowAccountingError.self) {
            try temporary.store.load(source: sourceInfo(sha: "h1")) { writer in
                try writer.add(sampleRecord(line: 4))
                return SourceCompletion(rowsRead: 2)
            }
        }
        #expect(try temporary.count("sources") == 0)
        #expect(try temporary.count("records") == 0)
    }

    @Test("a bulk load (big file) rebuilds the records indexes, and a failed one keeps them")
    func bulkLoadKeepsIndexes() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        func indexes() throws -> [String] {
            try temporary.store.database.read { db in
                try String.fetchAll(
                    db,
                    sql:
                        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records' ORDER BY name"
                )
            }
        }
        let before = try indexes()
        var big = sourceInfo(sha: "h1")
        big.size = Store.bulkLoadThresholdBytes
        try temporary.store.load(source: big) { writer in
            for line in 4..<50 { try writer.add(sampleRecord(line: line)) }
            return SourceCompletion(rowsRead: 46)
        }
        #expect(try indexes() == before)
        #expect(before.contains("records_rollup"))
        big.sha256 = "h2"
        #expect(throws: LoadFailure.self) {
            try temporary.store.load(source: big) { _ in throw LoadFailure() }
        }
        #expect(try indexes() == before)
        #expect(try temporary.count("records") == 46)
    }

    @Test("runs start and finish with an id")
    func runs() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let id = try temporary.store.startRun(command: "karta ingest a.csv")
        try temporary.store.finishRun(id: id, outcome: "success", exitStatus: 0)
        let row = try temporary.store.database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT outcome, exit_status, finished_at FROM runs WHERE id = ?", arguments: [id])
        }
        #expect(row?["outcome"] == "success")
        #expect(row?["exit_status"] == 0)
        #expect((row?["finished_at"] as String?) != nil)
    }
}
