import KartaModel
import Testing

@testable import KartaIngest

@Suite("XML reader: records from АСП-style exports")
struct XMLReaderTests {
    static let bulgarianMapping = try! XMLRecordMapping(
        recordPath: "НационалнаКарта/Област/Община/Услуга",
        fields: [
            "../../@код", "../@код", "../@име", "@ид", "@вид", "@целева_група", "@капацитет", "@потребители",
            "@финансиране",
        ])
    static let englishMapping = try! XMLRecordMapping(
        recordPath: "NationalMap/District/Municipality/Service",
        fields: [
            "../../@code", "../@code", "../@name", "@id", "@kind", "@target_group", "@capacity", "@users",
            "@financing",
        ])

    @Test("a windows-1251 export with Cyrillic names is decoded to UTF-8 with its declared encoding")
    func windows1251() throws {
        let reader = try XMLReader(
            path: xmlFixture("asp-export-cp1251.xml"), options: XMLReadOptions(mapping: Self.bulgarianMapping)
        )
        #expect(reader.description.format == .xml)
        #expect(reader.description.encoding == "windows-1251")
        #expect(reader.description.recordElement == "Услуга")
        #expect(reader.description.headerLine == 6)
        #expect(reader.description.header == Self.bulgarianMapping.fields.map(\.name))
        let rows = rows(try readAll(reader))
        #expect(rows.count == 8)
        #expect(
            rows[0].fields == [
                "SZR", "SZR31", "Стара Загора", "SZR31-001",
                "Център за настаняване от семеен тип за деца без увреждания",
                "деца", "14", "12", "държавно делегирана дейност",
            ])
        #expect(rows[7].fields[0...3] == ["PDV", "PDV01", "Асеновград", "PDV01-001"])
    }

    @Test("the UTF-8 export with English names gives the same values as the windows-1251 one")
    func sameDataBothEncodings() throws {
        let bulgarian = rows(
            try readAll(
                try XMLReader(
                    path: xmlFixture("asp-export-cp1251.xml"),
                    options: XMLReadOptions(mapping: Self.bulgarianMapping))))
        let english = rows(
            try readAll(
                try XMLReader(
                    path: xmlFixture("asp-export-utf8-english.xml"),
                    options: XMLReadOptions(mapping: Self.englishMapping))))
        #expect(english.count == bulgarian.count)
        // Names differ by language (municipality name at index 2); every other value is equal.
        for (b, e) in zip(bulgarian, english) {
            #expect(
                b.fields.enumerated().filter { $0.offset != 2 }.map(\.element)
                    == e.fields.enumerated().filter { $0.offset != 2 }.map(\.element))
        }
    }

    @Test("each record's provenance is the line, column and file byte offset of its start tag")
    func provenanceWindows1251() throws {
        let reader = try XMLReader(
            path: xmlFixture("asp-export-cp1251.xml"), options: XMLReadOptions(mapping: Self.bulgarianMapping)
        )
        let positions = rows(try readAll(reader)).map(\.position)
        // Offsets counted in the cp1251 bytes on disk (one byte per Cyrillic letter, CRLF lines).
        #expect(positions.map(\.line) == [6, 7, 8, 11, 12, 17, 18, 21])
        #expect(positions.allSatisfy { $0.column == 7 })
        #expect(positions.map(\.byteOffset) == [243, 434, 636, 905, 1048, 1326, 1511, 1709])
        #expect(positions.map(\.recordIndex) == Array(0..<8))
    }

    @Test("UTF-8 provenance: byte offsets count multi-byte letters as bytes")
    func provenanceUTF8() throws {
        let reader = try XMLReader(
            path: xmlFixture("asp-export-utf8-english.xml"),
            options: XMLReadOptions(mapping: Self.englishMapping))
        let positions = rows(try readAll(reader)).map(\.position)
        #expect(positions.map(\.line) == [5, 6, 7, 10, 11, 16, 17, 20])
        #expect(positions.map(\.byteOffset) == [186, 447, 730, 1104, 1275, 1626, 1876, 2112])
        #expect(positions.allSatisfy { $0.column == 7 })
    }

    @Test("a UTF-16 register with child elements: fields from leaf children, offsets in UTF-16 bytes")
    func utf16ChildElements() throws {
        let mapping = try XMLRecordMapping(
            recordPath: "Услуга", fields: ["../@код", "@ид", "Наименование", "Капацитет"])
        let reader = try XMLReader(
            path: xmlFixture("municipal-register-utf16-child-elements.xml"),
            options: XMLReadOptions(mapping: mapping))
        #expect(reader.description.encoding == "UTF-16LE")
        let rows = rows(try readAll(reader))
        #expect(rows.map(\.fields[0]) == ["SZR31", "SZR31", "SZR31", "SZR12", "SZR12"])
        #expect(rows[3].fields == ["SZR12", "SZR12-001", "Дом за стари хора", "60"])
        #expect(rows.map(\.position.line) == [4, 9, 14, 21, 26])
        #expect(rows.map(\.position.byteOffset) == [158, 566, 948, 1422, 1748])
        #expect(rows.allSatisfy { $0.position.column == 5 })
    }

    @Test("raw text is the record's start tag as written (then its leaf children), truncated to the limit")
    func rawText() throws {
        let reader = try XMLReader(
            path: xmlFixture("asp-export-utf8-english.xml"),
            options: XMLReadOptions(mapping: Self.englishMapping))
        let first = rows(try readAll(reader))[0]
        #expect(
            first.rawText
                == #"<Service id="SZR31-001" kind="Център за настаняване от семеен тип за деца без увреждания" target_group="деца" capacity="14" users="12" financing="държавно делегирана дейност"/>"#
        )
        let short = try XMLReader(
            path: xmlFixture("asp-export-utf8-english.xml"),
            options: XMLReadOptions(mapping: Self.englishMapping, rawTextLimit: 64))
        let text = rows(try readAll(short))[0].rawText
        #expect(text.hasSuffix("…"))
        #expect(text.utf8.count <= 64 + "…".utf8.count)
    }

    @Test("escaped characters in attributes and text arrive decoded")
    func entitiesDecoded() throws {
        let xml =
            #"<?xml version="1.0"?><R><S a="Tom &amp; Jerry &quot;&#1044;&quot;" b="&lt;&#38;&gt;"><n>A &amp; B</n></S><S a="x"/></R>"#
        let path = try temporaryXML("escapes.xml", Array(xml.utf8))
        let mapping = try XMLRecordMapping(recordPath: "S", fields: ["@a", "@b", "n"])
        let rows = rows(try readAll(try XMLReader(path: path, options: XMLReadOptions(mapping: mapping))))
        #expect(rows[0].fields == [#"Tom & Jerry "Д""#, "<&>", "A & B"])
        // The raw text keeps the start tag as written, then the record's leaf children.
        #expect(
            rows[0].rawText
                == #"<S a="Tom &amp; Jerry &quot;&#1044;&quot;" b="&lt;&#38;&gt;"><n>A &amp; B</n></S>"#)
        #expect(rows[1].fields == ["x", "", ""])
    }

    @Test("records are streamed across many chunks with the smallest chunk size")
    func manyChunks() throws {
        var xml =
            #"<?xml version="1.0" encoding="UTF-8"?>"#
            + "\n<NationalMap>\n<District code=\"SZR\"><Municipality code=\"SZR31\">\n"
        for i in 0..<3000 { xml += "<Service id=\"\(i)\" kind=\"Дневен център\" capacity=\"\(i % 40)\"/>\n" }
        xml += "</Municipality></District></NationalMap>\n"
        let path = try temporaryXML("many.xml", Array(xml.utf8))
        let reader = try XMLReader(path: path, options: XMLReadOptions(chunkSize: 4096))
        let rows = rows(try readAll(reader))
        #expect(rows.count == 3000)
        #expect(rows[2999].fields == ["SZR", "SZR31", "2999", "Дневен център", "39"])
        #expect(rows[2999].position.line == 3003)
        #expect(rows.map(\.position.recordIndex) == Array(0..<3000))
    }

    @Test("a repeated child field makes that record a problem, not a silent choice")
    func duplicateChild() throws {
        let xml = "<R><S><n>one</n><n>two</n></S><S><n>three</n></S></R>"
        let path = try temporaryXML("dup.xml", Array(xml.utf8))
        let mapping = try XMLRecordMapping(recordPath: "S", fields: ["n"])
        let results = try readAll(try XMLReader(path: path, options: XMLReadOptions(mapping: mapping)))
        guard case .problem(let problem) = results[0] else {
            Issue.record("expected a problem, got \(results[0])")
            return
        }
        #expect(problem.reason == .malformed)
        #expect(problem.column == "n")
        #expect(problem.position.line == 1 && problem.position.column == 4)
        #expect(rows(results).map(\.fields) == [["three"]])
    }

    @Test("byte offsets stay exact across chunks in windows-1251 (libxml2 converts, karta counts)")
    func offsetsAcrossChunks1251() throws {
        var xml =
            #"<?xml version="1.0" encoding="windows-1251"?>"# + "\r\n<Карта>\r\n<Община код=\"SZR31\">\r\n"
        for i in 0..<3000 { xml += "  <!-- №\(i) --><Услуга ид=\"\(i)\" вид=\"Дневен център\"/>\r\n" }
        xml += "</Община></Карта>\r\n"
        let bytes = encodeWindows1251(xml)
        let path = try temporaryXML("offsets-1251.xml", bytes)
        let reader = try XMLReader(path: path, options: XMLReadOptions(chunkSize: 4096))
        let rows = rows(try readAll(reader))
        #expect(rows.count == 3000)
        let tag = encodeWindows1251("<Услуга")
        for row in rows {
            let at = Int(row.position.byteOffset)
            #expect(Array(bytes[at..<(at + tag.count)]) == tag, "record \(row.position.recordIndex) at \(at)")
        }
        #expect(rows[2999].position.line == 3003)
        #expect(rows[2999].position.column == 17)  // 2 spaces + `<!-- №2999 -->` (14 characters)
    }
}

/// Encodes Bulgarian text as windows-1251 (Cyrillic А–я, №, ASCII), for generated fixtures.
func encodeWindows1251(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { scalar -> UInt8 in
        switch scalar.value {
        case 0..<0x80: return UInt8(scalar.value)
        case 0x410...0x44F: return UInt8(scalar.value - 0x410 + 0xC0)
        case 0x2116: return 0xB9
        default: return UInt8(ascii: "?")
        }
    }
}
