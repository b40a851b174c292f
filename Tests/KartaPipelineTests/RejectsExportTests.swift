import Foundation
import KartaStore
import Testing
@testable import KartaPipeline

@Suite("Rejects export for Excel")
struct RejectsExportTests {
    @Test("cells Excel would run as formulas get a leading apostrophe")
    func formulas() {
        #expect(RejectsExport.excelCell("=SUM(A1)") == "'=SUM(A1)")
        #expect(RejectsExport.excelCell("+359") == "'+359")
        #expect(RejectsExport.excelCell("-25") == "'-25")
        #expect(RejectsExport.excelCell("@x") == "'@x")
        #expect(RejectsExport.excelCell("Чирпан") == "Чирпан")
    }

    @Test("cells with ';', quotes or line breaks are quoted")
    func quoting() {
        #expect(RejectsExport.excelCell("a;b") == "\"a;b\"")
        #expect(RejectsExport.excelCell("ЦНСТ \"Дъга\"") == "\"ЦНСТ \"\"Дъга\"\"\"")
        #expect(RejectsExport.excelCell("ред\nдва") == "\"ред\nдва\"")
    }

    @Test("the CSV starts with a BOM and a header, lines end in CRLF")
    func layout() {
        let reject = StoredReject(
            sourcePath: "/data/a.csv", line: 7, byteOffset: 310, recordIndex: 4, column: "Капацитет",
            reason: "negative_capacity", message: "отрицателна стойност -25", rawText: "Чирпан;ДЦСХ;-25")
        let text = String(decoding: RejectsExport.csv([reject]), as: UTF8.self)
        #expect(text == "\u{FEFF}source;line;byte_offset;column;reason;message;raw_text\r\n"
            + "/data/a.csv;7;310;Капацитет;negative_capacity;отрицателна стойност -25;\"Чирпан;ДЦСХ;-25\"\r\n")
    }
}
