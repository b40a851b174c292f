import Foundation
import Testing

@Suite("karta export")
struct ExportCommandTests {
    @Test("writes every format of the draft into the folder, the same bytes twice")
    func writesDraft() throws {
        let folder = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("karta.sqlite").path
        try EmitSampleStore.make(at: store)
        let first = try CLIProcess.run([
            "export", "--store", store, "--out", folder.appendingPathComponent("a").path,
        ])
        #expect(first.status == 0, "\(first.stderr)")
        let names = try FileManager.default.contentsOfDirectory(
            atPath: folder.appendingPathComponent("a").path
        ).sorted()
        #expect(
            names == [
                "areas.csv", "district-services.csv", "map-districts.csv", "map-draft.geojson", "map-draft.json", "map-draft.xml",
                "map-municipalities.csv", "map-national.csv", "reconciliation-services.csv",
                "reconciliation.csv",
                "rejects-summary.csv", "report.html",
            ])
        let second = try CLIProcess.run([
            "export", "--store", store, "--out", folder.appendingPathComponent("b").path,
        ])
        #expect(second.status == 0)
        for name in names {
            let a = try Data(contentsOf: folder.appendingPathComponent("a").appendingPathComponent(name))
            let b = try Data(contentsOf: folder.appendingPathComponent("b").appendingPathComponent(name))
            #expect(a == b, "\(name) differs between two exports")
        }
        let report = try String(contentsOf: folder.appendingPathComponent("a/report.html"), encoding: .utf8)
        #expect(report.contains("Стара Загора"))
    }

    @Test("exports the consolidated records as Excel CSV with the formula neutralised, and as JSON Lines")
    func writesRecords() throws {
        let folder = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("karta.sqlite").path
        try EmitSampleStore.make(at: store)
        let result = try CLIProcess.run([
            "export", "--what", "records", "--store", store, "--out", folder.path, "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let listed = try #require((JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])?["files"] as? [[String: Any]])
        #expect(
            listed.compactMap { ($0["path"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } }
                == ["records.csv", "records.jsonl"])
        let csv = try Data(contentsOf: folder.appendingPathComponent("records.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: csv, as: UTF8.self).contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
        let lines = try String(contentsOf: folder.appendingPathComponent("records.jsonl"), encoding: .utf8)
        #expect(lines.split(separator: "\n").count == 3)
    }

    @Test("--plain-csv writes RFC 4180 with English keys")
    func plainCSV() throws {
        let folder = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("karta.sqlite").path
        try EmitSampleStore.make(at: store)
        let result = try CLIProcess.run([
            "export", "--what", "rejects", "--format", "csv", "--plain-csv", "--store", store, "--out",
            folder.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(
            contentsOf: folder.appendingPathComponent("rejects-summary.csv"), encoding: .utf8)
        #expect(
            text == "municipality_code,municipality_name,source_path,reason,reason_name,count\r\n"
                + "SZR31,Стара Загора,fixtures/szr31-register.csv,unknown_service,неизвестна услуга,1\r\n")
    }

    @Test("a format that does not apply, or a missing store, is a usage error (exit 2)")
    func usageErrors() throws {
        let folder = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("karta.sqlite").path
        try EmitSampleStore.make(at: store)
        let wrong = try CLIProcess.run([
            "export", "--what", "records", "--format", "xml", "--store", store, "--out", folder.path,
        ])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("not available for 'records'"))
        let missing = try CLIProcess.run([
            "export", "--store", folder.appendingPathComponent("none.sqlite").path,
        ])
        #expect(missing.status == 2)
    }

    @Test("an unreadable geometry file is refused with its path (exit 4)")
    func badGeometry() throws {
        let folder = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("karta.sqlite").path
        try EmitSampleStore.make(at: store)
        let geometry = folder.appendingPathComponent("outlines.geojson")
        try Data("[1, 2]".utf8).write(to: geometry)
        let result = try CLIProcess.run([
            "export", "--format", "geojson", "--geometry", geometry.path, "--store", store, "--out",
            folder.path,
        ])
        #expect(result.status == 4)
        #expect(result.stderr.contains("outlines.geojson"))
    }
}
