import KartaModel
import Testing

@testable import KartaIngest

@Suite("CSV reader: rows, provenance and the shapes of real exports")
struct CSVReaderTests {
    @Test("a Windows-1251 register with title lines: header on line 4, rows from line 5 with exact offsets")
    func windows1251TitleRows() throws {
        let file = try CSVFixtures.read("cp1251-semicolon-title-rows.csv")
        #expect(file.description.encoding == "windows-1251")
        #expect(file.description.delimiter == ";")
        #expect(file.description.lineEnding == "CRLF")
        #expect(file.description.headerLine == 4)
        #expect(file.description.header.first == "Област")
        #expect(file.description.header.last == "Дата")
        #expect(file.description.header.count == 11)
        #expect(file.problems.isEmpty)
        #expect(file.rows.map(\.position.line) == [5, 6, 7, 8, 9])
        #expect(file.rows.map(\.position.byteOffset) == [229, 423, 610, 778, 954])
        #expect(file.rows.map(\.position.recordIndex) == [0, 1, 2, 3, 4])
        let first = file.rows[0]
        #expect(first.fields[3] == "Център за настаняване от семеен тип за деца без увреждания")
        #expect(first.fields[9] == "68850")
        #expect(file.rows[1].fields[8] == "Сдружение \"Подкрепа\"")
        #expect(file.rows[2].fields[5] == "1 200")
        #expect(file.rows[3].fields[5] == "12,5")
        #expect(file.rows[3].fields[7] == "държавно делегирана дейност; проект")
        let totals = file.rows[4]
        #expect(totals.fields[0] == "Общо")
        #expect(totals.fields[6] == "1 230")
        #expect(totals.rawText == "Общо;;;;;1 256,5;1 230;;;;")
    }

    @Test("UTF-8 with BOM and CRLF: BOM stripped, offsets count it, comma delimiter with quoted decimals")
    func utf8BOMCRLF() throws {
        let file = try CSVFixtures.read("utf8-bom-crlf.csv")
        #expect(file.description.encoding == "UTF-8-BOM")
        #expect(file.description.delimiter == ",")
        #expect(file.description.lineEnding == "CRLF")
        #expect(file.description.headerLine == 1)
        #expect(file.description.header[0] == "Област")
        #expect(file.rows.map(\.position.byteOffset) == [245, 584, 907, 1194])
        #expect(file.rows.map(\.position.line) == [2, 3, 4, 5])
        #expect(file.rows[3].fields[5] == "12,5")
        #expect(!file.rows[3].fields[10].hasSuffix("\r"))
    }

    @Test("quoted fields keep embedded delimiters, newlines, doubled quotes and blanks; lines count them")
    func quotedEmbedded() throws {
        let file = try CSVFixtures.read("quoted-embedded-newlines.csv")
        #expect(file.problems.isEmpty)
        #expect(file.rows.map(\.position.line) == [2, 5, 8])
        #expect(file.rows.map(\.position.byteOffset) == [94, 227, 319])
        #expect(
            file.rows[0].fields == [
                "Стара Загора", "Център за настаняване от семеен тип; за деца", "ред 1\nред 2", "14",
            ])
        #expect(
            file.rows[0].rawText
                == "\"Стара Загора\";\"Център за настаняване от семеен тип; за деца\";\"ред 1\nред 2\";14")
        #expect(file.rows[1].fields[1] == "Сдружение \"Подкрепа\"")
        #expect(file.rows[1].fields[2] == "  с интервали  ")
        #expect(file.rows[2].fields == ["Павел баня", " Дневен център ", "", "12"])
    }

    @Test("trimUnquoted drops blanks around unquoted fields only")
    func trimUnquoted() throws {
        let file = try CSVFixtures.read("quoted-embedded-newlines.csv", CSVReadOptions(trimUnquoted: true))
        #expect(file.rows[2].fields[1] == "Дневен център")
        #expect(file.rows[1].fields[2] == "  с интервали  ")
    }

    @Test("a final line with an unterminated quote is a malformed problem; the rows before it are kept")
    func truncatedFinalLine() throws {
        let file = try CSVFixtures.read("truncated-final-line.csv")
        #expect(file.rows.map(\.position.line) == [2, 3])
        #expect(file.problems.count == 1)
        let problem = try #require(file.problems.first)
        #expect(problem.reason == .malformed)
        #expect(problem.position.line == 4)
        #expect(problem.position.byteOffset == 225)
        #expect(problem.position.recordIndex == 2)
        #expect(problem.position.column == 2)
        #expect(problem.column == "Наименование на услугата")
        #expect(problem.rawText == "Гурково;\"Дневен център за деца;1")
        #expect(problem.message.contains("не е затворено"))
    }

    @Test("an opening quote that is never closed does not swallow the rows after it")
    func strayOpeningQuoteMidFile() throws {
        let path = try CSVFixtures.temporaryFile(
            "Община;Услуга;Капацитет\nЧирпан;\"Дневен център;10\nМъглиж;Асистентска подкрепа;20\nОпан;Център;5\n"
        )
        let file = try CSVFixtures.read(path: path)
        #expect(file.problems.map(\.position.line) == [2])
        #expect(file.rows.map(\.position.line) == [3, 4])
        #expect(file.rows.map { $0.fields[0] } == ["Мъглиж", "Опан"])
        #expect(file.rows.map(\.position.recordIndex) == [1, 2])
        #expect(file.problems[0].rawText == "Чирпан;\"Дневен център;10")
    }

    @Test("a quote that closes on a later line with text after it: rows in between are read again")
    func quoteClosedLaterWithError() throws {
        let path = try CSVFixtures.temporaryFile(
            "a;b;c\n1;\"x;y\n2;\"z\";w\n3;u;v\n")
        let file = try CSVFixtures.read(path: path)
        #expect(file.problems.map(\.position.line) == [2])
        #expect(file.rows.map(\.position.line) == [3, 4])
        #expect(file.rows[0].fields == ["2", "z", "w"])
        #expect(file.rows[1].position.byteOffset == 21)
    }

    @Test("stray quotes in unquoted fields become problems and reading resumes at the next line")
    func badQuoteResume() throws {
        let file = try CSVFixtures.read("bad-quote-mid-file.csv")
        #expect(file.rows.map(\.position.line) == [2, 5])
        #expect(file.rows.map(\.position.recordIndex) == [0, 3])
        #expect(file.problems.map(\.position.line) == [3, 4])
        #expect(file.problems.map(\.position.byteOffset) == [149, 199])
        #expect(file.problems.map(\.position.column) == [2, 2])
        #expect(file.problems.allSatisfy { $0.reason == .malformed })
        #expect(file.problems[0].message.contains("кавичка в поле, което не е оградено с кавички"))
        #expect(file.problems[1].message.contains("след затварящата кавичка"))
        #expect(file.problems[0].rawText == "Казанлък;Център \"Надежда\";40")
    }

    @Test("too few fields is malformed, too many is malformed, trailing empty extras are accepted")
    func mixedRecordLengths() throws {
        let file = try CSVFixtures.read("mixed-record-lengths.csv")
        #expect(file.rows.map(\.position.line) == [2, 5, 6])
        #expect(file.rows[1].fields == ["Братя Даскалови", "Център за обществена подкрепа", "15"])
        #expect(file.problems.map(\.position.line) == [3, 4])
        #expect(file.problems.map(\.position.byteOffset) == [149, 222])
        #expect(file.problems[0].message == "само 2 полета, а заглавният ред има 3")
        #expect(file.problems[1].message == "4 полета, а заглавният ред има 3; проверете разделителя и кавичките")
        #expect(file.problems[1].rawText == "Мъглиж;Дневен център;20;излишно поле")
    }

    @Test("UTF-16LE with BOM and tabs: decoded, offsets in the original UTF-16 bytes")
    func utf16LittleEndian() throws {
        let file = try CSVFixtures.read("utf16le-bom-tab.csv")
        #expect(file.description.encoding == "UTF-16LE")
        #expect(file.description.delimiter == "\t")
        #expect(file.description.lineEnding == "CRLF")
        #expect(file.description.header.count == 11)
        #expect(file.rows.map(\.position.byteOffset) == [262, 650])
        #expect(file.rows.map(\.position.line) == [2, 3])
        #expect(file.rows[1].fields[8] == "Сдружение \"Подкрепа\"")
    }

    @Test("UTF-16BE with BOM and semicolons")
    func utf16BigEndian() throws {
        let file = try CSVFixtures.read("utf16be-bom-semicolon.csv")
        #expect(file.description.encoding == "UTF-16BE")
        #expect(
            file.description.header == ["Област", "Община", "Вид на услугата", "Наименование на услугата"])
        #expect(file.rows.map(\.position.byteOffset) == [112, 248])
        #expect(file.rows[1].fields[3] == "Център за обществена подкрепа")
    }

    @Test("old Mac CR line endings and a pipe delimiter")
    func pipeAndCR() throws {
        let file = try CSVFixtures.read("pipe-cr-line-endings.csv")
        #expect(file.description.delimiter == "|")
        #expect(file.description.lineEnding == "CR")
        #expect(file.rows.map(\.position.line) == [2, 3, 4, 5])
        #expect(file.rows.map(\.position.byteOffset) == [102, 290, 440, 568])
    }

    @Test("every fixture reads the same with tiny chunks as with one big chunk")
    func chunkBoundariesChangeNothing() throws {
        let names = [
            "cp1251-semicolon-title-rows.csv", "utf8-bom-crlf.csv", "quoted-embedded-newlines.csv",
            "truncated-final-line.csv", "mixed-record-lengths.csv", "bad-quote-mid-file.csv",
            "utf16le-bom-tab.csv", "utf16be-bom-semicolon.csv", "pipe-cr-line-endings.csv",
        ]
        for name in names {
            let whole = try CSVFixtures.read(name)
            for chunk in [16, 17, 31, 64] {
                let chunked = try CSVFixtures.read(name, CSVReadOptions(chunkBytes: chunk))
                #expect(chunked.results == whole.results, "\(name) with \(chunk)-byte chunks")
            }
        }
    }

    @Test("a field over the size limit is a field_too_large problem naming the column; later rows survive")
    func fieldTooLarge() throws {
        let long = String(repeating: "я", count: 40)
        let path = try CSVFixtures.temporaryFile(
            "Община;Бележка\nЧирпан;кратко\nОпан;\(long)\nМъглиж;\"\(long)\nвсе още\"\nГурково;ок\n")
        let file = try CSVFixtures.read(path: path, CSVReadOptions(maxFieldBytes: 50, chunkBytes: 32))
        #expect(file.rows.map { $0.fields[0] } == ["Чирпан", "Гурково"])
        // The oversize quoted field's second line is read again on its own: a stray quote there.
        #expect(file.problems.map(\.reason) == [.fieldTooLarge, .fieldTooLarge, .malformed])
        #expect(file.problems.map(\.position.line) == [3, 4, 5])
        #expect(file.problems[0].column == "Бележка")
        #expect(file.problems[0].position.column == 2)
        #expect(file.rows.last?.position.line == 6)
    }

    @Test("raw text is cut at the raw-text limit")
    func rawTextLimit() throws {
        let file = try CSVFixtures.read("mixed-record-lengths.csv", CSVReadOptions(rawTextLimit: 6))
        #expect(file.problems[1].rawText == "Мъглиж")
        #expect(file.rows[0].rawText == "Стара ")
    }

    @Test("blank lines and Excel's all-empty rows are skipped, not counted as records")
    func blankRows() throws {
        let path = try CSVFixtures.temporaryFile("a;b\n\n;\n1;2\n\r\n;;\n3;4")
        let file = try CSVFixtures.read(path: path)
        #expect(file.rows.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(file.rows.map(\.position.line) == [4, 7])
        #expect(file.rows.map(\.position.recordIndex) == [0, 1])
        #expect(file.rows.map(\.position.byteOffset) == [7, 16])
    }

    @Test("the byte-level API gives the same fields and provenance as the rows")
    func byteLevelAPI() throws {
        let path = CSVFixtures.path("cp1251-semicolon-title-rows.csv")
        let rows = try CSVFixtures.read(path: path).rows
        let reader = try CSVReader(path: path)
        var seen: [(SourcePosition, [String])] = []
        try reader.forEachRecord(
            { record in
                seen.append((record.position, (0..<record.fieldCount).map { record.string($0) }))
            }, problem: { _ in Issue.record("no problems expected") })
        #expect(seen.map(\.0) == rows.map(\.position))
        #expect(seen.map(\.1) == rows.map(\.fields))
    }

    @Test("nextRecord() right after opening starts with the first data row")
    func nextRecordFirst() throws {
        let reader = try CSVReader(path: CSVFixtures.path("mixed-record-lengths.csv"))
        guard case .record(let record) = try reader.nextRecord() else {
            Issue.record("expected a record")
            return
        }
        #expect(record.position.line == 2)
        #expect(record.string(0) == "Стара Загора")
        #expect(record.rawText == "Стара Загора;Асистентска подкрепа;1 200")
        guard case .problem(let problem) = try reader.nextRecord() else {
            Issue.record("expected a problem")
            return
        }
        #expect(problem.position.line == 3)
    }

    @Test("rows keep their own raw text and fields when many share arenas and repeated strings")
    func rawTextsAcrossArenas() throws {
        // ~6,000 rows of ~90 bytes: more than two 256 KiB raw-text arenas; columns that repeat.
        var text = "Община;Вид на услугата;Наименование;Капацитет\n"
        for i in 0..<6000 {
            text += "Стара Загора;Дневен център за деца с увреждания;Услуга № \(i) на общината;\(i % 50)\n"
        }
        let file = try CSVFixtures.read(path: CSVFixtures.temporaryFile(encodeWindows1251(text)))
        #expect(file.rows.count == 6000)
        for i in [0, 2900, 2901, 5999] {
            let row = file.rows[i]
            #expect(
                row.rawText
                    == "Стара Загора;Дневен център за деца с увреждания;Услуга № \(i) на общината;\(i % 50)")
            #expect(
                row.fields == [
                    "Стара Загора", "Дневен център за деца с увреждания", "Услуга № \(i) на общината",
                    "\(i % 50)",
                ])
        }
    }
}
