import Foundation
import Testing

@testable import KartaPipeline

@Suite("Run lock")
struct RunLockTests {
    @Test("a second lock on the same store fails at once and names the holder; after release it succeeds")
    func contention() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("karta-lock-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("karta.sqlite").path
        let first = try RunLock(storePath: store, runID: "first")
        do {
            _ = try RunLock(storePath: store, runID: "second")
            Issue.record("the second lock should have failed")
        } catch let held as RunLock.Held {
            #expect(held.holder.contains("pid \(getpid())"))
            #expect(held.holder.contains("run first"))
        }
        first.release()
        let again = try RunLock(storePath: store, runID: "third")
        again.release()
    }
}
