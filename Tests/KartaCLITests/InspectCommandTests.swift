import Foundation
import Testing

@Suite("karta inspect", .serialized)
struct InspectCommandTests {
    private func fixture(_ name: String) -> String { "fixtures/csv/\(name)" }

    private func jsonObject(_ result: CLIProcess.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
    }

    @Test("text mode shows the sniffer's report and the rows of a Windows-1251 register")
    func textReport() throws {
        // A wide terminal: the rows as a table (TerminalWidthTests checks the 80-column layout).
        let result = try CLIProcess.run(
            ["inspect", fixture("cp1251-semicolon-title-rows.csv")], environment: ["COLUMNS": "1000"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("encoding:     windows-1251"))
        #expect(result.stdout.contains("delimiter:    ;"))
        #expect(result.stdout.contains("line ending:  CRLF"))
        #expect(result.stdout.contains("header line:  4"))
        #expect(result.stdout.contains("Център за настаняване от семеен тип за деца без увреждания"))
        #expect(result.stdout.contains("5 rows shown"))
        #expect(!result.stdout.contains("Община Стара Загора;"))
    }

    @Test("--json prints encoding, delimiter, header_line, header, bindings, rows and the versions, keys sorted")
    func json() throws {
        let result = try CLIProcess.run(["inspect", fixture("cp1251-semicolon-title-rows.csv"), "--json"])
        #expect(result.status == 0)
        let object = try jsonObject(result)
        #expect(
            Set(object.keys) == [
                "encoding", "delimiter", "header_line", "header", "bindings", "rows", "karta_version",
                "schema_version",
            ])
        #expect(object["schema_version"] as? String == "karta/inspect/v1")
        #expect(object["encoding"] as? String == "windows-1251")
        #expect(object["delimiter"] as? String == ";")
        #expect(object["header_line"] as? Int == 4)
        let header = try #require(object["header"] as? [String])
        #expect(header.count == 11)
        #expect(header[3] == "Наименование на услугата")
        let rows = try #require(object["rows"] as? [[String]])
        #expect(rows.count == 5)
        #expect(rows[2][5] == "1 200")
        #expect(rows[4][0] == "Общо")
        // The one encoder sorts keys.
        let keys = ["\"bindings\"", "\"delimiter\"", "\"encoding\"", "\"header\"", "\"header_line\"", "\"rows\""]
        let positions = keys.compactMap { result.stdout.range(of: $0)?.lowerBound }
        #expect(positions.count == 6)
        #expect(positions == positions.sorted())
    }

    @Test("--json keeps quoted whitespace, embedded newlines and doubled quotes exactly")
    func jsonExactValues() throws {
        let result = try CLIProcess.run(["inspect", fixture("quoted-embedded-newlines.csv"), "--json"])
        #expect(result.status == 0)
        let rows = try #require(try jsonObject(result)["rows"] as? [[String]])
        #expect(rows[0][2] == "ред 1\nред 2")
        #expect(rows[1] == ["Казанлък", "Сдружение \"Подкрепа\"", "  с интервали  ", "30"])
        #expect(rows[2][1] == " Дневен център ")
    }

    @Test("--rows limits the records shown")
    func rowsLimit() throws {
        let result = try CLIProcess.run(["inspect", fixture("utf8-bom-crlf.csv"), "--json", "--rows", "2"])
        let object = try jsonObject(result)
        #expect((object["rows"] as? [[String]])?.count == 2)
        #expect(object["encoding"] as? String == "UTF-8-BOM")
        #expect(object["delimiter"] as? String == ",")
    }

    @Test("UTF-16LE with tabs")
    func utf16() throws {
        let object = try jsonObject(
            try CLIProcess.run(["inspect", fixture("utf16le-bom-tab.csv"), "--json"]))
        #expect(object["encoding"] as? String == "UTF-16LE")
        #expect(object["delimiter"] as? String == "\t")
        #expect((object["rows"] as? [[String]])?.first?.first == "Стара Загора")
    }

    @Test("--encoding, --delimiter and --header-line override the sniffer")
    func overrides() throws {
        let result = try CLIProcess.run([
            "inspect", fixture("cp1251-semicolon-title-rows.csv"), "--json", "--encoding", "cp1251",
            "--delimiter", ";", "--header-line", "2",
        ])
        #expect(result.status == 0)
        let object = try jsonObject(result)
        #expect(object["header_line"] as? Int == 2)
        #expect(object["header"] as? [String] == ["Регистър на социалните услуги към 31.12.2025"])
    }

    @Test("problems among the shown rows are listed with line and reason")
    func problemsListed() throws {
        let result = try CLIProcess.run(["inspect", fixture("bad-quote-mid-file.csv")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("problems:"))
        #expect(result.stdout.contains("line 3 (byte 149): malformed"))
        #expect(result.stdout.contains("line 4 (byte 199): malformed"))
        let json = try CLIProcess.run(["inspect", fixture("bad-quote-mid-file.csv"), "--json"])
        #expect((try jsonObject(json)["rows"] as? [[String]])?.count == 2)
        #expect(json.stderr.contains("line 3 (byte 149): malformed"))
    }

    @Test("files refused as a whole exit with status 4 and say why on stderr")
    func refusedFiles() throws {
        let cases: [(String, String)] = [
            (fixture("binary-garbage.csv"), "not a text file"),
            (fixture("empty.csv"), "empty"),
            ("fixtures/csv", "is a directory"),
            ("fixtures/csv/no-such-file.csv", "cannot read"),
            (fixture("koi8r-not-cp1251.csv"), "--encoding"),
        ]
        for (path, message) in cases {
            let result = try CLIProcess.run(["inspect", path])
            #expect(result.status == 4, "\(path)")
            #expect(result.stderr.contains(message), "\(path): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("a wrongly declared encoding names the byte offset and the encoding to set")
    func wrongEncoding() throws {
        let result = try CLIProcess.run([
            "inspect", fixture("cp1251-semicolon-title-rows.csv"), "--encoding", "utf-8",
        ])
        #expect(result.status == 4)
        #expect(result.stderr.contains("byte offset 0 is not valid UTF-8"))
        #expect(result.stderr.contains("--encoding windows-1251"))
    }

    @Test("a header-only file is shown with its header and a note")
    func headerOnly() throws {
        let result = try CLIProcess.run(["inspect", fixture("header-only.csv")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("no data rows"))
    }

    @Test("an unknown encoding name is a usage error")
    func unknownEncoding() throws {
        let result = try CLIProcess.run(["inspect", fixture("empty.csv"), "--encoding", "latin-9"])
        #expect(result.status != 0 && result.status != 4)
        #expect(result.stderr.contains("unknown encoding"))
    }

    @Test("an XML export shows its encoding, record element, field names and records; the cp1251 and UTF-8 exports agree")
    func xmlExport() throws {
        let root = CLIProcess.packageRoot.appendingPathComponent("fixtures/xml")
        let english = try CLIProcess.run(["inspect", root.appendingPathComponent("asp-export-utf8-english.xml").path, "--json", "--rows", "2"])
        #expect(english.status == 0, "\(english.stderr)")
        let object = try JSONSerialization.jsonObject(with: english.stdoutData) as? [String: Any]
        #expect(object?["encoding"] as? String == "UTF-8")
        #expect(object?["record_element"] as? String == "Service")
        #expect((object?["header"] as? [String])?.contains("@capacity") == true)
        let rows = object?["rows"] as? [[String]] ?? []
        #expect(rows.count == 2)
        #expect(rows.first?.contains("Център за настаняване от семеен тип за деца без увреждания") == true)
        let cyrillic = try CLIProcess.run(["inspect", root.appendingPathComponent("asp-export-cp1251.xml").path, "--json", "--rows", "2"])
        let decoded = try JSONSerialization.jsonObject(with: cyrillic.stdoutData) as? [String: Any]
        #expect(decoded?["encoding"] as? String == "windows-1251")
        #expect(decoded?["record_element"] as? String == "Услуга")
        #expect((decoded?["rows"] as? [[String]])?.first?.contains("Център за настаняване от семеен тип за деца без увреждания") == true)
    }

    @Test("a hostile XML file is refused with exit status 4 and the reason")
    func hostileXML() throws {
        let path = CLIProcess.packageRoot.appendingPathComponent("fixtures/xml/hostile-xxe-local-file.xml").path
        let result = try CLIProcess.run(["inspect", path])
        #expect(result.status == 4)
        #expect(result.stderr.contains("refused"))
        #expect(result.stdout.isEmpty)
    }
}
