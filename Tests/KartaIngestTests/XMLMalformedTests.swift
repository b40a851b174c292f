import KartaModel
import Testing

@testable import KartaIngest

@Suite("XML reader: malformed files fail whole, with libxml2's line and column")
struct XMLMalformedTests {
    @Test("an unclosed tag")
    func unclosedTag() throws {
        let error = try #require(readError(xmlFixture("malformed-unclosed-tag.xml")))
        #expect(error.kind == .malformed)
        #expect(error.line == 8 && error.column == 20)
        #expect(error.reason.contains("Opening and ending tag mismatch: Service line 6 and Municipality"))
        #expect(
            error.description.hasPrefix(
                xmlFixture("malformed-unclosed-tag.xml") + ":8:20: malformed XML (libxml2: "))
    }

    @Test("a byte that is not UTF-8 in a file declared UTF-8")
    func badEncodingByte() throws {
        let error = try #require(readError(xmlFixture("malformed-bad-encoding-byte.xml")))
        #expect(error.kind == .malformed)
        #expect(error.line == 4 && error.column == 38)
        #expect(error.reason.contains("Input is not proper UTF-8"))
        #expect(error.reason.contains("0xD1"))
    }

    @Test("a truncated file fails at its end even though earlier records were read")
    func truncated() throws {
        let reader = try XMLReader(path: xmlFixture("malformed-truncated.xml"))
        var read = 0
        var failure: XMLReadError?
        do {
            while try reader.next() != nil { read += 1 }
        } catch let error as XMLReadError {
            failure = error
        }
        let error = try #require(failure)
        #expect(read == 5)  // what the caller got before the throw, and must drop
        #expect(error.kind == .malformed)
        #expect(error.line == 16)
    }

    @Test("a byte windows-1251 does not define (0x98) is an encoding error")
    func undefinedWindows1251Byte() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<R>\n<S a=\"".utf8)
        bytes += [0xC0, 0x98, 0xC1]
        bytes += Array("\"/>\n</R>\n".utf8)
        let path = try temporaryXML("cp1251-bad.xml", bytes)
        let error = try #require(readError(path))
        #expect(error.kind == .malformed)
        // karta transcodes Windows-1251 itself, so it names the exact place: line 3, column 8
        // (`<S a="` then `А` — the 0x98 is the 8th character), byte offset 57.
        #expect(error.line == 3)
        #expect(error.column == 8)
        #expect(error.description.contains("0x98"))
        #expect(error.description.contains("byte offset 57"))
        #expect(error.description.contains("windows-1251"))
    }

    @Test("an unreadable path is reported, not crashed on")
    func missingFile() throws {
        let error = try #require(readError("/nonexistent/karta/file.xml"))
        #expect(error.kind == .unreadable)
    }
}
