import Foundation
import Testing
import KartaStore

/// The throwaway PostgreSQL server of `scripts/with-postgres.sh` (`make test` runs beside it),
/// reached through `psql` for what the tests set up and inspect.
enum TestPostgres {
    static let environment = ProcessInfo.processInfo.environment
    static var isAvailable: Bool { environment["KARTA_TEST_POSTGRES_URL"] != nil }
    static var url: String { environment["KARTA_TEST_POSTGRES_URL"] ?? "" }

    /// The server's URL with another database, port or sslmode.
    static func url(database: String? = nil, port: Int? = nil, sslmode: String? = nil) throws -> String {
        var components = try #require(URLComponents(string: url))
        if let database { components.path = "/" + database }
        if let port { components.port = port }
        if let sslmode { components.queryItems = [URLQueryItem(name: "sslmode", value: sslmode)] }
        return try #require(components.string)
    }

    static var psqlPath: String { (environment["KARTA_TEST_POSTGRES_BIN"] ?? "/usr/bin") + "/psql" }

    /// Runs SQL through psql as the test role and returns its unaligned output.
    @discardableResult
    static func psql(_ sql: String, database: String = "karta_test") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: psqlPath)
        process.arguments = ["-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-d", try url(database: database), "-c", sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PsqlFailed(sql: sql) }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct PsqlFailed: Error { let sql: String }

    /// A new empty database; its URL.
    static func freshDatabase(_ prefix: String) throws -> (name: String, url: String) {
        let name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        try psql("CREATE DATABASE \(name)")
        return (name, try url(database: name))
    }

    static func drop(_ name: String) { _ = try? psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }

    /// Polls `query` until it returns a non-empty answer, for at most `seconds`.
    static func poll(_ query: String, database: String, seconds: Double = 20) throws -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let answer = try psql(query, database: database)
            if !answer.isEmpty { return answer }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }
}

/// `karta store copy` and `karta store check` through the binary, SQLite ↔ PostgreSQL.
@Suite(
    "karta store against PostgreSQL", .serialized, .timeLimit(.minutes(5)),
    .enabled(if: TestPostgres.isAvailable, "needs scripts/with-postgres.sh"))
struct PostgresStoreCommandTests {
    /// `store check --json`'s tables, as table → "rows sha256".
    static func digests(_ store: String, in folder: URL? = nil) throws -> [String: String] {
        let check = try CLIProcess.run(["store", "check", store, "--json"], currentDirectory: folder)
        #expect(check.status == 0, "stderr: \(check.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: check.stdoutData) as? [String: Any])
        #expect(object["schema_version"] as? String == "karta/store-check/v1")
        let tables = try #require(object["tables"] as? [[String: Any]])
        var digests: [String: String] = [:]
        for table in tables {
            digests[try #require(table["table"] as? String)] = "\(table["rows"] ?? "") \(table["sha256"] ?? "")"
        }
        return digests
    }

    @Test("a run's SQLite store copied to PostgreSQL and back has the same rows and digests, and reads the same")
    func copyBothWays() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run().status <= 1)
        let (database, url) = try TestPostgres.freshDatabase("karta_cli_copy")
        defer { TestPostgres.drop(database) }
        let original = try Self.digests(workspace.store.path)
        #expect(original.count == 6)
        #expect(!(original["records"] ?? "").hasPrefix("0 "), "the fixture run stored no records")

        let toPostgres = try CLIProcess.run(["store", "copy", workspace.store.path, url])
        #expect(toPostgres.status == 0, "stderr: \(toPostgres.stderr)")
        #expect(toPostgres.stdout.contains("records"))
        #expect(try Self.digests(url) == original)
        #expect(try TestPostgres.psql("SELECT count(*) FROM karta.records", database: database) == original["records"]?.split(separator: " ").first.map(String.init))

        let back = workspace.root.appendingPathComponent("back.sqlite").path
        let toSQLite = try CLIProcess.run(["store", "copy", url, back, "--json"])
        #expect(toSQLite.status == 0, "stderr: \(toSQLite.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: toSQLite.stdoutData) as? [String: Any])
        #expect(report["schema_version"] as? String == "karta/store-copy/v1")
        #expect(report["karta_version"] is String)
        #expect(report["store_schema_version"] as? Int == Store.schemaVersion)
        #expect((report["tables"] as? [[String: Any]])?.count == 6)
        #expect(try Self.digests(back) == original)

        // The copy is a working store: karta reads it as it reads the original.
        let historyOriginal = try CLIProcess.run(["history", "--json", "--store", workspace.store.path])
        let historyBack = try CLIProcess.run(["history", "--json", "--store", back])
        #expect(historyBack.status == 0, "stderr: \(historyBack.stderr)")
        #expect(historyBack.stdout == historyOriginal.stdout)
    }

    @Test("a destination that holds rows is refused without --replace and left as it was; --replace replaces it")
    func nonEmptyDestination() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run().status <= 1)
        let (database, url) = try TestPostgres.freshDatabase("karta_cli_replace")
        defer { TestPostgres.drop(database) }
        #expect(try CLIProcess.run(["store", "copy", workspace.store.path, url]).status == 0)
        let before = try Self.digests(url)
        #expect(try workspace.run(["--full-refresh"]).status <= 1)  // one more run in the SQLite store
        let changed = try Self.digests(workspace.store.path)
        #expect(changed != before)

        let refused = try CLIProcess.run(["store", "copy", workspace.store.path, url])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--replace"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(try Self.digests(url) == before)

        let replaced = try CLIProcess.run(["store", "copy", workspace.store.path, url, "--replace"])
        #expect(replaced.status == 0, "stderr: \(replaced.stderr)")
        #expect(try Self.digests(url) == changed)
    }

    @Test("a copy whose connection is killed mid-way exits 75 and leaves the destination as it was; a reader meanwhile sees the old store")
    func connectionLostMidCopy() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run().status <= 1)
        let (database, url) = try TestPostgres.freshDatabase("karta_cli_killed")
        defer { TestPostgres.drop(database) }
        #expect(try CLIProcess.run(["store", "copy", workspace.store.path, url]).status == 0)
        let before = try Self.digests(url)
        #expect(try workspace.run(["--full-refresh"]).status <= 1)
        #expect(try Self.digests(workspace.store.path) != before)

        // Another session holds karta.runs so that the copy stops at its last DELETE, after
        // deleting every other table's rows inside its transaction.
        let blocker = Process()
        blocker.executableURL = URL(fileURLWithPath: TestPostgres.psqlPath)
        blocker.arguments = ["-X", "-q", "-d", url]
        var environment = ProcessInfo.processInfo.environment
        environment["PGAPPNAME"] = "karta-test-blocker"
        blocker.environment = environment
        let blockerInput = Pipe()
        blocker.standardInput = blockerInput
        blocker.standardOutput = FileHandle.nullDevice
        try blocker.run()
        defer { if blocker.isRunning { blocker.terminate() } }
        blockerInput.fileHandleForWriting.write(Data("BEGIN;\nLOCK TABLE karta.runs IN EXCLUSIVE MODE;\n".utf8))
        let locked = try TestPostgres.poll(
            """
            SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE a.application_name = 'karta-test-blocker' AND l.granted AND l.mode = 'ExclusiveLock'
              AND l.relation = 'karta.runs'::regclass
            """, database: database)
        #expect(locked != nil, "the blocker did not get its lock")

        let errors = workspace.root.appendingPathComponent("copy.err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let copy = Process()
        copy.executableURL = CLIProcess.executable
        copy.arguments = ["store", "copy", workspace.store.path, url, "--replace"]
        copy.standardOutput = FileHandle.nullDevice
        copy.standardError = try FileHandle(forWritingTo: errors)
        try copy.run()
        defer { if copy.isRunning { copy.terminate() } }
        let copyPID = try TestPostgres.poll(
            "SELECT pid FROM pg_stat_activity WHERE application_name = 'karta store copy' AND wait_event_type = 'Lock'",
            database: database)
        let pid = try #require(copyPID, "the copy never waited on the blocker's lock")

        // A reader while the copy is half-way: the store as before, and no write lock needed.
        #expect(try Self.digests(url) == before)

        #expect(try TestPostgres.psql("SELECT pg_terminate_backend(\(pid), 5000)", database: database) == "t")
        let deadline = Date().addingTimeInterval(20)
        while copy.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!copy.isRunning, "the copy did not end after its connection was killed")
        #expect(copy.terminationStatus == 75)
        let message = try String(contentsOf: errors, encoding: .utf8)
        #expect(message.hasPrefix("karta: error: store postgresql://"))
        #expect(message.contains("connection was lost"))
        #expect(message.split(separator: "\n").count == 1)

        blockerInput.fileHandleForWriting.write(Data("ROLLBACK;\n".utf8))
        try blockerInput.fileHandleForWriting.close()
        blocker.waitUntilExit()
        #expect(try Self.digests(url) == before)
    }

    @Test("each bad connection is one line with its own exit status, and no password is echoed")
    func badConnections() throws {
        let cases: [(name: String, url: String, environment: [String: String], status: Int32, words: String)] = [
            ("unreachable", try TestPostgres.url(port: 1), [:], 74, "cannot reach 127.0.0.1:1"),
            ("wrong password", TestPostgres.url, ["PGPASSWORD": "not-the-password"], 77, "refused user \"karta\""),
            ("missing database", try TestPostgres.url(database: "no_such_store"), [:], 66, "\"no_such_store\" does not exist"),
            ("TLS required, server without TLS", try TestPostgres.url(sslmode: "require"), [:], 76, "TLS failed"),
            ("password in the URL", "postgresql://karta:s3cret@127.0.0.1/karta_test", [:], 2, "carries a password"),
        ]
        for (name, url, environment, status, words) in cases {
            let result = try CLIProcess.run(["store", "check", url], environment: environment)
            #expect(result.status == status, "\(name): \(result.stderr)")
            #expect(result.stderr.hasPrefix("karta: error: "), "\(name)")
            #expect(result.stderr.contains(words), "\(name): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(name): \(result.stderr)")
            #expect(!result.stderr.contains("not-the-password") && !result.stderr.contains("s3cret"), "\(name)")
            #expect(result.stdout.isEmpty, "\(name)")
        }
        // The same statuses for a copy, which never creates its SQLite destination on failure.
        let destination = FileManager.default.temporaryDirectory.appendingPathComponent("karta-never-\(UUID()).sqlite")
        let copy = try CLIProcess.run(["store", "copy", try TestPostgres.url(port: 1), destination.path])
        #expect(copy.status == 74)
        #expect(!FileManager.default.fileExists(atPath: destination.path))
    }

    @Test("store check of a store newer than this karta: exit 2, as for a SQLite store")
    func newerStoreRefused() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run().status <= 1)
        let (database, url) = try TestPostgres.freshDatabase("karta_cli_newer")
        defer { TestPostgres.drop(database) }
        #expect(try CLIProcess.run(["store", "copy", workspace.store.path, url]).status == 0)
        try TestPostgres.psql("UPDATE karta.schema_version SET version = 99", database: database)
        _ = try CLIProcess.sqlite(workspace.store.path, "PRAGMA user_version = 99")
        let postgres = try CLIProcess.run(["store", "check", url])
        let sqlite = try CLIProcess.run(["store", "check", workspace.store.path])
        #expect(postgres.status == 2)
        #expect(sqlite.status == 2)
        #expect(postgres.stderr.contains("schema version 99, newer than this karta's \(Store.schemaVersion)"))
        #expect(sqlite.stderr.contains("schema version 99, newer than this karta's \(Store.schemaVersion)"))
    }
}

extension PostgresStoreCommandTests {
    /// Runs SQL as the test server's superuser, over its Unix socket.
    static func adminPsql(_ sql: String, database: String) throws {
        let socket = try #require(TestPostgres.environment["KARTA_TEST_POSTGRES_SOCKET"])
        let port = try #require(URLComponents(string: TestPostgres.url)?.port)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPostgres.psqlPath)
        process.arguments = [
            "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", socket, "-p", String(port), "-U", "karta_admin", "-d", database,
            "-c", sql,
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "psql as karta_admin failed: \(sql)")
    }

    @Test("the analysts' read-only role of docs/deployment.md can check and copy out, and is refused (77) when it would write")
    func readOnlyRole() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run().status <= 1)
        let (database, url) = try TestPostgres.freshDatabase("karta_cli_roles")
        defer { TestPostgres.drop(database) }
        #expect(try CLIProcess.run(["store", "copy", workspace.store.path, url]).status == 0)
        let role = "karta_read_\(UUID().uuidString.prefix(8).lowercased())"
        let password = "read-\(UUID().uuidString)"
        // The GRANTs of docs/deployment.md ("Roles"), for the reader.
        try Self.adminPsql(
            """
            CREATE ROLE \(role) LOGIN PASSWORD '\(password)';
            GRANT CONNECT ON DATABASE \(database) TO \(role);
            GRANT USAGE ON SCHEMA karta TO \(role);
            GRANT SELECT ON ALL TABLES IN SCHEMA karta TO \(role);
            ALTER ROLE \(role) SET default_transaction_read_only = on;
            """, database: database)
        defer { try? Self.adminPsql("DROP OWNED BY \(role); DROP ROLE \(role)", database: database) }
        var components = try #require(URLComponents(string: url))
        components.user = role
        let readerURL = try #require(components.string)
        let reader = ["PGPASSWORD": password]

        let check = try CLIProcess.run(["store", "check", readerURL], environment: reader)
        #expect(check.status == 0, "stderr: \(check.stderr)")
        #expect(check.stdout.contains("schema version \(Store.schemaVersion)"))
        let snapshot = workspace.root.appendingPathComponent("snapshot.sqlite").path
        let out = try CLIProcess.run(["store", "copy", readerURL, snapshot], environment: reader)
        #expect(out.status == 0, "stderr: \(out.stderr)")
        #expect(try Self.digests(snapshot) == Self.digests(workspace.store.path))

        let before = try Self.digests(url)
        let into = try CLIProcess.run(["store", "copy", workspace.store.path, readerURL, "--replace"], environment: reader)
        #expect(into.status == 77, "stderr: \(into.stderr)")
        #expect(into.stderr.contains("may not do this"))
        #expect(into.stderr.split(separator: "\n").count == 1)
        #expect(try Self.digests(url) == before)
    }
}
