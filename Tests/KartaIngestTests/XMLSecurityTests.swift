import Foundation
import KartaModel
import Testing

@testable import KartaIngest

@Suite("XML reader: hostile files are refused")
struct XMLSecurityTests {
    static let entityRefusal = "refused: the file declares entities (possible entity expansion / XXE attack)"

    @Test(
        "a file that declares entities is refused before any is expanded or loaded",
        arguments: [
            ("hostile-xxe-local-file.xml", 3, "secret"), ("hostile-xxe-http.xml", 3, "remote"),
            ("hostile-billion-laughs.xml", 3, "lol"), ("hostile-quadratic-blowup.xml", 3, "a"),
            ("hostile-parameter-entity.xml", 3, "file"),
        ])
    func entitiesRefused(file: String, line: Int, entity: String) throws {
        let error = try #require(readError(xmlFixture(file)))
        #expect(error.kind == .refused)
        #expect(error.isRefusal)
        #expect(error.line == line)
        #expect(error.description.contains(Self.entityRefusal))
        #expect(error.description.contains("entity `\(entity)`"))
    }

    @Test(
        "an entity declared in a UTF-16 document is refused like one in UTF-8",
        arguments: [true, false])
    func entitiesRefusedInUTF16(littleEndian: Bool) throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-16"?>
            <!DOCTYPE R [<!ENTITY a "ааааааааааааааааааааааааааааааааа">]>
            <R><Услуга вид="&a;"/></R>
            """
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in xml.utf16 {
            let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
            bytes += littleEndian ? [low, high] : [high, low]
        }
        let error = try #require(readError(try temporaryXML("entity-utf16.xml", bytes)))
        #expect(error.kind == .refused)
        #expect(error.line == 2)
        #expect(error.description.contains(Self.entityRefusal))
        #expect(error.description.contains("entity `a`"))
    }

    @Test("the contents of a local file named by an entity appear nowhere")
    func noLeak() throws {
        let secret = "karta-secret-\(UUID().uuidString)"
        let secretPath = try temporaryXML("secret.txt", Array(secret.utf8))
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE R [<!ENTITY s SYSTEM "file://\(secretPath)">]>
            <R><S a="&s;">&s;</S><S a="&s;"/></R>
            """
        let path = try temporaryXML("xxe.xml", Array(xml.utf8))
        let error = try #require(readError(path))
        #expect(error.kind == .refused)
        #expect(!error.description.contains(secret))
        #expect(!error.reason.contains(secret))
    }

    @Test("an entity used but declared only in an external DTD (never loaded) refuses the file")
    func undeclaredExternalEntity() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE R SYSTEM "http://attacker.example/r.dtd">
            <R><S a="1">&outside;</S><S a="2"/></R>
            """
        let path = try temporaryXML("ext.xml", Array(xml.utf8))
        let error = try #require(readError(path))
        #expect(error.kind == .refused)
        #expect(error.reason.contains("not declared"))
    }

    @Test("an external DTD without entity use is never fetched and the records are read")
    func externalDTDIgnored() throws {
        let reader = try XMLReader(path: xmlFixture("external-dtd-not-fetched.xml"))
        let rows = rows(try readAll(reader))
        #expect(
            rows.map(\.fields) == [
                ["VAR", "Varna", "VAR06", "Varna", "VAR06-001", "Day centre for elderly people", "25", "21"]
            ])
    }

    @Test("300 levels of nesting exceed the default limit of 256")
    func deepNesting() throws {
        let error = try #require(readError(xmlFixture("hostile-deep-nesting-300.xml")))
        #expect(error.kind == .refused)
        #expect(error.reason == "the elements nest deeper than 256 levels (limit maxDepth)")
        #expect(error.line == 3)
    }

    @Test("the nesting limit is configurable")
    func nestingLimit() throws {
        let xml = "<a><b><c><d x=\"1\"/><d x=\"2\"/></c></b></a>"
        let path = try temporaryXML("nest.xml", Array(xml.utf8))
        #expect(readError(path, options: XMLReadOptions(limits: XMLReadLimits(maxDepth: 4))) == nil)
        let error = try #require(readError(path, options: XMLReadOptions(limits: XMLReadLimits(maxDepth: 3))))
        #expect(error.reason.contains("deeper than 3 levels"))
    }

    @Test("an oversized attribute value is refused (libxml2's own 10,000,000-byte cap or ours)")
    func oversizedAttribute() throws {
        var xml = Array("<?xml version=\"1.0\"?>\n<R><S a=\"".utf8)
        xml += [UInt8](repeating: UInt8(ascii: "x"), count: 11 * 1024 * 1024)
        xml += Array("\"/><S a=\"1\"/></R>\n".utf8)
        let path = try temporaryXML("big-attribute.xml", xml)
        let error = try #require(
            readError(
                path, options: XMLReadOptions(mapping: try XMLRecordMapping(recordPath: "S", fields: ["@a"])))
        )
        #expect(error.kind == .refused)
        #expect(error.line == 2)
        let small = try #require(
            readError(
                path,
                options: XMLReadOptions(
                    mapping: try XMLRecordMapping(recordPath: "S", fields: ["@a"]),
                    limits: XMLReadLimits(maxValueBytes: 1024 * 1024))))
        #expect(small.kind == .refused)
    }

    @Test("a text node over the limit is refused")
    func oversizedText() throws {
        var xml = Array("<R><S a=\"1\">".utf8)
        xml += [UInt8](repeating: UInt8(ascii: "y"), count: 300_000)
        xml += Array("</S></R>".utf8)
        let path = try temporaryXML("big-text.xml", xml)
        let mapping = try XMLRecordMapping(recordPath: "S", fields: ["@a"])
        let error = try #require(
            readError(
                path, options: XMLReadOptions(mapping: mapping, limits: XMLReadLimits(maxValueBytes: 100_000))
            ))
        #expect(error.reason == "a text node is larger than 100000 bytes (limit maxValueBytes)")
        #expect(readError(path, options: XMLReadOptions(mapping: mapping)) == nil)
    }

    @Test("a file over the size limit is refused")
    func oversizedFile() throws {
        var xml = "<R>"
        for i in 0..<2000 { xml += "<S a=\"\(i)\"/>" }
        xml += "</R>"
        let path = try temporaryXML("size.xml", Array(xml.utf8))
        let error = try #require(
            readError(
                path, options: XMLReadOptions(limits: XMLReadLimits(maxFileBytes: 10_000), chunkSize: 4096)))
        #expect(error.kind == .refused)
        #expect(error.reason.contains("larger than 10000 bytes"))
    }
}
