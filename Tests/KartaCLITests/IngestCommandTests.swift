import Foundation
import Testing

/// The register fixtures and what each must give (counted by hand from the files; see
/// scripts/make-fixtures.py).
let registerFixtures:
    [(path: String, rowsRead: Int, loaded: Int, rejected: Int, nonData: Int, reasons: [String: Int])] = [
        (
            "fixtures/registers/szr-district-cp1251-semicolon-title-totals.csv", 23, 13, 9, 1,
            [
                "unknown_service": 3, "duplicate": 1, "malformed": 1, "negative_capacity": 1,
                "district_mismatch": 1,
                "missing_field": 1, "unknown_municipality": 1,
            ]
        ),
        (
            // two rows with an unknown capacity („н/д", blank) load with a capacity_missing warning
            "fixtures/registers/rse-var-utf8-bom-personal-data.csv", 18, 14, 2, 2,
            ["unknown_service": 1, "ambiguous_municipality": 1]
        ),
        (
            // „30,5" places is a fraction: malformed, never rounded
            "fixtures/registers/pdv-utf8-comma-quoted-english-headers.csv", 9, 5, 3, 1,
            ["malformed": 2, "unknown_service": 1]
        ),
    ]

/// A temporary folder with a store path, removed at the end.
struct ScratchFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("karta-cli-\(UUID())")
    var store: String { url.appendingPathComponent("karta.sqlite").path }

    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    func remove() { try? FileManager.default.removeItem(at: url) }
}

func jsonFiles(_ result: CLIProcess.Result) throws -> [[String: Any]] {
    let object = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
    return try #require(
        object?["files"] as? [[String: Any]], "stdout: \(result.stdout) stderr: \(result.stderr)")
}

@Suite("karta ingest and karta rejects", .serialized)
struct IngestCommandTests {
    @Test("--json prints exactly the contract object, with the counts of every fixture")
    func jsonContract() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let result = try CLIProcess.run(
            ["ingest"] + registerFixtures.map(\.path) + [
                "--kind", "municipal-register", "--store", scratch.store, "--json",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try jsonFiles(result)
        #expect(files.count == registerFixtures.count)
        for (file, expected) in zip(files, registerFixtures) {
            #expect(
                Set(file.keys) == [
                    "path", "status", "encoding", "rows_read", "loaded", "rejected", "non_data",
                    "rejects_by_reason", "bindings",
                ])
            #expect(file["path"] as? String == expected.path)
            #expect(file["status"] as? String == "loaded")
            #expect(file["rows_read"] as? Int == expected.rowsRead, "\(expected.path)")
            #expect(file["loaded"] as? Int == expected.loaded, "\(expected.path)")
            #expect(file["rejected"] as? Int == expected.rejected, "\(expected.path)")
            #expect(file["non_data"] as? Int == expected.nonData, "\(expected.path)")
            #expect(file["rejects_by_reason"] as? [String: Int] == expected.reasons, "\(expected.path)")
        }
        #expect(files[0]["encoding"] as? String == "windows-1251")
    }

    @Test("ingesting the same files again changes nothing: every file is unchanged with the same counts")
    func rerunIsUnchanged() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let arguments =
            ["ingest"] + registerFixtures.map(\.path) + [
                "--kind", "municipal-register", "--store", scratch.store, "--json",
            ]
        let first = try jsonFiles(try CLIProcess.run(arguments))
        let second = try jsonFiles(try CLIProcess.run(arguments))
        #expect(
            second.map { $0["status"] as? String }
                == Array(repeating: "unchanged", count: registerFixtures.count))
        #expect(second.map { $0["loaded"] as? Int } == first.map { $0["loaded"] as? Int })
        #expect(
            second.map { $0["rejects_by_reason"] as? [String: Int] }
                == first.map { $0["rejects_by_reason"] as? [String: Int] })
    }

    @Test("a file that cannot be read is refused with exit 4; the other files are still loaded")
    func refusedFile() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let empty = scratch.url.appendingPathComponent("empty.csv")
        try Data().write(to: empty)
        let result = try CLIProcess.run(
            [
                "ingest", empty.path, registerFixtures[2].path, "--kind", "municipal-register", "--store",
                scratch.store, "--json",
            ])
        #expect(result.status == 4)
        let files = try jsonFiles(result)
        #expect(files.first?["status"] as? String == "refused")
        #expect((files.first?["error"] as? String)?.isEmpty == false)
        #expect(files.last?["status"] as? String == "loaded")
        #expect(result.stderr.contains("empty.csv"))
    }

    @Test("a proposal loads its proposed maximum of users")
    func proposal() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let result = try CLIProcess.run(
            [
                "ingest", "fixtures/proposals/szr-proposal-cp1251.csv", "--kind", "proposal", "--store",
                scratch.store, "--json",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let file = try #require(try jsonFiles(result).first)
        #expect(file["rows_read"] as? Int == 11)
        #expect(file["loaded"] as? Int == 9)
        #expect(file["rejects_by_reason"] as? [String: Int] == ["unknown_service": 1])
    }

    @Test("the ЕГН of the fixtures appear in no table of the store and in no output")
    func personalNumbersNeverLeave() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let numbers = try String(
            contentsOf: CLIProcess.packageRoot.appendingPathComponent(
                "fixtures/registers/PERSONAL-NUMBERS.txt"), encoding: .utf8
        )
        .split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        #expect(numbers.count >= 5)
        var outputs: [String] = []
        for json in [false, true] {
            let result = try CLIProcess.run(
                ["ingest"] + registerFixtures.map(\.path) + [
                    "--kind", "municipal-register", "--store", scratch.store, "--full-refresh",
                ]
                    + (json ? ["--json"] : []))
            #expect(result.status == 0)
            outputs += [result.stdout, result.stderr]
        }
        #expect(outputs[0].contains("personal-data columns dropped: ЕГН на потребителя, Име на потребителя"))
        for format in ["csv", "json"] {
            let rejects = try CLIProcess.run(["rejects", "--format", format, "--store", scratch.store])
            #expect(rejects.status == 0)
            outputs += [rejects.stdout, rejects.stderr]
        }
        #expect(outputs.joined().contains("[ЕГН]"), "masked numbers show where they were")
        let dump = Process()
        dump.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        dump.arguments = [scratch.store, ".dump"]
        let pipe = Pipe()
        dump.standardOutput = pipe
        try dump.run()
        let dumped = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        dump.waitUntilExit()
        #expect(dumped.contains("CREATE TABLE"))
        #expect(dumped.contains("Асистентска подкрепа Бяла"))
        for number in numbers {
            #expect(!dumped.contains(number), "ЕГН \(number) in the store")
            for output in outputs { #expect(!output.contains(number), "ЕГН \(number) in an output") }
        }
        #expect(!dumped.contains("Иван Петров"), "a user's name in the store")
    }

    @Test("karta rejects writes Excel-friendly CSV: BOM, ';', one line per reject, filtered by source")
    func rejectsCSV() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        _ = try CLIProcess.run(
            ["ingest"] + registerFixtures.map(\.path) + [
                "--kind", "municipal-register", "--store", scratch.store,
            ])
        let all = try CLIProcess.run(["rejects", "--store", scratch.store])
        #expect(all.status == 0)
        #expect(all.stdoutData.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(all.stdout.contains("Файл;Ред;Байт;Колона;Причина (код);Причина;Съобщение;Текст на реда"))
        let one = try CLIProcess.run([
            "rejects", "--source", registerFixtures[2].path, "--format", "json", "--store", scratch.store,
        ])
        let rejects = try #require((try JSONSerialization.jsonObject(with: one.stdoutData) as? [String: Any])?["rejects"] as? [[String: Any]])
        #expect(rejects.count == 3)
        #expect(Set(rejects.compactMap { $0["reason"] as? String }) == ["malformed", "unknown_service"])
        #expect(rejects.first?["line"] as? Int == 5)
    }

    @Test(
        "АСП exports in XML (cp1251 Bulgarian, UTF-8 English, UTF-16 child elements) load with the default mapping"
    )
    func xmlExports() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let result = try CLIProcess.run(
            [
                "ingest", "fixtures/xml/asp-export-cp1251.xml", "fixtures/xml/asp-export-utf8-english.xml",
                "fixtures/xml/municipal-register-utf16-child-elements.xml", "--kind", "asp-export", "--store",
                scratch.store, "--json",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try jsonFiles(result)
        #expect(files.map { $0["loaded"] as? Int } == [8, 8, 5])
        #expect(files.map { $0["rows_read"] as? Int } == [8, 8, 5])
    }

    @Test("a file lacking a required column is refused before any row, naming the column")
    func missingColumn() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let file = scratch.url.appendingPathComponent("no-municipality.csv")
        try Data("Услуга;Места\nЦОП;20\n".utf8).write(to: file)
        let result = try CLIProcess.run([
            "ingest", file.path, "--kind", "municipal-register", "--store", scratch.store, "--json",
        ])
        #expect(result.status == 4)
        let error = try #require(try jsonFiles(result).first?["error"] as? String)
        #expect(error.contains("няма колона за „община\" (municipality)"))
    }

    @Test("an unknown kind is invalid usage (exit 2)")
    func unknownKind() throws {
        let result = try CLIProcess.run(["ingest", "x.csv", "--kind", "census"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("municipal-register"))
        let validate = try CLIProcess.run(["validate", "x.csv", "--kind", "census"])
        #expect(validate.status == 2)
    }

    @Test("--help lists the kinds --kind takes")
    func kindsInHelp() throws {
        for command in ["ingest", "validate"] {
            let help = try CLIProcess.run([command, "--help"], environment: ["COLUMNS": "1000"])
            #expect(help.stdout.contains("municipal-register, asp-export, proposal"), "\(command)")
        }
    }
}
