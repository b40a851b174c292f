import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `karta run` and the reading commands against a PostgreSQL store, through the binary: the same
/// bytes as SQLite, all or nothing under kill -9, one writer at a time, readers that see only
/// completed runs.
@Suite(
    "karta run against PostgreSQL", .serialized, .timeLimit(.minutes(10)),
    .enabled(if: TestPostgres.isAvailable, "needs scripts/with-postgres.sh"))
struct PostgresRunTests {
    /// A workspace whose pipeline names a fresh PostgreSQL database in `store:`.
    static func postgresWorkspace(_ prefix: String) throws -> (
        PipelineWorkspace, database: String, url: String
    ) {
        let workspace = try PipelineWorkspace()
        let (database, url) = try TestPostgres.freshDatabase(prefix)
        try workspace.editPipeline { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasPrefix("store:") ? "store: \(url)" : String(line)
            }.joined(separator: "\n")
        }
        return (workspace, database, url)
    }

    /// What the reading commands print for a store, by command, with run ids as `RUN`.
    static func readings(store: String, in workspace: PipelineWorkspace) throws -> [String: String] {
        var readings: [String: String] = [:]
        for (name, arguments) in [
            ("aggregate", ["aggregate", "--level", "district", "--format", "json"]),
            ("rejects", ["rejects", "--format", "csv"]),
            ("explain", ["explain", "SZR31", "residential_care", "--json"]),
        ] {
            let result = try CLIProcess.run(arguments + ["--store", store], currentDirectory: workspace.root)
            #expect(result.status == 0, "\(name) on \(store): \(result.stderr)")
            #expect(!result.stdout.isEmpty, "\(name) on \(store) printed nothing")
            // The run ids differ (each store has its own runs); everything else is the same.
            readings[name] = result.stdout.replacingOccurrences(
                of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ-[0-9a-f]{8}"#, with: "RUN", options: .regularExpression)
        }
        return readings
    }

    @Test(
        "the same pipeline gives byte-identical outputs on SQLite and on PostgreSQL, and the reading commands agree"
    )
    func sameBytesOnBothBackends() throws {
        let onSQLite = try PipelineWorkspace()
        defer { onSQLite.remove() }
        #expect(try onSQLite.run().status == 0)
        let (onPostgres, database, url) = try Self.postgresWorkspace("karta_run_same")
        defer {
            onPostgres.remove()
            TestPostgres.drop(database)
        }
        let run = try onPostgres.run()
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let expected = try onSQLite.outputHashes()
        #expect(expected.count > 20)
        #expect(try onPostgres.outputHashes() == expected)
        #expect(
            !FileManager.default.fileExists(atPath: onPostgres.store.path),
            "a SQLite file beside a PostgreSQL store")
        #expect(try TestPostgres.psql("SELECT count(*) > 0 FROM karta.records", database: database) == "t")

        #expect(
            try Self.readings(store: url, in: onPostgres)
                == Self.readings(store: onSQLite.store.path, in: onSQLite))

        // export and plan write the same files from either store.
        for (label, store, workspace) in [
            ("sqlite", onSQLite.store.path, onSQLite), ("postgres", url, onPostgres),
        ] {
            let export = try CLIProcess.run(
                ["export", "--format", "csv", "--out", "export-\(label)", "--store", store],
                currentDirectory: workspace.root)
            #expect(export.status == 0, "export from \(label): \(export.stderr)")
            let plan = try CLIProcess.run(
                [
                    "plan", "SZR31", "--year", "2026", "--format", "csv", "--out", "plan-\(label)", "--store",
                    store,
                ],
                currentDirectory: workspace.root)
            #expect(plan.status == 0, "plan from \(label): \(plan.stderr)")
        }
        for folder in ["export", "plan"] {
            let names = try FileManager.default.contentsOfDirectory(
                atPath: onSQLite.root.appendingPathComponent("\(folder)-sqlite").path)
            #expect(!names.isEmpty)
            for name in names {
                let left = try Data(
                    contentsOf: onSQLite.root.appendingPathComponent("\(folder)-sqlite/\(name)"))
                let right = try Data(
                    contentsOf: onPostgres.root.appendingPathComponent("\(folder)-postgres/\(name)"))
                #expect(left == right, "\(folder)/\(name) differs between the backends")
            }
        }

        // An unchanged rerun skips every file by SHA-256, and diff compares the two runs' drafts.
        let rerun = try onPostgres.run()
        #expect(rerun.status == 0, "stderr: \(rerun.stderr)")
        let inputs = try onPostgres.manifest()["inputs"] as? [[String: Any]] ?? []
        #expect(!inputs.isEmpty && inputs.allSatisfy { $0["status"] as? String == "unchanged" })
        #expect(try onPostgres.outputHashes() == expected)
        let diff = try CLIProcess.run(
            ["diff", "previous", "latest", "--json", "--store", url], currentDirectory: onPostgres.root)
        #expect(diff.status == 0, "stderr: \(diff.stderr)")
        let history = try CLIProcess.run(
            ["history", "--json", "--store", url], currentDirectory: onPostgres.root)
        let runs = try JSONSerialization.jsonObject(with: history.stdoutData) as? [String: Any]
        #expect((runs?["runs"] as? [[String: Any]])?.count == 2, "history: \(history.stdout)")
    }

    @Test(
        "kill -9 of a run against PostgreSQL: the store is before or after, and the rerun gives the same bytes",
        arguments: ["after-first-file", "after-aggregate", "after-commit"])
    func killThenRerun(point: String) throws {
        let reference = try PipelineWorkspace()
        defer { reference.remove() }
        #expect(try reference.run().status == 0)
        let expected = try reference.outputHashes()

        let (workspace, database, _) = try Self.postgresWorkspace("karta_run_kill")
        defer {
            workspace.remove()
            TestPostgres.drop(database)
        }
        let crashed = try workspace.run(environment: ["KARTA_TEST_CRASH_AT": point])
        #expect(crashed.status == SIGKILL, "expected a kill at \(point), got \(crashed.status)")
        let records = try TestPostgres.psql("SELECT count(*) FROM karta.records", database: database)
        let committed = point == "after-commit"
        #expect((records == "0") == !committed, "records after a kill at \(point): \(records)")
        // The server freed the dead session's lock and rolled its transaction back.
        #expect(
            try TestPostgres.psql(
                "SELECT count(*) FROM karta.sources WHERE status = 'loading'", database: database) == "0")

        let rerun = try workspace.run()
        #expect(rerun.status == 0, "stderr: \(rerun.stderr)")
        if !committed { #expect(rerun.stderr.contains("marked interrupted")) }
        #expect(try workspace.outputHashes() == expected)
    }

    /// Starts `karta run` in the background, paused at `pause` (`after-first-file:30`).
    static func startPausedRun(_ workspace: PipelineWorkspace, pause: String, arguments: [String] = []) throws
        -> Process
    {
        let process = Process()
        process.executableURL = CLIProcess.executable
        process.arguments = ["run", workspace.pipeline, "--quiet"] + arguments
        process.currentDirectoryURL = workspace.root
        var environment = ProcessInfo.processInfo.environment
        environment["KARTA_TEST_PAUSE_AT"] = pause
        process.environment = environment
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test(
        "a second writer is refused with exit 3 naming the holder; a reader meanwhile reads the last completed run without waiting"
    )
    func lockContentionAndReaders() throws {
        let (workspace, database, url) = try Self.postgresWorkspace("karta_run_lock")
        defer {
            workspace.remove()
            TestPostgres.drop(database)
        }
        #expect(try workspace.run().status == 0)
        let before = try CLIProcess.run(
            ["aggregate", "--level", "national", "--format", "json", "--store", url],
            currentDirectory: workspace.root)
        try PromiseTests.changeProposal(workspace)

        let writer = try Self.startPausedRun(
            workspace, pause: "after-first-file:30", arguments: ["--full-refresh"])
        defer { if writer.isRunning { kill(writer.processIdentifier, SIGKILL) } }
        // The writer holds the advisory lock once its session shows up in pg_stat_activity.
        let holder = try TestPostgres.poll(
            """
            SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
            WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()
            """,
            database: database)
        #expect(holder != nil, "the paused run never took the lock")
        Thread.sleep(forTimeInterval: 1)

        let second = try workspace.run()
        #expect(second.status == 3, "stderr: \(second.stderr)")
        #expect(second.stderr.contains("another karta run holds the lock"))
        #expect(second.stderr.contains("karta run"), "the holder is not named: \(second.stderr)")
        let ingest = try CLIProcess.run(
            ["ingest", "fixtures/proposals/szr-proposal-cp1251.csv", "--kind", "proposal", "--store", url],
            currentDirectory: workspace.root)
        #expect(ingest.status == 3, "stderr: \(ingest.stderr)")

        let started = Date()
        let during = try CLIProcess.run(
            ["aggregate", "--level", "national", "--format", "json", "--store", url],
            currentDirectory: workspace.root)
        #expect(during.status == 0, "stderr: \(during.stderr)")
        #expect(Date().timeIntervalSince(started) < 15, "the reader waited for the writer")
        #expect(during.stdout == before.stdout, "a reader saw the run half-way")
        #expect(writer.isRunning, "the writer ended before the reader was checked")
        let running = try CLIProcess.run(
            ["history", "--json", "--store", url], currentDirectory: workspace.root)
        #expect(running.stdout.contains("\"running\""), "history during the run: \(running.stdout)")

        kill(writer.processIdentifier, SIGKILL)
        writer.waitUntilExit()
        // The server ends the dead session and frees the lock; its run is then interrupted.
        _ = try TestPostgres.poll(
            """
            SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
              WHERE l.locktype = 'advisory' AND d.datname = current_database())
            """, database: database)
        let killed = try CLIProcess.run(
            ["history", "--json", "--store", url], currentDirectory: workspace.root)
        #expect(killed.stdout.contains("\"interrupted\""), "history after the kill: \(killed.stdout)")
        let after = try CLIProcess.run(
            ["aggregate", "--level", "national", "--format", "json", "--store", url],
            currentDirectory: workspace.root)
        #expect(after.stdout == before.stdout, "the killed run left changes behind")
        let rerun = try workspace.run()
        #expect(rerun.status == 0, "stderr: \(rerun.stderr)")
        let changed = try CLIProcess.run(
            ["aggregate", "--level", "national", "--format", "json", "--store", url],
            currentDirectory: workspace.root)
        #expect(changed.stdout != before.stdout)
    }

    @Test("readers polling during a multi-file run on PostgreSQL see only the old or the new totals")
    func readersSeeCompletedRunsOnly() throws {
        let (workspace, database, url) = try Self.postgresWorkspace("karta_run_readers")
        defer {
            workspace.remove()
            TestPostgres.drop(database)
        }
        #expect(try workspace.run().status == 0)
        func totals() throws -> String {
            try CLIProcess.run(
                ["aggregate", "--level", "national", "--format", "json", "--store", url],
                currentDirectory: workspace.root
            ).stdout
        }
        let old = try totals()
        try PromiseTests.changeProposal(workspace)
        let writer = try Self.startPausedRun(workspace, pause: "after-file:0.7")
        var seen: [String] = []
        while writer.isRunning { seen.append(try totals()) }
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        let new = try totals()
        #expect(new != old)
        #expect(seen.count >= 3, "the readers polled \(seen.count) times")
        for state in Set(seen) {
            #expect(state == old || state == new, "a reader saw a run half-way: \(state)")
        }
    }

    @Test(
        "a run whose connection is killed mid-way exits 75 with one line; the store is as before and the rerun completes"
    )
    func connectionLostMidRun() throws {
        let (workspace, database, url) = try Self.postgresWorkspace("karta_run_lost")
        defer {
            workspace.remove()
            TestPostgres.drop(database)
        }
        #expect(try workspace.run().status == 0)
        let totals = ["aggregate", "--level", "national", "--format", "json", "--store", url]
        let before = try CLIProcess.run(totals, currentDirectory: workspace.root).stdout
        try PromiseTests.changeProposal(workspace)

        let errors = workspace.root.appendingPathComponent("run.err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let writer = Process()
        writer.executableURL = CLIProcess.executable
        writer.arguments = ["run", workspace.pipeline, "--quiet", "--full-refresh"]
        writer.currentDirectoryURL = workspace.root
        var environment = ProcessInfo.processInfo.environment
        environment["KARTA_TEST_PAUSE_AT"] = "after-first-file:4"
        writer.environment = environment
        writer.standardOutput = FileHandle.nullDevice
        writer.standardError = try FileHandle(forWritingTo: errors)
        try writer.run()
        defer { if writer.isRunning { kill(writer.processIdentifier, SIGKILL) } }
        let pid = try #require(
            try TestPostgres.poll(
                """
                SELECT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
                WHERE a.application_name LIKE 'karta run%' AND l.locktype = 'advisory' AND l.granted
                  AND a.datname = current_database()
                """, database: database), "the run never took the lock")
        Thread.sleep(forTimeInterval: 1)
        #expect(try TestPostgres.psql("SELECT pg_terminate_backend(\(pid), 5000)", database: database) == "t")
        let deadline = Date().addingTimeInterval(30)
        while writer.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!writer.isRunning, "the run did not end after its connection was killed")
        #expect(writer.terminationStatus == 75)
        let message = try String(contentsOf: errors, encoding: .utf8)
        #expect(message.contains("connection was lost"), "stderr: \(message)")
        #expect(message.split(separator: "\n").count == 1, "stderr: \(message)")

        #expect(try CLIProcess.run(totals, currentDirectory: workspace.root).stdout == before)
        let rerun = try workspace.run()
        #expect(rerun.status == 0, "stderr: \(rerun.stderr)")
        #expect(rerun.stderr.contains("marked interrupted"))
        #expect(try CLIProcess.run(totals, currentDirectory: workspace.root).stdout != before)
    }

    @Test("a password in the pipeline's store URL is refused (exit 2) before anything connects")
    func passwordInPipeline() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        try workspace.editPipeline { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasPrefix("store:") ? "store: postgresql://karta:secret@127.0.0.1:1/karta" : String(line)
            }.joined(separator: "\n")
        }
        let result = try workspace.run()
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("PGPASSWORD"))
        #expect(!result.stderr.contains("secret"))
    }
}
