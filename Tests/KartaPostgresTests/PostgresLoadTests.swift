import Foundation
import KartaModel
import KartaStore
import Testing

@testable import KartaPostgres

extension PostgresServerTests {
    /// Loading sources into a PostgreSQL store: one transaction per source (a savepoint inside a
    /// run), the row accounting checked, ids derived as on SQLite.
    @Suite("Loading a PostgreSQL store")
    struct PostgresLoadTests {
        static func record(line: Int, capacity: Int = 20, path: String = "data/a.csv") -> ServiceRecord {
            ServiceRecord(
                municipalityCode: "SZR36", districtCode: "SZR", kinds: [.informationAndConsultation],
                targetGroup: .children, serviceName: "ЦОП Чирпан", capacity: capacity, users: 18,
                financing: .stateDelegated, sourceKind: .municipalRegister,
                provenance: Provenance(
                    sourcePath: path, sourceSHA256: "h1",
                    position: SourcePosition(line: line, byteOffset: Int64(line * 80), recordIndex: line - 2),
                    runID: "run-1"))
        }

        static func reject(line: Int) -> Reject {
            Reject(
                provenance: Provenance(
                    sourcePath: "data/a.csv", sourceSHA256: "h1",
                    position: SourcePosition(line: line, byteOffset: Int64(line * 80), recordIndex: line - 2),
                    runID: "run-1"),
                column: "Вид услуга", reason: .unknownService, message: "непозната услуга", rawText: "x;y")
        }

        static func source(sha: String, path: String = "data/a.csv") -> SourceInfo {
            SourceInfo(
                path: path, sha256: sha, size: 100, kind: .municipalRegister, format: .csv, runID: "run-1")
        }

        struct LoadFailed: Error {}

        @Test(
            "a load stores records, rejects and the accounting; a failed reload or a bad count keeps the previous version"
        )
        func loadsAndRollsBack() async throws {
            let outcome = try await TestServer.withFreshDatabase("karta_load") { address in
                let store = try PostgresStore(address: address, access: .readWrite)
                defer { store.close() }
                let result = try store.inRunTransaction {
                    try store.load(source: Self.source(sha: "h1")) { writer in
                        for line in 2...4 { try writer.add(Self.record(line: line)) }
                        try writer.add(Self.reject(line: 5))
                        writer.addNonData()
                        return SourceCompletion(rowsRead: 5)
                    }
                }
                // A reload that throws half-way, and one whose rows do not add up: both undone.
                let failed =
                    (try? store.inRunTransaction {
                        try store.load(source: Self.source(sha: "h2")) { writer in
                            try writer.add(Self.record(line: 2, capacity: 99))
                            throw LoadFailed()
                        }
                    }) == nil
                var accountingError: RowAccountingError?
                do {
                    try store.load(source: Self.source(sha: "h3")) { writer in
                        try writer.add(Self.record(line: 2))
                        return SourceCompletion(rowsRead: 7)
                    }
                } catch let error as RowAccountingError {
                    accountingError = error
                }
                let summary = try #require(try store.storedSource(path: "data/a.csv"))
                let totals = try store.groupTotals(of: .all, includeLineage: true)
                return (
                    result, failed, accountingError, summary, totals, try store.recordCount(),
                    try store.rejects(sourcePath: nil),
                    try store.isUnchanged(path: "data/a.csv", sha256: "h1")
                )
            }
            let (result, failed, accountingError, summary, totals, count, rejects, unchanged) = outcome
            #expect(result.loaded == 3 && result.rejected == 1 && result.nonData == 1)
            #expect(result.sourceID == StoredID.source(path: "data/a.csv"))
            #expect(failed)
            #expect(accountingError?.rowsRead == 7)
            #expect(summary.status == .loaded && summary.sha256 == "h1" && summary.rowsRead == 5)
            #expect(summary.rejectsByReason == ["unknown_service": 1])
            #expect(count == 3)
            #expect(unchanged)
            #expect(totals.count == 1)
            #expect(totals.first?.capacity == 60)
            #expect(
                totals.first?.recordIDs
                    == (0...2).map { StoredID.record(source: result.sourceID, recordIndex: $0) })
            #expect(rejects.map(\.line) == [5])
            #expect(rejects.first?.rawText == "x;y")
        }
    }
}
