import Foundation
import Testing

/// Issue #19: one JSON style (snake_case keys, `karta_version` and `schema_version` in every
/// JSON artifact) and one exit path (a refused file is 4 everywhere, `--store`/`KARTA_STORE`
/// resolved alike, `karta: error:` on stderr); issue #15: the hosted block's unknown capacity.
@Suite("One JSON style and one exit path, through the binary", .serialized)
struct JSONStyleAndExitPathTests {
    /// Keys that are not snake_case ASCII words, at their JSON path. Keys with non-ASCII letters are
    /// data (Bulgarian kind names under `by_kind`), not field names.
    static func badKeys(_ value: Any, path: String = "") -> [String] {
        var bad: [String] = []
        if let object = value as? [String: Any] {
            for (key, child) in object {
                let isData = key.unicodeScalars.contains { !$0.isASCII }
                let isSnake =
                    key.range(of: "^[a-z][a-z0-9]*(_[a-z0-9]+)*$", options: .regularExpression) != nil
                    // one-letter words betray a split acronym ("record_i_ds" for recordIDs)
                    && key.range(of: "(^|_)[a-z](_|$)", options: .regularExpression) == nil
                if !isData && !isSnake { bad.append("\(path).\(key)") }
                bad += badKeys(child, path: "\(path).\(key)")
            }
        } else if let array = value as? [Any] {
            for element in array { bad += badKeys(element, path: path + "[]") }
        }
        return bad
    }

    /// Asserts one JSON document: snake_case keys everywhere, versions at the top.
    static func checkDocument(_ data: Data, _ name: String, schema: String) throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(name): not a JSON object")
        #expect(badKeys(object).isEmpty, "\(name): \(badKeys(object).prefix(10))")
        #expect(object["karta_version"] as? String == "0.1.0", "\(name) has no karta_version")
        #expect(object["schema_version"] as? String == schema, "\(name): schema_version")
    }

    @Test("every JSON output of a run and of each --json command is snake_case and carries the versions")
    func everyJSONOutput() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let run = try workspace.run(["--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let files: [(String, String)] = [
            ("map-draft.json", "karta/map-draft/v2"), ("run.json", "karta/run/v1"),
        ]
        for (name, schema) in files {
            try Self.checkDocument(
                try Data(contentsOf: workspace.out.appendingPathComponent(name)), name, schema: schema)
        }
        let draft = try String(contentsOf: workspace.out.appendingPathComponent("map-draft.json"), encoding: .utf8)
        #expect(!draft.contains("\"_0\""), "an enum's positional key leaks")
        #expect(draft.contains("\"draft_id\"") && !draft.contains("\"draftID\""))
        let store = workspace.store.path
        let export = workspace.root.appendingPathComponent("export")
        let commands: [([String], String)] = [
            (["aggregate", "--level", "municipality", "--format", "json", "--store", store], "karta/aggregate/v1"),
            (["explain", "SZR31", "резидентна грижа", "--json", "--store", store], "karta/explain/v1"),
            (["history", "--json", "--store", store], "karta/history/v1"),
            (["rejects", "--format", "json", "--store", store], "karta/rejects/v1"),
            (["reference", "--json"], "karta/reference/v1"),
            (["reference", "--aliases", "--json"], "karta/reference/v1"),
            (["reference", "--resolve", "Хасково", "--json"], "karta/reference/v1"),
            (["reference", "--municipalities", "--json"], "karta/reference/v1"),
            (["inspect", "fixtures/registers/szr-district-cp1251-semicolon-title-totals.csv", "--json"], "karta/inspect/v1"),
            (
                ["diff", workspace.out.appendingPathComponent("map-draft.json").path, workspace.out.path, "--json"],
                "karta/diff/v1"
            ),
            (
                ["export", "--what", "rejects", "--format", "json", "--out", export.path, "--json", "--store", store],
                "karta/export/v1"
            ),
        ]
        for (arguments, schema) in commands {
            let result = try CLIProcess.run(arguments, currentDirectory: workspace.root)
            #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
            try Self.checkDocument(result.stdoutData, arguments.prefix(2).joined(separator: " "), schema: schema)
        }
        try Self.checkDocument(
            try Data(contentsOf: export.appendingPathComponent("rejects-summary.json")), "rejects-summary.json",
            schema: "karta/rejects-summary/v1")
        let ingestStore = workspace.root.appendingPathComponent("ingest.sqlite").path
        let ingest = try CLIProcess.run(
            [
                "ingest", "fixtures/registers/szr-district-cp1251-semicolon-title-totals.csv", "--kind",
                "municipal-register", "--json", "--store", ingestStore,
            ], currentDirectory: CLIProcess.packageRoot)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        try Self.checkDocument(ingest.stdoutData, "ingest --json", schema: "karta/ingest/v1")
    }

    @Test("a refused file is exit 4 in validate and in ingest, with the one error prefix")
    func refusedIsFourEverywhere() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("karta-refused-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let refused = "fixtures/csv/binary-garbage.csv"
        let validate = try CLIProcess.run(["validate", refused])
        #expect(validate.status == 4, "\(validate.stderr)")
        #expect(validate.stderr.contains("karta: error: "), "\(validate.stderr)")
        let ingest = try CLIProcess.run(
            ["ingest", refused, "--kind", "municipal-register", "--store", folder.appendingPathComponent("k.sqlite").path])
        #expect(ingest.status == 4, "\(ingest.stderr)")
        #expect(ingest.stderr.contains("karta: error: refused \(refused)"), "\(ingest.stderr)")
        #expect(!ingest.stderr.contains("karta ingest:"))
        let inspect = try CLIProcess.run(["inspect", refused])
        #expect(inspect.status == 4 && inspect.stderr.hasPrefix("karta: error: "), "\(inspect.stderr)")
    }

    @Test("KARTA_STORE is honoured by ingest and rejects; an empty one means karta.sqlite")
    func kartaStoreEnvironment() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("karta-env-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("from-env.sqlite").path
        let file = CLIProcess.packageRoot.appendingPathComponent(
            "fixtures/registers/szr-district-cp1251-semicolon-title-totals.csv").path
        let ingest = try CLIProcess.run(
            ["ingest", file, "--kind", "municipal-register"], currentDirectory: folder,
            environment: ["KARTA_STORE": store])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(FileManager.default.fileExists(atPath: store))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("karta.sqlite").path))
        let rejects = try CLIProcess.run(
            ["rejects", "--format", "json"], currentDirectory: folder, environment: ["KARTA_STORE": store])
        #expect(rejects.status == 0, "\(rejects.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: rejects.stdoutData) as? [String: Any])
        #expect((object["rejects"] as? [Any])?.count == 9, "the fixture's 9 rejects")
        // A store that does not exist: a usage error (2) with the one prefix, never created.
        let missing = folder.appendingPathComponent("missing.sqlite").path
        let absent = try CLIProcess.run(
            ["rejects"], currentDirectory: folder, environment: ["KARTA_STORE": missing])
        #expect(absent.status == 2, "\(absent.stderr)")
        #expect(absent.stderr.hasPrefix("karta: error: ") && absent.stderr.contains("missing.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test("a hosted service with a blank capacity is counted in hosted.unknown_capacity_services")
    func hostedUnknownCapacity() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("karta-hosted-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("k.sqlite").path
        let ingest = try CLIProcess.run([
            "ingest", "fixtures/hosted/hkv-hosted-blank-capacity-cp1251-semicolon.csv", "--kind",
            "municipal-register", "--store", store,
        ])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let aggregate = try CLIProcess.run([
            "aggregate", "--level", "municipality", "--format", "json", "--store", store,
        ])
        #expect(aggregate.status == 0, "\(aggregate.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: aggregate.stdoutData) as? [String: Any])
        let areas = object["areas"] as? [[String: Any]] ?? []
        let haskovo = try #require(areas.first { $0["code"] as? String == "HKV34" })
        let hosted = try #require(haskovo["hosted"] as? [String: Any])
        // ДСХ „Изгрев" (blank capacity) and ЦНСТ „Детелина" (12) are district-level, hosted here.
        #expect(hosted["records"] as? Int == 2)
        #expect(hosted["capacity"] as? Int == 12)
        #expect(hosted["unknown_capacity_services"] as? Int == 1)
        #expect(haskovo["unknown_capacity_services"] as? Int == 0, "the municipal-level service has a capacity")

        let out = folder.appendingPathComponent("out")
        let export = try CLIProcess.run([
            "export", "--format", "json", "--format", "xml", "--format", "csv", "--format", "html",
            "--out", out.path, "--store", store,
        ])
        #expect(export.status == 0, "\(export.stderr)")
        let draft = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("map-draft.json")))
                as? [String: Any])
        let draftArea = try #require(
            (draft["areas"] as? [[String: Any]] ?? []).first { $0["code"] as? String == "HKV34" })
        #expect((draftArea["hosted"] as? [String: Any])?["unknown_capacity_services"] as? Int == 1)
        let xml = try String(contentsOf: out.appendingPathComponent("map-draft.xml"), encoding: .utf8)
        #expect(xml.contains("<hosted records=\"2\" capacity=\"12\" users=\"52\" stateDelegatedCapacity=\"12\" unknownCapacityServices=\"1\""), "\(xml.components(separatedBy: "<hosted").dropFirst().first?.prefix(200) ?? "")")
        let csv = try String(contentsOf: out.appendingPathComponent("areas.csv"), encoding: .utf8)
        let lines = csv.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.first { $0.contains("Областни услуги в общината с неизвестен капацитет") }
        #expect(header != nil, "areas.csv has the hosted unknown-capacity column")
        let row = try #require(lines.first { $0.contains("HKV34") })
        let column = try #require(
            header?.split(separator: ";", omittingEmptySubsequences: false).firstIndex {
                $0 == "Областни услуги в общината с неизвестен капацитет"
            })
        #expect(row.split(separator: ";", omittingEmptySubsequences: false)[column] == "1", "\(row)")
    }
}
