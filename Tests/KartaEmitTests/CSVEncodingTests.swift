import Foundation
import Testing

@testable import KartaEmit

@Suite("CSV for Excel and for machines")
struct CSVEncodingTests {
    func encode(_ row: [CSVValue], _ dialect: CSVDialect) -> String {
        var bytes: [UInt8] = []
        CSVRowEncoder(dialect: dialect).encode(row, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("Excel rows use semicolons, decimal commas and CRLF")
    func excelRow() {
        #expect(
            encode([.text("Стара Загора"), .integer(40), .decimal(12.345, places: 2)], .excel)
                == "Стара Загора;40;12,35\r\n")
    }

    @Test("plain rows use commas and decimal points")
    func plainRow() {
        #expect(
            encode([.text("Стара Загора"), .integer(40), .decimal(12.345, places: 2)], .plain)
                == "Стара Загора,40,12.35\r\n")
    }

    @Test("fields with the separator, quotes or line breaks are quoted, quotes doubled")
    func quoting() {
        #expect(
            encode([.text("ЦСРИ; Казанлък"), .text("Дом „Здраве\""), .text("два\nреда")], .excel)
                == "\"ЦСРИ; Казанлък\";\"Дом „Здраве\"\"\";\"два\nреда\"\r\n")
        #expect(encode([.text("a,b"), .text("a;b")], .plain) == "\"a,b\",a;b\r\n")
    }

    @Test(
        "text starting like a formula is neutralised in Excel files",
        arguments: [
            ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
            ("+359 888", "'+359 888"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tтаб", "'\tтаб"),
            ("\rred", "\"'\rred\""),
        ])
    func neutralises(input: String, expected: String) {
        #expect(encode([.text(input)], .excel) == expected + "\r\n")
    }

    @Test("numbers karta writes are never neutralised, even when negative")
    func negativeNumbers() {
        #expect(encode([.integer(-5), .decimal(-0.125, places: 2)], .excel) == "-5;-0,13\r\n")
    }

    @Test("plain files keep text exactly as it is")
    func plainKeepsText() {
        #expect(encode([.text("=1+1")], .plain) == "=1+1\r\n")
    }

    @Test("absent values are empty fields")
    func empty() {
        #expect(
            encode([.integer(nil as Int?), .text(nil as String?), .decimal(nil, places: 2)], .excel)
                == ";;\r\n")
    }

    @Test(
        "decimals round half away from zero",
        arguments: [
            (2.345, 2, "2.35"), (-2.345, 2, "-2.35"), (0.125, 2, "0.13"), (1.0, 2, "1.00"),
            (-0.001, 2, "0.00"),
            (1234.5, 0, "1235"), (0.33333, 4, "0.3333"),
        ])
    func rounding(value: Double, places: Int, expected: String) {
        #expect(DecimalText.format(value, places: places) == expected)
    }

    @Test("Excel tables start with a BOM and Bulgarian headers; plain ones with English keys")
    func headers() {
        let table = CSVTable(
            fileName: "t.csv", title: "t",
            columns: [
                CSVColumn("Код", key: "code", .code, "code"), CSVColumn("Брой", key: "count", .integer, "n"),
            ],
            rows: [[.text("SZR"), .integer(3)]])
        #expect(table.encoded(.excel) == [0xEF, 0xBB, 0xBF] + Array("Код;Брой\r\nSZR;3\r\n".utf8))
        #expect(table.encoded(.plain) == Array("code,count\r\nSZR,3\r\n".utf8))
    }
}
