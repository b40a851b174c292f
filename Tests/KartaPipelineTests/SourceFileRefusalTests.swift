import Foundation
import KartaModel
import KartaNormalize
import KartaPipeline
import KartaStore
import Testing

/// A reader that appends to its file while the rows are read, like an export still being written.
final class GrowingFileSource: RawRowSource {
    let inner: HandMadeSource
    let path: String
    var description: RawSourceDescription { inner.description }

    init(path: String, header: [String], rows: [[String]]) {
        inner = HandMadeSource(path: path, header: header, rows: rows)
        self.path = path
    }

    func next() throws -> RawRowResult? {
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data("Чирпан;ЦОП;1\n".utf8))
            try? handle.close()
        }
        return try inner.next()
    }
}

@Suite("Source ingestion refuses files that are not stable regular files", .serialized)
struct SourceFileRefusalTests {
    let folder: URL
    let store: Store
    let options: IngestOptions
    static let header = ["Община", "Вид на услугата", "Капацитет"]
    static let rows = [["Чирпан", "ЦОП", "20"], ["Чирпан", "Дневен център", "10"]]

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("karta-refusal-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store(path: folder.appendingPathComponent("karta.sqlite").path)
        options = IngestOptions(
            kind: .municipalRegister, mapping: try ColumnMapping.standard(),
            dictionary: try ServiceDictionary.standard())
    }

    func ingest(_ path: String) throws -> SourceReport {
        try SourceIngestion.ingest(path: path, options: options, store: store, runID: "run-1") { request in
            HandMadeSource(path: request.path, header: Self.header, rows: Self.rows)
        }
    }

    func storedPaths() throws -> [String] {
        try store.sourceSummaries().map(\.path)
    }

    @Test("a file that grows while its rows are read is refused and nothing of it is stored")
    func changedWhileRead() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("growing.csv").path
        try Data("Община;Вид на услугата;Капацитет\n".utf8).write(to: URL(fileURLWithPath: path))
        let report = try SourceIngestion.ingest(path: path, options: options, store: store, runID: "run-1") {
            request in
            GrowingFileSource(path: request.path, header: Self.header, rows: Self.rows)
        }
        #expect(report.status == .refused)
        #expect(
            report.error?.contains("growing.csv: the file changed while it was being read") == true,
            "\(report.error ?? "")")
        #expect(report.loaded == 0 && report.rowsRead == 0)
        #expect(try storedPaths().isEmpty)
    }

    @Test("a changed re-delivery is refused while growing and the previous version stays")
    func previousVersionKept() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("register.csv").path
        try Data("version 1\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try ingest(path).status == .loaded)
        try Data("version 2\n".utf8).write(to: URL(fileURLWithPath: path))
        let refused = try SourceIngestion.ingest(path: path, options: options, store: store, runID: "run-2") {
            request in
            GrowingFileSource(path: request.path, header: Self.header, rows: Self.rows)
        }
        #expect(refused.status == .refused)
        let summaries = try store.sourceSummaries()
        #expect(summaries.count == 1 && summaries.first?.rowsRead == 2)
    }

    @Test("a folder, a FIFO and a symbolic-link loop are refused before any reader opens them")
    func notRegularFiles() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = folder.appendingPathComponent("directory.csv")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let fifo = folder.appendingPathComponent("fifo.csv").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let loopA = folder.appendingPathComponent("loop-a.csv").path
        let loopB = folder.appendingPathComponent("loop-b.csv").path
        try FileManager.default.createSymbolicLink(atPath: loopA, withDestinationPath: loopB)
        try FileManager.default.createSymbolicLink(atPath: loopB, withDestinationPath: loopA)
        var opened = 0
        func attempt(_ path: String) throws -> SourceReport {
            try SourceIngestion.ingest(path: path, options: options, store: store, runID: "run-1") { request in
                opened += 1
                return HandMadeSource(path: request.path, header: Self.header, rows: Self.rows)
            }
        }
        #expect(try attempt(directory.path).error == "\(directory.path): is a folder, not a file")
        #expect(try attempt(fifo).error == "\(fifo): is a FIFO (named pipe), not a regular file")
        #expect(try attempt(loopA).error == "\(loopA): symbolic link loop, not a file")
        #expect(opened == 0)
        #expect(try storedPaths().isEmpty)
    }

    @Test("a file whose bytes cannot be read (even by root) is refused with the system's reason")
    func unreadable() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // Reading /proc/self/mem at offset 0 fails with EIO, whoever runs the tests.
        let report = try ingest("/proc/self/mem")
        #expect(report.status == .refused)
        #expect(report.error == "/proc/self/mem: cannot be read: Input/output error", "\(report.error ?? "")")
    }
}
