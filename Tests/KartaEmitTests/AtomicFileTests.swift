import Foundation
import Testing

@testable import KartaEmit

@Suite("Atomic file writes")
struct AtomicFileTests {
    @Test("replaces the content whole and leaves no temporary file behind")
    func replaces() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("karta-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("draft.csv")
        try AtomicFile.write("стара\n", to: target)
        try AtomicFile.write("нова\n", to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "нова\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["draft.csv"])
    }

    @Test("fails with the path when the folder cannot be written")
    func failsWithPath() throws {
        let target = URL(fileURLWithPath: "/proc/karta-cannot-write/draft.csv")
        #expect(throws: (any Error).self) { try AtomicFile.write("x", to: target) }
    }
}
