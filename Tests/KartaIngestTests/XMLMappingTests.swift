import KartaModel
import Testing

@testable import KartaIngest

@Suite("XML record mapping and detection")
struct XMLMappingTests {
    @Test("field paths: attribute, child text, ancestor attributes")
    func fieldPaths() throws {
        #expect(try XMLFieldPath(parsing: "@вид") == .attribute("вид"))
        #expect(try XMLFieldPath(parsing: "Капацитет") == .childText("Капацитет"))
        #expect(try XMLFieldPath(parsing: "../@код") == .ancestorAttribute(levels: 1, name: "код"))
        #expect(try XMLFieldPath(parsing: "../../@име") == .ancestorAttribute(levels: 2, name: "име"))
        #expect(throws: XMLMappingError.self) { try XMLFieldPath(parsing: "../Община") }
        #expect(throws: XMLMappingError.self) { try XMLFieldPath(parsing: "@") }
        #expect(throws: XMLMappingError.self) { try XMLRecordMapping(recordPath: "/", fields: [String]()) }
    }

    @Test("named fields: the header takes the mapping's names, values come from ancestors")
    func namedFields() throws {
        let mapping = try XMLRecordMapping(
            recordPath: "Услуга",
            fields: [
                XMLField(name: "област", path: .ancestorAttribute(levels: 2, name: "име")),
                XMLField(name: "община", path: .ancestorAttribute(levels: 1, name: "код")),
                XMLField(name: "места", path: .attribute("капацитет")),
                XMLField(name: "дата", path: .ancestorAttribute(levels: 3, name: "дата")),
                XMLField(name: "няма", path: .ancestorAttribute(levels: 9, name: "код")),
            ])
        let reader = try XMLReader(
            path: xmlFixture("asp-export-cp1251.xml"), options: XMLReadOptions(mapping: mapping))
        #expect(reader.description.header == ["област", "община", "места", "дата", "няма"])
        let rows = rows(try readAll(reader))
        #expect(rows[4].fields == ["Стара Загора", "SZR12", "40", "31.12.2025", ""])
        #expect(rows[5].fields == ["Пловдив", "PDV22", "12", "31.12.2025", ""])
    }

    @Test("a full record path matches only at that path")
    func fullPathOnly() throws {
        let xml = "<R><S a=\"top\"/><G><S a=\"nested\"/></G><S a=\"top2\"/></R>"
        let path = try temporaryXML("paths.xml", Array(xml.utf8))
        let full = try XMLRecordMapping(recordPath: "R/S", fields: ["@a"])
        #expect(
            rows(try readAll(try XMLReader(path: path, options: XMLReadOptions(mapping: full)))).map(\.fields)
                == [["top"], ["top2"]])
        let anywhere = try XMLRecordMapping(recordPath: "S", fields: ["@a"])
        #expect(
            rows(try readAll(try XMLReader(path: path, options: XMLReadOptions(mapping: anywhere)))).count
                == 3)
    }

    @Test(
        "without a mapping: the most frequent element with attributes is the record, ancestors' attributes first"
    )
    func detection() throws {
        let reader = try XMLReader(path: xmlFixture("asp-export-cp1251.xml"))
        #expect(reader.mapping.recordPath == "НационалнаКарта/Област/Община/Услуга")
        #expect(reader.description.recordElement == "Услуга")
        #expect(
            reader.description.header == [
                "../../../@дата", "../../../@източник", "../../@код", "../../@име", "../@код", "../@име",
                "@ид", "@вид",
                "@целева_група", "@капацитет", "@потребители", "@финансиране",
            ])
        let rows = rows(try readAll(reader))
        #expect(rows.count == 8)
        #expect(
            rows[0].fields[0...6] == [
                "31.12.2025", "АСП", "SZR", "Стара Загора", "SZR31", "Стара Загора", "SZR31-001",
            ])
    }

    @Test("detection picks leaf child elements as fields, and skips elements that only hold text")
    func detectionChildren() throws {
        let reader = try XMLReader(path: xmlFixture("municipal-register-utf16-child-elements.xml"))
        #expect(reader.description.recordElement == "Услуга")
        #expect(reader.description.header == ["../@код", "@ид", "Наименование", "Капацитет", "Потребители"])
        #expect(reader.description.headerLine == 4)
    }

    @Test("what `karta inspect` shows: encoding, record element, field names, records")
    func inspectNeeds() throws {
        let reader: any RawRowSource = try XMLReader(path: xmlFixture("asp-export-utf8-english.xml"))
        #expect(reader.description.encoding == "UTF-8")
        #expect(reader.description.recordElement == "Service")
        #expect(reader.description.header.contains("@kind"))
        guard case .row(let first) = try reader.next() else {
            Issue.record("no first record")
            return
        }
        #expect(first.fields.count == reader.description.header.count)
    }

    @Test("a document without repeating data has no record element")
    func noRecords() throws {
        let path = try temporaryXML("empty.xml", Array("<?xml version=\"1.0\"?><R/>".utf8))
        #expect(readError(path)?.kind == .noRecords)
    }

    @Test("looksLikeXML: declarations, BOMs, UTF-16; not CSV")
    func sniffing() {
        #expect(XMLReader.looksLikeXML(prefix: Array("<?xml version=\"1.0\"?>".utf8)))
        #expect(XMLReader.looksLikeXML(prefix: [0xEF, 0xBB, 0xBF] + Array("\n <NationalMap>".utf8)))
        #expect(XMLReader.looksLikeXML(prefix: [0xFF, 0xFE, 0x3C, 0x00, 0x3F, 0x00]))
        #expect(XMLReader.looksLikeXML(prefix: Array("<Услуга/>".utf8)))
        #expect(!XMLReader.looksLikeXML(prefix: Array("Община;Услуга;Капацитет\n".utf8)))
        #expect(!XMLReader.looksLikeXML(prefix: Array("a<b\n".utf8)))
        #expect(!XMLReader.looksLikeXML(prefix: [UInt8]()))
    }
}
