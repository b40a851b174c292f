import Foundation
import KartaAggregate
import KartaModel
import Testing

@testable import KartaEmit

@Suite("Text from input files is neutralised and escaped")
struct UntrustedTextTests {
    @Test(
        "a service name written as a formula is neutralised in records.csv, kept in plain CSV and JSON Lines")
    func recordsFormula() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SampleStore.make(in: folder)
        let excel = folder.appendingPathComponent("excel/records.csv")
        let plain = folder.appendingPathComponent("plain/records.csv")
        let lines = folder.appendingPathComponent("records.jsonl")
        #expect(try RecordsExport.writeCSV(store: store, dialect: .excel, to: excel) == 9)
        try RecordsExport.writeCSV(store: store, dialect: .plain, to: plain)
        try RecordsExport.writeJSONLines(store: store, to: lines)
        let excelText = String(decoding: try Data(contentsOf: excel), as: UTF8.self)
        #expect(excelText.contains(";\"'=HYPERLINK(\"\"http://x\"\")\";"))
        #expect(!excelText.contains(";=HYPERLINK"))
        #expect(excelText.contains(";ЦОП -5;"), "text that only contains a minus is left alone")
        let plainText = String(decoding: try Data(contentsOf: plain), as: UTF8.self)
        #expect(plainText.contains(",\"=HYPERLINK(\"\"http://x\"\")\","))
        let jsonLines = String(decoding: try Data(contentsOf: lines), as: UTF8.self).split(separator: "\n")
        #expect(jsonLines.count == 9)
        let decoded = try jsonLines.map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(decoded.contains { $0["service_name"] as? String == SampleStore.hostileServiceName })
        #expect(decoded.contains { $0["service_name"] as? String == SampleStore.scriptServiceName })
        #expect(decoded[0].keys.sorted() == RecordsExport.columns.map(\.key).sorted())
    }

    @Test("records carry provenance and codes")
    func recordsProvenance() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SampleStore.make(in: folder)
        let lines = folder.appendingPathComponent("records.jsonl")
        try RecordsExport.writeJSONLines(store: store, to: lines)
        let first = try #require(
            JSONSerialization.jsonObject(
                with: Data(
                    String(decoding: try Data(contentsOf: lines), as: UTF8.self).split(separator: "\n")[0]
                        .utf8))
                as? [String: Any])
        #expect(first["source_path"] as? String == "fixtures/stara-zagora-register.csv")
        #expect(first["line"] as? Int == 2)
        #expect(first["municipality_code"] as? String == "SZR31")
        #expect(first["municipality_name"] as? String == "Стара Загора")
        #expect(first["district_code"] as? String == "SZR")
        #expect(first["provider"] is NSNull)
    }

    @Test("the report escapes a source path holding a script and a formula")
    func reportEscapes() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = DraftReport.render(try SampleStore.draft(in: folder))
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("=HYPERLINK(&quot;http://x&quot;)"))
    }

    @Test("HTML escaping covers the five special characters")
    func htmlEscape() {
        #expect(
            HTMLText.escape("<a href=\"x\">'&'</a>")
                == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLText.escape("Стара Загора") == "Стара Загора")
        // a quote with a combining mark after it is one Character, and is escaped all the same
        #expect(HTMLText.escape("x\"\u{301}>") == "x&quot;\u{301}&gt;")
    }

    @Test("JSON strings escape quotes, backslashes and control characters")
    func jsonText() {
        var bytes: [UInt8] = []
        JSONText.appendString("a\"b\\c\n\u{1}Я", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "\"a\\\"b\\\\c\\n\\u0001Я\"")
        bytes = []
        JSONText.appendString("\u{8}\u{c}\u{1f}", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "\"\\b\\f\\u001f\"", "JSONEncoder's escapes")
    }
}
