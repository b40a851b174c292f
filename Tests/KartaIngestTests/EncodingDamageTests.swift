import KartaModel
import Foundation
import Testing

@testable import KartaIngest

/// A UTF-8 export with one damaged byte is a damaged UTF-8 file, not a file in another encoding:
/// the message names UTF-8 and the byte offset instead of doubting Windows-1251.
@Suite("Encoding detection: damaged UTF-8")
struct EncodingDamageTests {
    static let header = Array("Област,Община,Вид на услугата,Капацитет\n".utf8)

    @Test("invalid bytes after UTF-8 Cyrillic text are reported as invalid UTF-8 at their offset")
    func damagedUTF8() {
        let sample = Self.header + Array("Стара Загора,".utf8) + [0xFF, 0xFE] + Array(" ЦОП,30\n".utf8)
        let offset = Self.header.count + "Стара Загора,".utf8.count
        #expect(
            EncodingDetection.detect(sample: sample, isWholeFile: true) == .invalidUTF8(byteOffset: offset))
    }

    @Test("Windows-1251 Cyrillic is still Windows-1251, not damaged UTF-8")
    func windows1251Unaffected() {
        // „Община;Русе" in Windows-1251.
        let sample: [UInt8] = [0xCE, 0xE1, 0xF9, 0xE8, 0xED, 0xE0, 0x3B, 0xD0, 0xF3, 0xF1, 0xE5, 0x0A]
        #expect(EncodingDetection.detect(sample: sample, isWholeFile: true) == .encoding(.windows1251))
    }

    @Test("the CSV reader refuses the committed fixture naming UTF-8 and the offset")
    func fixtureRefused() throws {
        let path = CSVFixtures.directory.deletingLastPathComponent().appendingPathComponent(
            "hostile/invalid-utf8-in-utf8.csv"
        ).path
        #expect {
            _ = try CSVReader(path: path)
        } throws: { error in
            "\(error)".contains("byte offset 148 is not valid UTF-8")
        }
    }
}
