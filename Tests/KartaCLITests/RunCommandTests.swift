import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("karta run: the pipeline end to end", .serialized)
struct RunCommandTests {
    @Test("a run on the fixtures exits 0 and writes the draft in every format and the manifest")
    func fullRun() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let result = try workspace.run()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: workspace.out.path)
        for expected in [
            "map-municipalities.csv", "map-districts.csv", "map-national.csv", "map-draft.json",
            "map-draft.xml",
            "map-draft.geojson", "report.html", "records.csv", "records.jsonl", "run.json",
        ] {
            #expect(names.contains(expected), "missing \(expected) in \(names)")
        }
        #expect(!names.contains { $0.hasPrefix(".staging") })
        let manifest = try workspace.manifest()
        #expect(manifest["outcome"] as? String == "success")
        #expect(manifest["exit_status"] as? Int == 0)
        let inputs = manifest["inputs"] as? [[String: Any]] ?? []
        #expect(inputs.count == 7)  // 2 registers, АСП, proposal, adopted Map (CSV and XML)
        for input in inputs {
            let read = input["rows_read"] as? Int ?? -1
            let sum =
                (input["loaded"] as? Int ?? 0) + (input["rejected"] as? Int ?? 0)
                + (input["non_data"] as? Int ?? 0)
            #expect(read == sum, "row accounting of \(input["path"] ?? "?")")
            #expect((input["sha256"] as? String)?.count == 64)
            #expect(input["status"] as? String == "loaded")
        }
        let outputs = manifest["outputs"] as? [[String: Any]] ?? []
        #expect(outputs.count >= 9)
        #expect((manifest["draft_id"] as? String)?.count == 64)
        let stages = (manifest["stages"] as? [[String: Any]] ?? []).compactMap { $0["stage"] as? String }
        #expect(stages == ["configure", "discover", "clean", "ingest", "prune", "aggregate", "emit"])
    }

    @Test("no ЕГН of the fixtures reaches the store or any output of a run")
    func personalDataNeverLeaks() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run().status == 0)
        let numbers = try String(
            contentsOf: CLIProcess.packageRoot.appendingPathComponent(
                "fixtures/registers/PERSONAL-NUMBERS.txt"),
            encoding: .utf8
        ).split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map(String.init)
        #expect(numbers.count >= 3)
        // every output file, the plans in out/plans/ too
        let plans = try FileManager.default.contentsOfDirectory(atPath: workspace.out.appendingPathComponent("plans").path)
        #expect(!plans.isEmpty)
        for name in try FileManager.default.contentsOfDirectory(atPath: workspace.out.path).filter({ $0 != "plans" })
            + plans.map({ "plans/\($0)" })
        where !name.hasPrefix(".") {
            let data = try Data(contentsOf: workspace.out.appendingPathComponent(name))
            let text = String(decoding: data, as: UTF8.self)
            for number in numbers {
                #expect(!text.contains(number), "\(number) found in \(name)")
            }
        }
    }

    @Test("a rerun skips unchanged files and writes byte-identical outputs")
    func incrementalRerun() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run().status == 0)
        let first = try workspace.outputHashes()
        let rerun = try workspace.run(["--quiet"])
        #expect(rerun.status == 0)
        #expect(rerun.stderr.isEmpty, "quiet run printed: \(rerun.stderr)")
        let statuses = (try workspace.manifest()["inputs"] as? [[String: Any]] ?? []).compactMap {
            $0["status"] as? String
        }
        #expect(statuses == Array(repeating: "unchanged", count: 7))
        #expect(try workspace.outputHashes() == first)
    }

    @Test("--full-refresh reads every file again; a removed file leaves the store")
    func fullRefreshAndRemoval() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run().status == 0)
        #expect(try workspace.run(["--full-refresh"]).status == 0)
        let statuses = (try workspace.manifest()["inputs"] as? [[String: Any]] ?? []).compactMap {
            $0["status"] as? String
        }
        #expect(statuses == Array(repeating: "loaded", count: 7))
        // A register (its folder keeps others: a source matching no file would be exit 2).
        let gone = workspace.root.appendingPathComponent(
            "fixtures/registers/pdv-utf8-comma-quoted-english-headers.csv")
        try FileManager.default.removeItem(at: gone)
        // One of five stored sources (20 %) is more than max_removed_percent (10): stop, unless allowed.
        #expect(try workspace.run().status == 1)
        #expect(try workspace.run(["--allow-removals"]).status == 0)
        let manifest = try workspace.manifest()
        #expect(
            (manifest["removed_sources"] as? [String])?.contains {
                $0.hasSuffix("pdv-utf8-comma-quoted-english-headers.csv")
            } == true)
        let draft = try String(
            contentsOf: workspace.out.appendingPathComponent("map-draft.json"), encoding: .utf8)
        #expect(!draft.contains("pdv-utf8-comma-quoted-english-headers.csv"))
    }

    @Test("--dry-run reads and validates everything and writes nothing")
    func dryRun() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let result = try workspace.run(["--dry-run"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("loaded"))
        #expect(result.stderr.contains("dry run finished, nothing written: success"))
        #expect(
            !FileManager.default.fileExists(atPath: workspace.out.appendingPathComponent("run.json").path))
        #expect(!FileManager.default.fileExists(atPath: workspace.store.path))
    }

    @Test("exceeding a threshold exits 1, still writes the outputs, and the manifest says why")
    func thresholdExceeded() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        try workspace.editPipeline {
            $0.replacingOccurrences(of: "max_rejected_percent: 50", with: "max_rejected_percent: 5")
        }
        let result = try workspace.run()
        #expect(result.status == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("threshold exceeded"))
        let manifest = try workspace.manifest()
        #expect(manifest["outcome"] as? String == "data_problems")
        let breaches = (manifest["thresholds"] as? [String: Any])?["breaches"] as? [String] ?? []
        #expect(
            breaches.contains {
                $0.contains("szr-district-cp1251-semicolon-title-totals.csv") && $0.contains("> 5%")
            })
        #expect(
            FileManager.default.fileExists(atPath: workspace.out.appendingPathComponent("report.html").path))
    }

    @Test("a refused input exits 4; the other files are still loaded and the draft written")
    func refusedInput() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        try FileManager.default.copyItem(
            at: CLIProcess.packageRoot.appendingPathComponent("fixtures/xml/hostile-billion-laughs.xml"),
            to: workspace.root.appendingPathComponent("fixtures/xml/hostile-billion-laughs.xml"))
        try workspace.editPipeline {
            $0.replacingOccurrences(
                of: "  - path: ../fixtures/proposals",
                with:
                    "  - path: ../fixtures/xml/hostile-billion-laughs.xml\n    kind: asp-export\n  - path: ../fixtures/proposals"
            )
        }
        let result = try workspace.run()
        #expect(result.status == 4, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("hostile-billion-laughs.xml"))
        let inputs = try workspace.manifest()["inputs"] as? [[String: Any]] ?? []
        let refused = inputs.filter { $0["status"] as? String == "refused" }
        #expect(refused.count == 1)
        #expect((refused.first?["error"] as? String)?.contains("entit") == true)
        #expect(inputs.filter { $0["status"] as? String == "loaded" }.count == 7)
        #expect(
            FileManager.default.fileExists(
                atPath: workspace.out.appendingPathComponent("map-draft.json").path))
    }

    @Test("an invalid pipeline exits 2 and names the YAML line of each problem")
    func invalidPipeline() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        try workspace.editPipeline {
            $0.replacingOccurrences(of: "    kind: proposal", with: "    kind: proposals\n    colour: blue")
                .replacingOccurrences(of: "max_rejected_percent: 50", with: "max_rejected_percent: many")
        }
        let result = try workspace.run()
        #expect(result.status == 2)
        #expect(
            result.stderr.contains("national-map.yml:17:11: source: unknown kind 'proposals'"),
            "\(result.stderr)")
        #expect(
            result.stderr.contains("national-map.yml:18:5: source: unknown key 'colour'"), "\(result.stderr)")
        #expect(result.stderr.contains("'max_rejected_percent' must be a number"))
        #expect(!FileManager.default.fileExists(atPath: workspace.store.path))
        let validate = try CLIProcess.run(["validate", workspace.pipeline], currentDirectory: workspace.root)
        #expect(validate.status == 2)
        #expect(validate.stderr.contains(":17:11:"))
    }

    @Test("karta validate accepts the shipped pipeline and refuses paths outside its root")
    func validate() throws {
        let ok = try CLIProcess.run(["validate", "pipelines/national-map.yml"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("ok"))
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        try workspace.editPipeline {
            $0.replacingOccurrences(of: "path: ../fixtures/registers", with: "path: ../../../etc")
        }
        let outside = try CLIProcess.run(["validate", workspace.pipeline], currentDirectory: workspace.root)
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("points outside the pipeline's root"))
    }

    @Test("a second run while another holds the lock exits 3 at once, naming the holder; --wait waits")
    func lockContention() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        try FileManager.default.createDirectory(at: workspace.out, withIntermediateDirectories: true)
        let lockPath = workspace.store.path + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(descriptor >= 0)
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        _ = "pid 4242, started 2026-01-01T02:30:00Z, run test\n".withCString {
            write(descriptor, $0, strlen($0))
        }
        let started = Date()
        let blocked = try workspace.run()
        #expect(blocked.status == 3, "stderr: \(blocked.stderr)")
        // The real holder (this test process, per the kernel's lock table), not what the file says.
        #expect(blocked.stderr.contains("pid \(getpid())"), "stderr: \(blocked.stderr)")
        #expect(!blocked.stderr.contains("pid 4242"))
        #expect(Date().timeIntervalSince(started) < 10)
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) {
            flock(descriptor, LOCK_UN)
            close(descriptor)
        }
        let waited = try workspace.run(["--wait", "30"])
        #expect(waited.status == 0, "stderr: \(waited.stderr)")
    }

    @Test(
        "a run killed with SIGKILL at any stage leaves whole outputs; the next run gives the same outputs",
        arguments: [
            "after-discover", "after-first-file", "after-prune", "after-aggregate", "mid-emit", "after-stage",
            "after-commit", "publish-adopted", "publish-linked", "publish-switched",
        ])
    func crashAndRerun(point: String) throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run().status == 0)
        let reference = try workspace.outputHashes()
        try FileManager.default.removeItem(at: workspace.out)

        let crashed = try workspace.run(environment: ["KARTA_TEST_CRASH_AT": point])
        #expect(crashed.status == SIGKILL, "expected a kill at \(point), got \(crashed.status)")
        // Whatever was published is complete: every published file equals the reference's.
        for (name, hash) in try workspace.outputHashes() {
            #expect(reference[name] == hash, "\(name) is half-written after a kill at \(point)")
        }
        let integrity = try CLIProcess.sqlite(workspace.store.path, "PRAGMA integrity_check")
        #expect(integrity.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")

        let rerun = try workspace.run()
        #expect(rerun.status == 0, "stderr: \(rerun.stderr)")
        #expect(try workspace.outputHashes() == reference)
        #expect(
            !(try FileManager.default.contentsOfDirectory(atPath: workspace.out.path)).contains {
                $0.hasPrefix(".staging")
            })
    }

    @Test("a run killed at random moments always recovers to the same outputs")
    func killedAtRandomMoments() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run().status == 0)
        let reference = try workspace.outputHashes()
        for delay in [0.05, 0.15, 0.3] {
            try FileManager.default.removeItem(at: workspace.out)
            let process = Process()
            process.executableURL = CLIProcess.executable
            process.arguments = ["run", workspace.pipeline, "--quiet"]
            process.currentDirectoryURL = workspace.root
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            for (name, hash) in try workspace.outputHashes() {
                #expect(reference[name] == hash, "\(name) is half-written after a kill at \(delay) s")
            }
            #expect(try workspace.run().status == 0)
            #expect(try workspace.outputHashes() == reference)
        }
    }

    @Test(
        "karta diff compares the drafts of two stored runs: a changed proposal shows as changed maximum users"
    )
    func diffStoredRuns() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run().status == 0)
        let proposal = workspace.root.appendingPathComponent("fixtures/proposals/szr-proposal-cp1251.csv")
        let bytes = try Data(contentsOf: proposal)
        let before = Data(";45;".utf8)
        guard let range = bytes.range(of: before) else {
            Issue.record("the fixture has no ;45; proposal")
            return
        }
        var changed = bytes
        changed.replaceSubrange(range, with: Data(";60;".utf8))
        try changed.write(to: proposal)
        #expect(try workspace.run().status == 0)
        let result = try CLIProcess.run([
            "diff", "previous", "latest", "--store", workspace.store.path, "--json",
        ])
        #expect(result.status == 1, "the drafts differ: \(result.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let changedCells = object["cells_changed"] as? [[String: Any]] ?? []
        #expect(
            changedCells.contains {
                ($0["changes"] as? [String: [String: Int]])?["maximum_users"] == ["old": 45, "new": 60]
            }, "\(result.stdout)")
        let unknown = try CLIProcess.run(["diff", "no-such-run", "latest", "--store", workspace.store.path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("karta history"))
    }

    @Test("karta history lists the runs with their outcome, newest first")
    func history() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run().status == 0)
        #expect(try workspace.run(["--full-refresh"]).status == 0)
        let result = try CLIProcess.run(["history", "--store", workspace.store.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let runs = (try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])?["runs"] as? [[String: Any]] ?? []
        #expect(runs.count == 2)
        #expect((runs.first?["command"] as? String)?.contains("--full-refresh") == true)
        #expect(runs.allSatisfy { $0["outcome"] as? String == "success" })
    }

    @Test("--log-format json writes one JSON object per line with dotted metadata keys")
    func jsonLogs() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let result = try workspace.run(["--log-format", "json"])
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count >= 5)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["level"] != nil && object?["message"] != nil && object?["ts"] != nil)
            #expect(object?["run.id"] != nil, "no run.id in \(line)")
        }
        #expect(lines.contains { $0.contains("\"file.path\"") && $0.contains("\"rows.rejected\"") })
        // Counts stay numbers, so that a log collector can sum them.
        let finished = try #require(lines.last { $0.contains("run finished") })
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(finished.utf8)) as? [String: Any])
        #expect(summary["rows.loaded"] is Int && summary["files"] is Int && summary["exit.status"] is Int)
    }
}
