import Foundation
import KartaModel
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The README's promises, each tried through the real binary by someone trying to break it:
/// all or nothing (kills at every stage boundary and between the steps of publishing), the same
/// bytes, readers that only see completed runs, nothing outside the root, no ЕГН in names, store
/// versions, vanishing inputs, one lock for every writer, environment failures.
@Suite("Promises", .serialized)
struct PromiseTests {
    /// The national totals as `karta aggregate` prints them.
    static func nationalTotals(_ workspace: PipelineWorkspace) throws -> String {
        try CLIProcess.run(
            ["aggregate", "--level", "national", "--format", "json", "--store", workspace.store.path],
            currentDirectory: workspace.root
        ).stdout
    }

    /// Checks that every output `out/run.json` lists has the listed SHA-256, and that every
    /// readable output is listed: the published set is the one its manifest describes.
    static func expectSetMatchesManifest(_ workspace: PipelineWorkspace, _ context: String) throws {
        let manifestURL = workspace.out.appendingPathComponent("run.json")
        guard FileManager.default.fileExists(atPath: manifestURL.path) else {
            #expect(try workspace.outputHashes().isEmpty, "outputs without a run.json (\(context))")
            return
        }
        let manifest = try workspace.manifest()
        let outputs = manifest["outputs"] as? [[String: Any]] ?? []
        var listed = Set<String>()
        for output in outputs {
            let path = output["path"] as? String ?? ""
            // `out/plans/SZR31.html` → `plans/SZR31.html`: the path under the output folder
            listed.insert(path.hasPrefix("out/") ? String(path.dropFirst(4)) : path)
            let digest = try FileDigest.sha256(of: workspace.root.appendingPathComponent(path))
            #expect(digest.hex == output["sha256"] as? String, "\(path) differs from run.json (\(context))")
        }
        #expect(Set(try workspace.outputHashes().keys) == listed, "published names vs run.json (\(context))")
    }

    /// Changes one proposal's figure and one register's capacity, so that the draft and the
    /// national totals change.
    static func changeProposal(_ workspace: PipelineWorkspace) throws {
        for (file, old, new) in [
            ("fixtures/proposals/szr-proposal-cp1251.csv", ";45;", ";47;"),
            ("fixtures/registers/pdv-utf8-comma-quoted-english-headers.csv", ",821,821,", ",823,821,"),
        ] {
            let url = workspace.root.appendingPathComponent(file)
            var bytes = try Data(contentsOf: url)
            let range = try #require(bytes.range(of: Data(old.utf8)))
            bytes.replaceSubrange(range, with: Data(new.utf8))
            try bytes.write(to: url)
        }
    }

    @Test(
        "kill -9 at every stage boundary and between every two publishing steps: the set matches its run.json, the store is before or after, the rerun's bytes are identical",
        arguments: [
            "after-discover", "after-first-file", "after-prune", "after-aggregate", "mid-emit", "after-stage",
            "after-commit", "publish-adopted", "publish-linked", "publish-switched",
        ])
    func killAtEveryStep(point: String) throws {
        // The reference: a clean run of the new inputs, in another folder (same bytes promised).
        let reference = try PipelineWorkspace()
        defer { reference.remove() }
        try Self.changeProposal(reference)
        #expect(try reference.run().status == 0)
        let newHashes = try reference.outputHashes()
        let newTotals = try Self.nationalTotals(reference)

        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run().status == 0)
        let oldHashes = try workspace.outputHashes()
        let oldTotals = try Self.nationalTotals(workspace)
        #expect(oldTotals != newTotals)
        try Self.changeProposal(workspace)

        let crashed = try workspace.run(environment: ["KARTA_TEST_CRASH_AT": point])
        #expect(crashed.status == SIGKILL, "expected a kill at \(point), got \(crashed.status)")
        try Self.expectSetMatchesManifest(workspace, "killed at \(point)")
        let published = try workspace.outputHashes()
        #expect(published == oldHashes || published == newHashes, "a mix after a kill at \(point)")
        let totals = try Self.nationalTotals(workspace)
        let committed = ["after-commit", "publish-adopted", "publish-linked", "publish-switched"].contains(point)
        #expect(totals == (committed ? newTotals : oldTotals), "store after a kill at \(point)")
        let integrity = try CLIProcess.sqlite(workspace.store.path, "PRAGMA integrity_check")
        #expect(integrity.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
        let history = try CLIProcess.run(
            ["history", "--json", "--store", workspace.store.path], currentDirectory: workspace.root)
        // A kill before the run is recorded (after-discover) leaves no run to mark.
        let recorded = !committed && point != "after-discover"
        #expect(history.stdout.contains("\"interrupted\"") || !recorded, "history after a kill at \(point)")

        let rerun = try workspace.run()
        #expect(rerun.status == 0, "stderr: \(rerun.stderr)")
        if recorded { #expect(rerun.stderr.contains("marked interrupted")) }
        #expect(try workspace.outputHashes() == newHashes)
        try Self.expectSetMatchesManifest(workspace, "rerun after \(point)")
        let versions = try FileManager.default.contentsOfDirectory(
            atPath: workspace.out.appendingPathComponent(".karta-versions").path)
        #expect(versions.count == 1, "leftover version folders: \(versions)")
        #expect(
            !(try FileManager.default.contentsOfDirectory(atPath: workspace.out.path)).contains {
                $0.hasPrefix(".staging") || $0.hasPrefix(".karta-link")
            })
    }

    @Test("the same inputs give the same bytes after a full refresh and in another time zone and locale")
    func sameBytes() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run().status == 0)
        let first = try workspace.outputHashes()
        #expect(
            try workspace.run(["--full-refresh"], environment: ["TZ": "Pacific/Kiritimati", "LC_ALL": "bg_BG.UTF-8"])
                .status == 0)
        #expect(try workspace.outputHashes() == first)
        for name in ["map-draft.json", "records.jsonl", "map-draft.xml"] {
            let text = try String(contentsOf: workspace.out.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains(workspace.root.path), "\(name) carries an absolute path")
        }
    }

    @Test("readers polling during a multi-file run see only the old or the new totals")
    func readersSeeCompletedRunsOnly() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let registers = workspace.root.appendingPathComponent("fixtures/registers")
        let aside = workspace.root.appendingPathComponent("aside")
        try FileManager.default.createDirectory(at: aside, withIntermediateDirectories: true)
        let names = try FileManager.default.contentsOfDirectory(atPath: registers.path).sorted()
        for name in names.dropFirst() {
            try FileManager.default.moveItem(
                at: registers.appendingPathComponent(name), to: aside.appendingPathComponent(name))
        }
        #expect(try workspace.run().status == 0)
        let old = try Self.nationalTotals(workspace)
        for name in names.dropFirst() {
            try FileManager.default.moveItem(
                at: aside.appendingPathComponent(name), to: registers.appendingPathComponent(name))
        }
        let process = Process()
        process.executableURL = CLIProcess.executable
        process.arguments = ["run", workspace.pipeline, "--quiet"]
        process.currentDirectoryURL = workspace.root
        var environment = ProcessInfo.processInfo.environment
        environment["KARTA_TEST_PAUSE_AT"] = "after-file:0.7"
        process.environment = environment
        process.standardError = FileHandle.nullDevice
        try process.run()
        var seen: [String] = []
        while process.isRunning {
            seen.append(try Self.nationalTotals(workspace))
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let new = try Self.nationalTotals(workspace)
        #expect(new != old)
        #expect(seen.count >= 5, "the readers polled \(seen.count) times")
        for state in Set(seen) { #expect(state == old || state == new, "a reader saw a run half-way: \(state)") }
    }

    @Test("a symbolic link out of the root is refused (exit 4) and nothing of it is read")
    func symlinkOutOfRoot() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("karta-secret-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: secret) }
        try "Община;Услуга;Капацитет\nСЕКРЕТНА;резидентна грижа;12\n".write(
            to: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: workspace.root.appendingPathComponent("fixtures/registers/escape.csv").path,
            withDestinationPath: secret.path)
        let result = try workspace.run()
        #expect(result.status == 4, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("escape.csv"))
        #expect(result.stderr.contains("leaves the pipeline's root"))
        let inputs = try workspace.manifest()["inputs"] as? [[String: Any]] ?? []
        let refused = inputs.first { ($0["path"] as? String)?.hasSuffix("escape.csv") == true }
        #expect(refused?["status"] as? String == "refused")
        #expect(refused?["sha256"] == nil, "the file was hashed, so read")
        let dump = try CLIProcess.sqlite(workspace.store.path, ".dump")
        #expect(!dump.contains("СЕКРЕТНА"))
        #expect(!dump.contains(secret.path))
    }

    @Test("an ЕГН in a file name reaches no table, output, log or history")
    func personalNumberInFileName() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let egn = "8001010008"
        let registers = workspace.root.appendingPathComponent("fixtures/registers")
        let first = try #require(try FileManager.default.contentsOfDirectory(atPath: registers.path).sorted().first)
        try FileManager.default.moveItem(
            at: registers.appendingPathComponent(first), to: registers.appendingPathComponent("лице-\(egn).csv"))
        let result = try workspace.run(["--log-format", "json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(!result.stderr.contains(egn))
        #expect(result.stderr.contains("[ЕГН]"))
        let versions = workspace.out.appendingPathComponent(".karta-versions")
        let enumerator = FileManager.default.enumerator(atPath: versions.path)
        var checked = 0
        while let name = enumerator?.nextObject() as? String {
            let url = versions.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url) else { continue }
            #expect(!String(decoding: data, as: UTF8.self).contains(egn), "\(name) carries the ЕГН")
            checked += 1
        }
        #expect(checked >= 10)
        #expect(!(try CLIProcess.sqlite(workspace.store.path, ".dump")).contains(egn))
        let history = try CLIProcess.run(
            ["history", "--json", "--store", workspace.store.path], currentDirectory: workspace.root)
        #expect(!history.stdout.contains(egn))
        #expect(history.stdout.contains("[ЕГН]"))
    }

    @Test("a store from a newer karta is refused (exit 2, both versions) and not written; an older one is migrated")
    func storeVersions() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run().status == 0)
        #expect(try CLIProcess.sqlite(workspace.store.path, "PRAGMA user_version").hasPrefix("8"))
        _ = try CLIProcess.sqlite(workspace.store.path, "PRAGMA user_version = 99")
        let before = try Data(contentsOf: workspace.store)
        let run = try workspace.run()
        #expect(run.status == 2, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("99") && run.stderr.contains("8"))
        let aggregate = try CLIProcess.run(
            ["aggregate", "--store", workspace.store.path], currentDirectory: workspace.root)
        #expect(aggregate.status == 2)
        #expect(try Data(contentsOf: workspace.store) == before, "the newer store was written")

        // A store of schema 7 (no money, waiting-list or monthly columns on records) gains them.
        _ = try CLIProcess.sqlite(
            workspace.store.path,
            """
            PRAGMA user_version = 7;
            DROP INDEX records_rollup;
            ALTER TABLE records DROP COLUMN state_funding_stotinki;
            ALTER TABLE records DROP COLUMN municipal_funding_stotinki;
            ALTER TABLE records DROP COLUMN waiting_list;
            ALTER TABLE records DROP COLUMN months_without_users;
            CREATE INDEX records_rollup ON records(
              municipality_code, primary_kind, target_group, planning_level, source_kind,
              district_code, financing, capacity, users, target_group_name);
            """)
        #expect(try workspace.run(["--full-refresh"]).status == 0)
        #expect(try CLIProcess.sqlite(workspace.store.path, "PRAGMA user_version").hasPrefix("8"))
        #expect(
            try CLIProcess.sqlite(
                workspace.store.path,
                "SELECT COUNT(*) FROM pragma_table_info('records') WHERE name IN "
                    + "('state_funding_stotinki', 'municipal_funding_stotinki', 'waiting_list', 'months_without_users')"
            ).hasPrefix("4"))

        // A store of schema 4 (GRDB's bookkeeping, no user_version, no run_criteria, no adopted_map,
        // no records.service_scope, nothing of v8) is brought to
        // the current version in one go.
        _ = try CLIProcess.sqlite(
            workspace.store.path,
            """
            PRAGMA user_version = 0;
            DROP TABLE run_criteria;
            DROP TABLE adopted_map;
            ALTER TABLE records DROP COLUMN service_scope;
            DROP INDEX records_rollup;
            ALTER TABLE records DROP COLUMN state_funding_stotinki;
            ALTER TABLE records DROP COLUMN municipal_funding_stotinki;
            ALTER TABLE records DROP COLUMN waiting_list;
            ALTER TABLE records DROP COLUMN months_without_users;
            CREATE INDEX records_rollup ON records(
              municipality_code, primary_kind, target_group, planning_level, source_kind,
              district_code, financing, capacity, users, target_group_name);
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            INSERT INTO grdb_migrations VALUES ('v1: runs, sources, records, rejects'),
              ('v2: records rollup and service indexes'), ('v3: runs keep their draft'),
              ('v4: no separate municipality index on records');
            """)
        #expect(try workspace.run().status == 0)
        #expect(try CLIProcess.sqlite(workspace.store.path, "PRAGMA user_version").hasPrefix("8"))
        #expect(
            try CLIProcess.sqlite(workspace.store.path, "SELECT name FROM sqlite_master WHERE name = 'grdb_migrations'")
                .isEmpty)
    }

    @Test("a glob typo is exit 2 and changes nothing; optional sources may match nothing, within the removal threshold")
    func globTypoAndRemovals() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run().status == 0)
        let hashes = try workspace.outputHashes()
        let manifest = try Data(contentsOf: workspace.out.appendingPathComponent("run.json"))
        let totals = try Self.nationalTotals(workspace)
        try workspace.editPipeline {
            $0.replacingOccurrences(
                of: "path: ../fixtures/registers\n    glob: \"*.csv\"",
                with: "path: ../fixtures/registers\n    glob: \"*.CSV\"")
        }
        let typo = try workspace.run()
        #expect(typo.status == 2, "stderr: \(typo.stderr)")
        #expect(typo.stderr.contains("matches no file"))
        #expect(try workspace.outputHashes() == hashes)
        #expect(try Data(contentsOf: workspace.out.appendingPathComponent("run.json")) == manifest)
        #expect(try Self.nationalTotals(workspace) == totals)

        try workspace.editPipeline {
            $0.replacingOccurrences(of: "glob: \"*.CSV\"", with: "glob: \"*.CSV\"\n    optional: true")
        }
        // Three of five stored sources would go: more than max_removed_percent (10).
        let stopped = try workspace.run()
        #expect(stopped.status == 1, "stderr: \(stopped.stderr)")
        #expect(stopped.stderr.contains("--allow-removals"))
        #expect(try workspace.outputHashes() == hashes)
        #expect(try Self.nationalTotals(workspace) == totals)
        let history = try CLIProcess.run(
            ["history", "--json", "--store", workspace.store.path], currentDirectory: workspace.root)
        #expect(history.stdout.contains("removals_refused"))
        #expect(history.stdout.contains("max_removed_percent"))

        let allowed = try workspace.run(["--allow-removals"])
        #expect(allowed.status == 0, "stderr: \(allowed.stderr)")
        #expect((try workspace.manifest()["removed_sources"] as? [String])?.count == 3)
    }

    @Test("karta ingest during a run exits 3 naming the run's process; a killed run shows as interrupted")
    func ingestDuringRun() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run().status == 0)
        let process = Process()
        process.executableURL = CLIProcess.executable
        process.arguments = ["run", workspace.pipeline, "--quiet", "--full-refresh"]
        process.currentDirectoryURL = workspace.root
        var environment = ProcessInfo.processInfo.environment
        environment["KARTA_TEST_PAUSE_AT"] = "after-first-file:30"
        process.environment = environment
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let lockFile = workspace.store.path + ".lock"
        for _ in 0..<100 {
            if let text = try? String(contentsOfFile: lockFile, encoding: .utf8),
                text.hasPrefix("pid \(process.processIdentifier),"), text.contains("run 20")
            {
                break
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let ingest = try CLIProcess.run(
            [
                "ingest", "fixtures/proposals/szr-proposal-cp1251.csv", "--kind", "proposal", "--store",
                workspace.store.path,
            ], currentDirectory: workspace.root)
        #expect(ingest.status == 3, "stderr: \(ingest.stderr)")
        #expect(ingest.stderr.contains("pid \(process.processIdentifier)"))
        #expect(ingest.stderr.contains("started"))
        let running = try CLIProcess.run(
            ["history", "--json", "--store", workspace.store.path], currentDirectory: workspace.root)
        #expect(running.stdout.contains("\"running\""))

        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let history = try CLIProcess.run(
            ["history", "--json", "--store", workspace.store.path], currentDirectory: workspace.root)
        #expect(history.stdout.contains("\"interrupted\""))
        let after = try CLIProcess.run(
            [
                "ingest", "fixtures/proposals/szr-proposal-cp1251.csv", "--kind", "proposal", "--store",
                workspace.store.path,
            ], currentDirectory: workspace.root)
        #expect(after.status == 0, "stderr: \(after.stderr)")
    }

    @Test("a read-only output folder and an unreadable store are exit 74 with one line naming the path")
    func environmentFailures() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let store = workspace.root.appendingPathComponent("store.sqlite").path
        #expect(try workspace.run(["--store", store]).status == 0)
        let hashes = try workspace.outputHashes()
        let totals = try CLIProcess.run(
            ["aggregate", "--level", "national", "--format", "json", "--store", store],
            currentDirectory: workspace.root
        ).stdout
        try Self.changeProposal(workspace)
        let immutable = try CLIProcess.runTool("/usr/bin/chattr", ["+i", workspace.out.path])
        try #require(immutable == 0, "chattr +i is needed to make a folder read-only for root")
        defer { _ = try? CLIProcess.runTool("/usr/bin/chattr", ["-i", workspace.out.path]) }
        let readOnly = try workspace.run(["--store", store])
        #expect(readOnly.status == 74, "stderr: \(readOnly.stderr)")
        let lines = readOnly.stderr.split(separator: "\n").filter { !$0.contains("run started") }
        #expect(lines.count == 1, "stderr: \(readOnly.stderr)")
        #expect(readOnly.stderr.contains(workspace.out.path))
        #expect(readOnly.stderr.contains("Operation not permitted"))
        #expect(!readOnly.stderr.contains("NSCocoaErrorDomain"))
        #expect(try workspace.outputHashes() == hashes)
        let after = try CLIProcess.run(
            ["aggregate", "--level", "national", "--format", "json", "--store", store],
            currentDirectory: workspace.root
        ).stdout
        #expect(after == totals, "the store changed although the run could not publish")
        _ = try CLIProcess.runTool("/usr/bin/chattr", ["-i", workspace.out.path])

        let garbage = workspace.root.appendingPathComponent("garbage.sqlite")
        try Data(repeating: 0x41, count: 8192).write(to: garbage)
        let unreadable = try workspace.run(["--store", garbage.path])
        #expect(unreadable.status == 74, "stderr: \(unreadable.stderr)")
        #expect(unreadable.stderr.contains(garbage.path))
        #expect(!unreadable.stderr.contains("internal error"))
    }
}

extension CLIProcess {
    /// Runs a system tool and returns its exit status.
    static func runTool(_ path: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
