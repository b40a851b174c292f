import Foundation
import KartaModel
import Testing

@testable import KartaIngest

/// The XML reader's speed-ups must not change a single byte of what it reads.
@Suite("XML reader: fast paths give the same records")
struct XMLFastPathTests {
    @Test("karta's Windows-1251 table transcodes every byte as the reference decoder does")
    func windows1251TableMatchesDecoder() throws {
        let input = XMLWindows1251Input(chunkSize: 4096)
        var bytes = (0...255).map(UInt8.init).filter { $0 != Windows1251.unassignedByte }
        // ASCII runs long enough for the eight-byte path, between Cyrillic letters.
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

    @Test("raw texts stay intact when records fill several shared arenas")
    func rawTextsAcrossArenas() throws {
        // ~5,000 records of ~150 bytes: more than two 256 KiB arenas of raw text.
        var text = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<R>\n"
        for i in 0..<5000 {
            text += "<S ид=\"\(i)\" вид=\"Асистентска подкрепа\" име=\"Услуга номер \(i) в общината\"/>\n"
        }
        text += "</R>\n"
        let bytes = encodeWindows1251(text)
        let path = try temporaryXML("arenas.xml", bytes)
        let read = rows(try readAll(XMLReader(path: path)))
        #expect(read.count == 5000)
        for i in [0, 1746, 1747, 3499, 4999] {
            #expect(
                read[i].rawText
                    == "<S ид=\"\(i)\" вид=\"Асистентска подкрепа\" име=\"Услуга номер \(i) в общината\"/>")
        }
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
}
