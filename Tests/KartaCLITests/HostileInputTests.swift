// Runs the real binary on hostile inputs: each ends with a clear message naming the file (or with
// rejects), the right exit status (4 refused, 0/1 with rejects), never a crash (status >= 128 or
// 70), in bounded time, and nothing else lost: every call ingests a good file next to the hostile
// one, and the good file must load.
import Foundation
import KartaStore
import Testing

@Suite("Hostile inputs", .serialized)
struct HostileInputTests {
    /// The big or special inputs, made once per test process by scripts/make-hostile.sh.
    static let made: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("karta-hostile-\(getpid())")
        let script = CLIProcess.packageRoot.appendingPathComponent("scripts/make-hostile.sh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, dir.path]
        process.standardError = FileHandle.nullDevice
        try? process.run()
        process.waitUntilExit()
        return dir
    }()

    static func committed(_ name: String) -> String {
        CLIProcess.packageRoot.appendingPathComponent("fixtures/hostile/\(name)").path
    }

    /// A good file of each kind, ingested in the same call as the hostile one.
    static func goodFile(kind: String) -> String {
        let name =
            kind == "asp-export"
            ? "fixtures/xml/asp-export-utf8-english.xml"
            : "fixtures/registers/szr-district-cp1251-semicolon-title-totals.csv"
        return CLIProcess.packageRoot.appendingPathComponent(name).path
    }

    /// The outcome of one `karta ingest HOSTILE GOOD --json` call.
    struct Outcome {
        var result: CLIProcess.Result
        var seconds: Double
        /// The `files[]` entries of the JSON document, keyed by path.
        var files: [String: [String: Any]]
        var storedPaths: [String]

        func file(_ path: String) -> [String: Any] { files[path] ?? [:] }
        func status(_ path: String) -> String? { file(path)["status"] as? String }
        func count(_ path: String, _ key: String) -> Int? { file(path)[key] as? Int }
        func reasons(_ path: String) -> [String: Int] {
            file(path)["rejects_by_reason"] as? [String: Int] ?? [:]
        }
    }

    func ingest(_ path: String, kind: String = "municipal-register") throws -> Outcome {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID()).sqlite")
        defer {
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: store.path + suffix)
            }
        }
        let good = Self.goodFile(kind: kind)
        let start = Date()
        let result = try CLIProcess.run([
            "ingest", path, good, "--kind", kind, "--store", store.path, "--json",
        ])
        let seconds = Date().timeIntervalSince(start)
        var files: [String: [String: Any]] = [:]
        if let document = try? JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any],
            let entries = document["files"] as? [[String: Any]]
        {
            for entry in entries { if let path = entry["path"] as? String { files[path] = entry } }
        }
        let stored = (try? Store(path: store.path).sourceSummaries().map(\.path)) ?? []
        let outcome = Outcome(result: result, seconds: seconds, files: files, storedPaths: stored)
        // Nothing else lost: the good file of the same call loads, whatever happened to the other.
        #expect(outcome.status(good) == "loaded", "good file: \(outcome.file(good)) stderr: \(result.stderr)")
        #expect((outcome.count(good, "loaded") ?? 0) > 0)
        #expect(result.status < 128 && result.status != 70, "crashed: \(result.status) \(result.stderr)")
        return outcome
    }

    /// Refused as a whole: exit 4, a message naming the file, nothing of it stored.
    func expectRefused(_ outcome: Outcome, _ path: String, saying words: String) {
        let name = (path as NSString).lastPathComponent
        #expect(outcome.result.status == 4, "exit \(outcome.result.status): \(outcome.result.stderr)")
        #expect(outcome.status(path) == "refused")
        #expect(outcome.result.stderr.contains("refused \(path)"), "stderr: \(outcome.result.stderr)")
        let error = outcome.file(path)["error"] as? String ?? ""
        #expect(error.contains(name) && error.contains(words), "error: \(error)")
        #expect(!outcome.storedPaths.contains { $0.hasSuffix("/" + name) }, "stored: \(outcome.storedPaths)")
    }

    @Test("XXE: the external entity is never loaded, the file is refused")
    func xxe() throws {
        let path = Self.committed("xxe.xml")
        let outcome = try ingest(path, kind: "asp-export")
        expectRefused(outcome, path, saying: "entit")
        #expect(!outcome.result.stdout.contains("root:") && !outcome.result.stderr.contains("root:"))
    }

    @Test("billion laughs is refused quickly")
    func billionLaughs() throws {
        let path = Self.committed("billion-laughs.xml")
        let outcome = try ingest(path, kind: "asp-export")
        expectRefused(outcome, path, saying: "entit")
        #expect(outcome.seconds < 10)
    }

    @Test("XML nested 100,000 levels deep is refused")
    func deepNesting() throws {
        let path = Self.made.appendingPathComponent("deep-nesting.xml").path
        let outcome = try ingest(path, kind: "asp-export")
        expectRefused(outcome, path, saying: "deep")
        #expect(outcome.seconds < 20)
    }

    @Test("a 100 MB field is one field_too_large reject; the good rows around it load")
    func bigField() throws {
        let path = Self.made.appendingPathComponent("big-field.csv").path
        let outcome = try ingest(path)
        #expect(
            [0, 1].contains(outcome.result.status), "exit \(outcome.result.status): \(outcome.result.stderr)")
        #expect(outcome.status(path) == "loaded")
        #expect(outcome.reasons(path)["field_too_large"] == 1, "\(outcome.file(path))")
        #expect(outcome.count(path, "rows_read") == 3 && outcome.count(path, "loaded") == 2)
        #expect(outcome.seconds < 30)
    }

    @Test("a line of NUL bytes: the file is refused as not text, naming the byte offset")
    func nulLine() throws {
        let path = Self.committed("nul-line.csv")
        let outcome = try ingest(path)
        expectRefused(outcome, path, saying: "not a text file (control byte at byte offset 74)")
    }

    @Test("invalid UTF-8 in a UTF-8 file is refused with a message naming the encoding and the offset")
    func invalidUTF8() throws {
        let path = Self.committed("invalid-utf8-in-utf8.csv")
        let outcome = try ingest(path)
        expectRefused(outcome, path, saying: "is not valid UTF-8")
        #expect((outcome.file(path)["error"] as? String ?? "").contains("byte offset"))
    }

    @Test("100,000 columns: the header binds, the row is one malformed reject, within seconds")
    func wideFile() throws {
        let path = Self.made.appendingPathComponent("wide-100000-columns.csv").path
        let outcome = try ingest(path)
        #expect(
            [0, 1].contains(outcome.result.status), "exit \(outcome.result.status): \(outcome.result.stderr)")
        #expect(outcome.status(path) == "loaded")
        #expect(outcome.count(path, "rows_read") == 1 && outcome.reasons(path) == ["malformed": 1])
        #expect(outcome.seconds < 30)
    }

    @Test(
        "a municipality cell of 400,000 letters (800 KB) is one unknown_municipality reject, within seconds")
    func hugeMunicipalityName() throws {
        // Found by the normalizer fuzzer: the suggestions for an unknown name measured the edit
        // distance of the whole cell to every municipality name (seconds per 30 KB cell).
        let path = Self.made.appendingPathComponent("huge-municipality.csv").path
        let text =
            "Област;Община;Вид на услугата;Наименование на услугата;Капацитет\n"
            + "Русе;\(String(repeating: "а", count: 400_000));ЦОП;ЦОП 1;30\nРусе;Русе;ЦОП;ЦОП 2;40\n"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let outcome = try ingest(path)
        #expect(
            [0, 1].contains(outcome.result.status), "exit \(outcome.result.status): \(outcome.result.stderr)")
        #expect(outcome.reasons(path) == ["unknown_municipality": 1], "\(outcome.file(path))")
        #expect(outcome.count(path, "loaded") == 1)
        #expect(outcome.seconds < 30)
    }

    @Test("a symlink loop is refused")
    func symlinkLoop() throws {
        let path = Self.made.appendingPathComponent("loop-a.csv").path
        expectRefused(try ingest(path), path, saying: "symbolic link loop")
    }

    @Test("a directory given as a file is refused")
    func directory() throws {
        let path = Self.made.appendingPathComponent("directory.csv").path
        expectRefused(try ingest(path), path, saying: "is a folder")
    }

    @Test("a FIFO is refused without blocking")
    func fifo() throws {
        let path = Self.made.appendingPathComponent("fifo.csv").path
        let outcome = try ingest(path)
        expectRefused(outcome, path, saying: "FIFO")
        #expect(outcome.seconds < 10)
    }

    @Test("an unreadable file (root can read anything, so /proc/self/mem: EIO) is refused")
    func unreadable() throws {
        let path = "/proc/self/mem"
        expectRefused(try ingest(path), path, saying: "cannot be read")
    }

    @Test("a file that grows while it is read is refused, and nothing of it is stored")
    func changingFile() throws {
        let path = Self.made.appendingPathComponent("growing.csv").path
        var text = "Област;Община;Вид на услугата;Капацитет\n"
        for index in 0..<50_000 { text += "Стара Загора;Казанлък;ЦОП № \(index);30\n" }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        nonisolated(unsafe) var stop = false
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            var index = 0
            while !stop && index < 200_000 {
                handle.seekToEndOfFile()
                handle.write(Data("Стара Загора;Казанлък;ЦОП добавен № \(index);30\n".utf8))
                index += 1
                usleep(200)
            }
        }
        writer.start()
        let outcome = try ingest(path)
        stop = true
        expectRefused(outcome, path, saying: "changed while it was being read")
    }
}
