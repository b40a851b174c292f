import Foundation
import KartaModel
import Testing

@testable import KartaIngest

/// The XML reader's speed-ups (the Windows-1251 table, chunked SAX callbacks, repeated strings)
/// must not change a single byte of what it reads.
@Suite("XML reader: fast paths give the same records")
struct XMLFastPathTests {
    @Test("karta's Windows-1251 table transcodes every byte as the reference decoder does")
    func windows1251TableMatchesDecoder() throws {
        let input = XMLWindows1251Input(chunkSize: 4096)
        var bytes = (0...255).map(UInt8.init).filter { $0 != Windows1251.unassignedByte }
        // ASCII runs between Cyrillic letters, and the two-byte „№".
        bytes += Array("Община Айтос, ".utf8.filter { $0 < 0x80 }) + [0xC0, 0xE9, 0xF2, 0xEE, 0xF1]
        bytes += Array(repeating: UInt8(ascii: "x"), count: 17) + [0xB9, 0x20, 0x88]
        let outcome = bytes.withUnsafeBytes { input.transcode($0) }
        guard case .transcoded(let count) = outcome else {
            Issue.record("unexpected \(outcome)")
            return
        }
        let produced = String(decoding: UnsafeBufferPointer(start: input.output, count: count), as: UTF8.self)
        #expect(produced == Windows1251.decode(bytes))
    }

    @Test("the unassigned byte 0x98 is found wherever it is in a chunk")
    func unassignedByte() {
        let input = XMLWindows1251Input(chunkSize: 4096)
        for index in [0, 7, 8, 100] {
            var bytes = Array(repeating: UInt8(0xE0), count: 120)
            bytes[index] = 0x98
            #expect(bytes.withUnsafeBytes { input.transcode($0) } == .unassigned(index: index))
        }
    }

    @Test("a declared windows-1251 file reads the same whatever the chunk size: fields, lines, offsets")
    func windows1251ChunkSizes() throws {
        let path = xmlFixture("asp-export-cp1251.xml")
        let whole = rows(try readAll(XMLReader(path: path, options: XMLReadOptions(chunkSize: 1 << 20))))
        let small = rows(try readAll(XMLReader(path: path, options: XMLReadOptions(chunkSize: 4096))))
        #expect(!whole.isEmpty)
        #expect(whole == small)
        #expect(whole.map(\.position) == small.map(\.position))
        // The byte offset of each record points at its `<` in the file as stored (cp1251).
        let file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        for row in whole {
            #expect(file[Int(row.position.byteOffset)] == UInt8(ascii: "<"))
        }
    }

    @Test("raw texts stay intact over thousands of records read in many chunks")
    func rawTextsAcrossChunks() throws {
        // ~5,000 records of ~150 bytes: about 180 chunks of 4 KiB.
        var text = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<R>\n"
        for i in 0..<5000 {
            text += "<S ид=\"\(i)\" вид=\"Асистентска подкрепа\" име=\"Услуга номер \(i) в общината\"/>\n"
        }
        text += "</R>\n"
        let bytes = encodeWindows1251(text)
        let path = try temporaryXML("arenas.xml", bytes)
        let read = rows(try readAll(XMLReader(path: path, options: XMLReadOptions(chunkSize: 4096))))
        #expect(read.count == 5000)
        let wrong = (0..<read.count).filter {
            read[$0].rawText
                != "<S ид=\"\($0)\" вид=\"Асистентска подкрепа\" име=\"Услуга номер \($0) в общината\"/>"
        }
        #expect(wrong.isEmpty)
    }

    @Test("repeated long values share one String; unique ones are still right")
    func repeatedStrings() {
        var cache = RepeatedStringCache()
        let values = ["Асистентска подкрепа", "Дневен център за пълнолетни лица", "къс"]
        for round in 0..<3000 {
            let value = values[round % values.count]
            let got = Array(value.utf8).withUnsafeBufferPointer { cache.string($0) }
            #expect(got == value)
        }
        #expect(cache.isEnabled)

        var unique = RepeatedStringCache()
        for i in 0..<3000 {
            let value = "Услуга с неповторимо име № \(i)"
            #expect(Array(value.utf8).withUnsafeBufferPointer { unique.string($0) } == value)
        }
        #expect(!unique.isEnabled)
    }

    @Test("repeated-string cache: exact strings at every length around 8 and 16 bytes, in any order")
    func repeatedStringsExact() {
        // Neighbours that differ only in their last byte or their first, at lengths around the
        // eight-byte words the slot is hashed from; repeats of each, then all again reversed.
        var values: [String] = []
        for length in [1, 2, 7, 8, 9, 14, 15, 16, 17, 23, 24, 31, 40] {
            let stem = String(repeating: "7", count: length - 1)
            values += [stem + "1", stem + "1", stem + "2", "2" + stem, stem + "1", ""]
        }
        values += ["ЦОП", "ЦОП", "Асистентска подкрепа", "Асистентска подкрепа", "44", "37", "44", "00151"]
        values += values.reversed()
        var cache = RepeatedStringCache()
        let got = values.map { value in Array(value.utf8).withUnsafeBufferPointer { cache.string($0) } }
        #expect(got == values)
        #expect(got.map { Array($0.utf8) } == values.map { Array($0.utf8) })
        // Invalid UTF-8 is repaired as `String(decoding:as:)` repairs it, cached or not.
        let broken: [UInt8] = Array("Асистентска подкрепа".utf8) + [0xD0]
        for _ in 0..<3 {
            #expect(broken.withUnsafeBufferPointer { cache.string($0) } == String(decoding: broken, as: UTF8.self))
        }
    }

    /// A UTF-8 export that exercises the reader: child elements, entities, CDATA, comments,
    /// processing instructions, CRLF, long raw texts, a repeated child, missing attributes.
    private static func mixedExport(records: Int) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- export -->\n<Карта дата=\"2025\">\n"
        let kinds = ["Асистентска подкрепа", "ЦОП", "Дом &amp; грижа &lt;стари&gt;", "к&quot;в"]
        var i = 0
        for district in 0..<3 {
            xml += "  <Област код=\"D\(district)\" име=\"Област \(district)\">\n"
            for municipality in 0..<4 {
                xml +=
                    "    <Община код=\"M\(district)\(municipality)\" име=\"Община &amp; \(municipality)\">\r\n"
                for _ in 0..<(records / 12) {
                    i += 1
                    let kind = kinds[(i / 3) % kinds.count]
                    var attributes = " ид=\"S\(i)\" вид=\"\(kind)\" капацитет=\"\(i % 97)\""
                    if i % 5 != 0 { attributes += " наименование=\"ЦВН „Дъга“ № \(i) &#38; сие\"" }
                    if i % 23 == 0 {
                        attributes += " бележка=\"" + String(repeating: "Я", count: 1500 + i % 7) + "\""
                    }
                    switch i % 6 {
                    case 0:
                        xml += "      <Услуга\(attributes)><Вид>ЦОП</Вид><Вид>второ</Вид></Услуга>\n"
                    case 1, 2:
                        xml += "      <Услуга\(attributes)>\r\n        <Вид>a &amp; b <![CDATA[<x>]]></Вид>"
                        xml += "<Текст>\(String(repeating: "текст ", count: i % 400))</Текст></Услуга>\n"
                    case 3:
                        xml += "      <!-- c \(i) --><?pi \(i)?>\n"
                        xml += "      <Услуга\(attributes)><Празен/><Вид>  </Вид></Услуга>\n"
                    default:
                        xml += "      <Услуга\(attributes)/>\n"
                    }
                }
                xml += "    </Община>\n"
            }
            xml += "  </Област>\n"
        }
        return xml + "</Карта>\n"
    }

    @Test(
        "records read in pieces across chunks are the same at every chunk size: fields, problems, provenance, raw text"
    )
    func recordsAcrossChunks() throws {
        let text = Self.mixedExport(records: 2400)
        let path = try temporaryXML("mixed.xml", Array(text.utf8))
        let whole = try readAll(XMLReader(path: path, options: XMLReadOptions(chunkSize: 1 << 22)))
        #expect(whole.count == 2400)
        for chunkSize in [4096, 4099, 65536] {
            let pieces = try readAll(XMLReader(path: path, options: XMLReadOptions(chunkSize: chunkSize)))
            #expect(pieces.count == whole.count)
            // The first record that differs, if any (not all of them: they are long).
            let differing = zip(pieces, whole).enumerated().first(where: {
                $0.element.0 != $0.element.1 || $0.element.0.sourcePosition != $0.element.1.sourcePosition
            })?.offset
            #expect(
                differing == nil,
                "chunk size \(chunkSize): \(differing.map { String(describing: pieces[$0]) } ?? "")")
        }
        // Each record's byte offset is its `<` in the file, line and column included.
        let file = Array(text.utf8)
        var line = 1
        var lineStart = 0
        var scanned = 0
        for result in whole {
            let position = result.sourcePosition
            let offset = Int(position.byteOffset)
            #expect(file[offset] == UInt8(ascii: "<"))
            while scanned < offset {
                if file[scanned] == 0x0A {
                    line += 1
                    lineStart = scanned + 1
                }
                scanned += 1
            }
            #expect(position.line == line)
            #expect(position.column == String(decoding: file[lineStart..<offset], as: UTF8.self).count + 1)
        }
        let problems = whole.filter { if case .problem = $0 { true } else { false } }
        #expect(problems.count == 400)
        let rows = rows(whole)
        // Record 7 (i = 7): kind 2, child text with an entity and CDATA, a name with `&#38;`.
        let header = try XMLReader(path: path).description.header
        let fields = Dictionary(uniqueKeysWithValues: zip(header, rows[5].fields))
        #expect(fields["@ид"] == "S7")
        #expect(fields["@вид"] == "Дом & грижа <стари>")
        #expect(fields["@наименование"] == "ЦВН „Дъга“ № 7 & сие")
        #expect(fields["Вид"] == "a & b <x>")
        #expect(fields["Текст"] == String(repeating: "текст ", count: 7))
        #expect(fields["../@код"] == "M00")
        #expect(fields["../../@име"] == "Област 0")
        #expect(
            rows[5].rawText
                == "<Услуга ид=\"S7\" вид=\"Дом &amp; грижа &lt;стари&gt;\" капацитет=\"7\" наименование=\"ЦВН „Дъга“ № 7 &#38; сие\">"
                + "<Вид>a &amp; b &lt;x></Вид><Текст>\(String(repeating: "текст ", count: 7))</Текст></Услуга>"
        )
    }

    @Test("a raw text over the limit is cut at the last whole character within it, then `…`")
    func rawTextCut() throws {
        // 7 ASCII bytes, then two-byte letters: byte 64 is the second byte of a letter.
        let long = "<S a=\"x" + String(repeating: "Я", count: 100) + "\"/>"
        let child = "<S><n>" + String(repeating: "ж", count: 100) + "</n></S>"
        let path = try temporaryXML("cut.xml", Array("<R>\(long)\(child)<S a=\"y\"/></R>".utf8))
        let mapping = try XMLRecordMapping(recordPath: "S", fields: ["@a", "n"])
        let rows = rows(
            try readAll(XMLReader(path: path, options: XMLReadOptions(mapping: mapping, rawTextLimit: 64))))
        #expect(
            rows.map(\.rawText) == [
                "<S a=\"x" + String(repeating: "Я", count: 28) + "…",
                "<S><n>" + String(repeating: "ж", count: 29) + "…",
                "<S a=\"y\"/>",
            ])
        #expect(rows[1].fields == ["", String(repeating: "ж", count: 100)])
    }

    @Test("rows a consumer keeps never change while later rows are read")
    func keptRowsStayIntact() throws {
        let path = try temporaryXML("kept.xml", Array(Self.mixedExport(records: 1200).utf8))
        // What each row holds the moment it arrives.
        func snapshots(keeping window: Int) throws -> [[String]] {
            let reader = try XMLReader(path: path, options: XMLReadOptions(chunkSize: 4096))
            var kept: [RawRow] = []
            var seen: [[String]] = []
            while let result = try reader.next() {
                guard case .row(let row) = result else { continue }
                seen.append(row.fields.map { String(decoding: Array($0.utf8), as: UTF8.self) })
                kept.append(row)
                if kept.count > window { kept.removeFirst() }
                // Every row still kept has the fields it arrived with (checked at each step
                // for small windows).
                if window <= 16 { check(kept, seen, window) }
            }
            check(kept, seen, window)
            return seen
        }
        func check(_ kept: [RawRow], _ seen: [[String]], _ window: Int) {
            for (offset, row) in kept.enumerated() where row.fields != seen[seen.count - kept.count + offset]
            {
                Issue.record("row \(seen.count - kept.count + offset) changed while kept (window \(window))")
            }
        }
        let streamed = try snapshots(keeping: 0)
        for window in [1, 7, 8, 9, 300] {
            #expect(try snapshots(keeping: window) == streamed, "window \(window)")
        }
        let all = rows(try readAll(XMLReader(path: path)))
        #expect(all.map(\.fields) == streamed)
    }
}

extension RawRowResult {
    fileprivate var sourcePosition: SourcePosition {
        switch self {
        case .row(let row): row.position
        case .problem(let problem): problem.position
        }
    }
}
