import Foundation
import Testing

@testable import KartaEmit

@Suite("Streaming atomic writes")
struct AtomicFileStreamTests {
    @Test("the target appears only on commit, whole, with no temporary file left")
    func commit() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("records.csv")
        let stream = try AtomicFileStream(url: target, bufferSize: 8)
        for index in 0..<100 { try stream.append("ред \(index)\n") }
        #expect(!FileManager.default.fileExists(atPath: target.path))
        try stream.commit()
        let lines = try String(contentsOf: target, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 100 && lines.last == "ред 99")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["records.csv"])
    }

    @Test("a stream dropped without commit leaves the old file and no temporary file")
    func abandon() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("records.csv")
        try AtomicFile.write("стара\n", to: target)
        do {
            let stream = try AtomicFileStream(url: target, bufferSize: 4)
            try stream.append("нова, недовършена")
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "стара\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["records.csv"])
    }
}
