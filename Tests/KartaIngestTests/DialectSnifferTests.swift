import KartaModel
import Testing

@testable import KartaIngest

@Suite("Dialect sniffing: delimiter, quote, line ending and header row, each overridable")
struct DialectSnifferTests {
    @Test("semicolons win over commas inside decimal numbers")
    func semicolonOverDecimalCommas() throws {
        let path = try CSVFixtures.temporaryFile(
            "Община;Капацитет;Дял\nКазанлък;12,5;0,3\nОпан;1 200;1,25\nЧирпан;7;0\n")
        let file = try CSVFixtures.read(path: path)
        #expect(file.description.delimiter == ";")
        #expect(file.rows[0].fields == ["Казанлък", "12,5", "0,3"])
    }

    @Test("commas win when semicolons only appear inside quoted text")
    func commaFile() throws {
        let path = try CSVFixtures.temporaryFile(
            "Община,Услуга,Капацитет\nКазанлък,\"Център; за деца\",12\nОпан,Асистентска подкрепа,5\n")
        let file = try CSVFixtures.read(path: path)
        #expect(file.description.delimiter == ",")
        #expect(file.rows[0].fields[1] == "Център; за деца")
    }

    @Test("tabs win over a comma present in every row")
    func tabsOverConsistentComma() throws {
        let path = try CSVFixtures.temporaryFile("Община\tДял\tКапацитет\nКазанлък\t0,5\t12\nОпан\t1,5\t5\n")
        #expect(try CSVFixtures.read(path: path).description.delimiter == "\t")
    }

    @Test("the header is found below title lines, even title lines padded with delimiters")
    func headerBelowTitles() throws {
        let file = try CSVFixtures.read("cp1251-semicolon-title-rows.csv")
        #expect(file.description.headerLine == 4)
        let path = try CSVFixtures.temporaryFile(
            "Община Стара Загора\nРегистър към 31.12.2025\n\nОбщина;Услуга;Капацитет\nКазанлък;Център;12\n")
        let titled = try CSVFixtures.read(path: path)
        #expect(titled.description.headerLine == 4)
        #expect(titled.description.header == ["Община", "Услуга", "Капацитет"])
        #expect(titled.rows.map(\.position.line) == [5])
    }

    @Test("the header is found when data rows carry trailing delimiters the header lacks")
    func headerShorterThanRows() throws {
        let path = try CSVFixtures.temporaryFile(
            "Община Опан\nОбщина;Услуга;Капацитет\nОпан;Център;12;\nОпан;Асистентска подкрепа;30;\nОпан;ДЦ;5;\n"
        )
        let file = try CSVFixtures.read(path: path)
        #expect(file.description.headerLine == 2)
        #expect(file.description.header == ["Община", "Услуга", "Капацитет"])
        #expect(
            file.rows.map(\.fields) == [
                ["Опан", "Център", "12"], ["Опан", "Асистентска подкрепа", "30"], ["Опан", "ДЦ", "5"],
            ])
    }

    @Test("a row of numbers is not taken for the header")
    func numbersAreNotAHeader() {
        #expect(!DialectSniffer.looksLikeHeader(["1", "2", "3,5", "31.12.2025"]))
        #expect(!DialectSniffer.looksLikeHeader(["Община Стара Загора", "", "", "", ""]))
        #expect(DialectSniffer.looksLikeHeader(["Община", "Капацитет", "ЕКАТТЕ", ""]))
    }

    @Test("single quotes are the quote only when fields start with them and never with double quotes")
    func singleQuote() throws {
        let path = try CSVFixtures.temporaryFile("a;b\n'x;y';2\n'z';3\n")
        let file = try CSVFixtures.read(path: path)
        #expect(file.rows.map(\.fields) == [["x;y", "2"], ["z", "3"]])
        #expect(
            DialectSniffer.sniffQuote(sample: Array("a;\"b\"\n'c';d".utf8), encoding: .utf8)
                == UInt8(ascii: "\""))
    }

    @Test("line endings: LF, CRLF, CR")
    func lineEndings() {
        #expect(DialectSniffer.lineEnding(sample: Array("a\nb\n".utf8), encoding: .utf8) == "LF")
        #expect(DialectSniffer.lineEnding(sample: Array("a\r\nb\r\n".utf8), encoding: .utf8) == "CRLF")
        #expect(DialectSniffer.lineEnding(sample: Array("a\rb\r".utf8), encoding: .utf8) == "CR")
        #expect(DialectSniffer.lineEnding(sample: Array("a;b".utf8), encoding: .utf8) == nil)
    }

    @Test("every guess can be overridden: delimiter, header line, quote")
    func overrides() throws {
        let path = CSVFixtures.path("cp1251-semicolon-title-rows.csv")
        let headerOnLine2 = try CSVFixtures.read(path: path, CSVReadOptions(headerLine: 2))
        #expect(headerOnLine2.description.headerLine == 2)
        #expect(headerOnLine2.description.header == ["Регистър на социалните услуги към 31.12.2025"])
        let commas = try CSVFixtures.read(
            path: path, CSVReadOptions(delimiter: UInt8(ascii: ","), allowHeaderOnly: true))
        #expect(commas.description.delimiter == ",")
        let quoted = try CSVFixtures.temporaryFile("a;b\n'x;y';2\n")
        let noQuote = try CSVFixtures.read(
            path: quoted,
            CSVReadOptions(delimiter: UInt8(ascii: ";"), quote: UInt8(ascii: "\""), headerLine: 1))
        #expect(noQuote.problems.count == 1)
        #expect(CSVReadOptions.delimiter(named: "tab") == 0x09)
        #expect(CSVReadOptions.delimiter(named: "\\t") == 0x09)
        #expect(CSVReadOptions.delimiter(named: ";") == UInt8(ascii: ";"))
        #expect(CSVReadOptions.delimiter(named: "ab") == nil)
    }
}
