import Foundation
import KartaStore
import Testing

@testable import KartaEmit

@Suite("Rejects export for Excel")
struct RejectsExportTests {
    func csvLine(message: String, rawText: String) -> String {
        let reject = StoredReject(
            sourcePath: "a.csv", line: 2, byteOffset: 10, recordIndex: 0, column: nil, reason: "malformed",
            message: message, rawText: rawText)
        let text = String(decoding: RejectsExport.csv([reject]), as: UTF8.self)
        return String(text.split(separator: "\r\n")[1])
    }

    @Test("cells Excel would run as formulas get a leading apostrophe")
    func formulas() {
        #expect(csvLine(message: "=SUM(A1)", rawText: "+359") == "a.csv;2;10;;malformed;неправилен ред;'=SUM(A1);'+359")
        #expect(csvLine(message: "-25", rawText: "@x") == "a.csv;2;10;;malformed;неправилен ред;'-25;'@x")
        #expect(csvLine(message: "Чирпан", rawText: "") == "a.csv;2;10;;malformed;неправилен ред;Чирпан;")
    }

    @Test("cells with ';', quotes or line breaks are quoted")
    func quoting() {
        #expect(
            csvLine(message: "a;b", rawText: "ЦНСТ \"Дъга\"")
                == "a.csv;2;10;;malformed;неправилен ред;\"a;b\";\"ЦНСТ \"\"Дъга\"\"\"")
        let reject = StoredReject(
            sourcePath: "a.csv", line: 2, byteOffset: 10, recordIndex: 0, column: nil, reason: "malformed",
            message: "ред\nдва", rawText: "")
        #expect(String(decoding: RejectsExport.csv([reject]), as: UTF8.self).contains("\"ред\nдва\""))
    }

    @Test("the CSV starts with a BOM and a header, lines end in CRLF")
    func layout() {
        let reject = StoredReject(
            sourcePath: "/data/a.csv", line: 7, byteOffset: 310, recordIndex: 4, column: "Капацитет",
            reason: "negative_capacity", message: "отрицателна стойност -25", rawText: "Чирпан;ДЦСХ;-25")
        let text = String(decoding: RejectsExport.csv([reject]), as: UTF8.self)
        #expect(
            text == "\u{FEFF}Файл;Ред;Байт;Колона;Причина (код);Причина;Съобщение;Текст на реда\r\n"
                + "/data/a.csv;7;310;Капацитет;negative_capacity;отрицателен капацитет;отрицателна стойност -25;"
                + "\"Чирпан;ДЦСХ;-25\"\r\n"
        )
    }
}
