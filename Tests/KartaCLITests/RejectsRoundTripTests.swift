import Foundation
import Testing

@Suite("karta rejects: the raw text goes back exactly", .serialized)
struct RejectsRoundTripTests {
    static let fixture = "fixtures/rejects/kaz-reject-quote-semicolon-newline-cp1251.csv"

    @Test("a raw row with a quote, a semicolon and a line break round-trips through the rejects CSV and libcsv")
    func rawTextRoundTrip() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let ingest = try CLIProcess.run([
            "ingest", Self.fixture, "--kind", "municipal-register", "--json", "--store", scratch.store,
        ])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let file = try #require(try jsonFiles(ingest).first)
        #expect(file["rows_read"] as? Int == 3 && file["loaded"] as? Int == 1 && file["rejected"] as? Int == 1)

        let json = try CLIProcess.run(["rejects", "--format", "json", "--store", scratch.store])
        let rejects = try #require(
            (try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])?["rejects"]
                as? [[String: Any]])
        let rawText = try #require(rejects.first?["raw_text"] as? String)
        let message = try #require(rejects.first?["message"] as? String)
        #expect(rawText.contains("\"\"Роза\"\"; филиал\nс. Шипка"))

        let csv = try CLIProcess.run(["rejects", "--store", scratch.store])
        #expect(csv.status == 0)
        let written = scratch.url.appendingPathComponent("rejects.csv")
        try csv.stdoutData.write(to: written)
        // karta inspect reads the file back with libcsv and prints every field as decoded.
        let inspect = try CLIProcess.run(["inspect", written.path, "--json", "--rows", "5"])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: inspect.stdoutData) as? [String: Any])
        #expect(object["encoding"] as? String == "UTF-8-BOM")
        #expect(object["delimiter"] as? String == ";")
        #expect(
            object["header"] as? [String]
                == ["Файл", "Ред", "Байт", "Колона", "Причина (код)", "Причина", "Съобщение", "Текст на реда"])
        let rows = try #require(object["rows"] as? [[String]])
        #expect(rows.count == 1)
        #expect(rows.first?.first == Self.fixture)
        #expect(rows.first?[1] == "4")
        #expect(rows.first?[4] == "unknown_service")
        #expect(rows.first?[6] == message)
        #expect(rows.first?.last == rawText)
    }
}
