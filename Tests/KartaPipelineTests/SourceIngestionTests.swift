import Foundation
import KartaModel
import KartaNormalize
import KartaPipeline
import KartaStore
import Testing

/// A reader over rows made by hand: what the CSV and XML readers yield, without a file format.
final class HandMadeSource: RawRowSource {
    let description: RawSourceDescription
    private var results: [RawRowResult]
    private let failAfter: Int?
    private var served = 0

    struct BrokenFile: Error, CustomStringConvertible {
        var description: String { "malformed XML at line 40: unexpected end of file" }
    }

    init(
        path: String, header: [String], rows: [[String]], problems: [Int: RawRowProblem] = [:],
        failAfter: Int? = nil
    ) {
        description = RawSourceDescription(
            path: path, format: .csv, encoding: "windows-1251", delimiter: ";", headerLine: 2, header: header)
        var results: [RawRowResult] = []
        for (index, fields) in rows.enumerated() {
            if let problem = problems[index] {
                results.append(.problem(problem))
            } else {
                results.append(
                    .row(
                        RawRow(
                            fields: fields,
                            position: SourcePosition(
                                line: index + 3, byteOffset: Int64(index * 90), recordIndex: index),
                            rawText: fields.joined(separator: ";"))))
            }
        }
        self.results = results.reversed()
        self.failAfter = failAfter
    }

    func next() throws -> RawRowResult? {
        if let failAfter, served == failAfter { throw BrokenFile() }
        served += 1
        return results.popLast()
    }
}

@Suite("Source ingestion: file → normalizer → store", .serialized)
struct SourceIngestionTests {
    let folder: URL
    let store: Store
    let options: IngestOptions

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("karta-ingest-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store(path: folder.appendingPathComponent("karta.sqlite").path)
        options = IngestOptions(
            kind: .municipalRegister, mapping: try ColumnMapping.standard(),
            dictionary: try ServiceDictionary.standard())
    }

    func file(_ name: String, _ contents: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    static let header = ["Община", "Вид на услугата", "Капацитет", "ЕГН"]
    static let rows = [
        ["Чирпан", "ЦОП", "20", "6101047500"],
        ["Чирпан", "Лична помощ", "5", "7503151233"],
        ["Чирпан", "ЦОП", "20", "6101047500"],
        ["", "", "", ""],
        ["Общо", "", "25", ""],
    ]

    func ingest(
        _ path: String, rows: [[String]] = rows, failAfter: Int? = nil, problems: [Int: RawRowProblem] = [:]
    ) throws -> SourceReport {
        try SourceIngestion.ingest(path: path, options: options, store: store, runID: "run-1") { request in
            HandMadeSource(
                path: request.path, header: Self.header, rows: rows, problems: problems, failAfter: failAfter)
        }
    }

    @Test("a file is loaded with its accounting; blank rows are not counted; ЕГН column dropped")
    func loaded() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try file("a.csv", "version 1")
        let problem = RawRowProblem(
            position: SourcePosition(line: 9, byteOffset: 700, recordIndex: 5), column: nil,
            reason: .malformed,
            message: "expected 4 fields, found 2", rawText: "Чирпан;8807224562")
        let report = try ingest(path, rows: Self.rows + [["x"]], problems: [5: problem])
        #expect(report.status == .loaded)
        #expect(report.rowsRead == 5)
        #expect(report.loaded == 1 && report.rejected == 3 && report.nonData == 1)
        #expect(report.rejectsByReason == ["unknown_service": 1, "duplicate": 1, "malformed": 1])
        #expect(report.droppedColumns == ["ЕГН"])
        #expect(report.encoding == "windows-1251")
        var stored = try store.rejects().map { $0.rawText + $0.message }
        try store.forEachExportRecord { row in
            for column: RecordExportRow.Column in [.serviceName, .serviceID] {
                if case .text(let bytes) = row[column] { stored.append(String(decoding: bytes, as: UTF8.self)) }
            }
        }
        let dump = stored.joined()
        for personalNumber in ["6101047500", "7503151233", "8807224562"] {
            #expect(!dump.contains(personalNumber))
        }
    }

    @Test("the same file again is unchanged with the stored counts; a changed file replaces it")
    func unchangedThenChanged() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try file("a.csv", "version 1")
        _ = try ingest(path)
        let again = try ingest(path)
        #expect(again.status == .unchanged)
        #expect(
            again.rowsRead == 4 && again.loaded == 1
                && again.rejectsByReason == ["unknown_service": 1, "duplicate": 1])
        _ = try file("a.csv", "version 2")
        let changed = try ingest(path, rows: [["Казанлък", "ЦСРИ", "30", ""]])
        #expect(changed.status == .loaded && changed.loaded == 1)
        var names: [String] = []
        try store.forEachExportRecord { row in
            if case .text(let bytes) = row[.municipalityCode] { names.append(String(decoding: bytes, as: UTF8.self)) }
        }
        #expect(names == ["SZR12"])
        #expect(try store.rejects().isEmpty)
    }

    @Test("a reader failing mid-file refuses the file and keeps the previous version")
    func refusedKeepsPrevious() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try file("a.csv", "version 1")
        _ = try ingest(path)
        _ = try file("a.csv", "version 2")
        let refused = try ingest(path, failAfter: 2)
        #expect(refused.status == .refused)
        #expect(refused.error?.contains("malformed XML at line 40") == true)
        #expect(refused.rowsRead == 0 && refused.loaded == 0)
        #expect(try store.storedSource(path: path)?.loaded == 1)
        #expect(try store.sourceSummaries().count == 1)
    }

    @Test("a missing file and a file without required columns are refused with a message")
    func refusedBeforeReading() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try ingest(folder.appendingPathComponent("nope.csv").path)
        #expect(missing.status == .refused && missing.error?.contains("no such file") == true)
        let path = try file("b.csv", "x")
        let report = try SourceIngestion.ingest(path: path, options: options, store: store, runID: "r") {
            request in
            HandMadeSource(path: request.path, header: ["Услуга", "Места"], rows: [["ЦОП", "3"]])
        }
        #expect(report.status == .refused)
        #expect(report.error?.contains("няма колона за „община\" (municipality)") == true)
        #expect(try store.sourceSummaries().isEmpty)
    }

    @Test("the --json document has exactly the contract's keys; error only for refused files")
    func jsonContract() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let loaded = try ingest(try file("a.csv", "v"))
        let refused = try ingest(folder.appendingPathComponent("nope.csv").path)
        let data = try IngestReportDocument(reports: [loaded, refused]).jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let files = try #require(object["files"] as? [[String: Any]])
        let contract: Set = [
            "path", "status", "encoding", "rows_read", "loaded", "rejected", "non_data", "rejects_by_reason",
            "bindings",
        ]
        #expect(Set(files[0].keys) == contract)
        #expect(Set(files[1].keys) == contract.union(["error"]))
        #expect(files[0]["rows_read"] as? Int == 4)
    }
}
