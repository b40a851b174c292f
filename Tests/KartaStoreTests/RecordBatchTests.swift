import Foundation
import GRDB
import KartaModel
import Testing

@testable import KartaStore

@Suite("Store: records are written in batches", .serialized)
struct RecordBatchTests {
    @Test(
        "every record is stored, in order, whether it fills a batch or is left over",
        arguments: [1, SourceWriter.batchRows - 1, SourceWriter.batchRows, 3 * SourceWriter.batchRows + 5])
    func everyRecordStored(count: Int) throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let result = try temporary.store.load(source: sourceInfo(sha: "h1")) { writer in
            for index in 0..<count {
                try writer.add(sampleRecord(line: index + 2, capacity: 20 + index))
                // Rejects between records go straight in; they must not disturb the batch.
                if index % 7 == 3 { try writer.add(sampleReject(line: 10_000 + index)) }
            }
            return SourceCompletion(rowsRead: count + (count + 3) / 7, droppedColumns: [])
        }
        #expect(result.loaded == count)
        let records = try temporary.store.database.read { db in
            try StoredRecord.fetchAll(db, sql: StoredRecord.selectSQL + " ORDER BY records.id")
        }
        #expect(records.map(\.record) == (0..<count).map { sampleRecord(line: $0 + 2, capacity: 20 + $0) })
        #expect(try temporary.count("records") == count)
    }

    @Test("a load that fails after a full batch leaves nothing of it")
    func failedLoadLeavesNothing() throws {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        #expect(throws: LoadFailure.self) {
            try temporary.store.load(source: sourceInfo(sha: "h1")) { writer in
                for index in 0..<(2 * SourceWriter.batchRows + 1) { try writer.add(sampleRecord(line: index + 2)) }
                throw LoadFailure()
            }
        }
        #expect(try temporary.count("records") == 0)
        #expect(try temporary.count("sources") == 0)
    }
}
