import Foundation
import Testing

import KartaModel
@testable import KartaGen

@Suite("karta-gen writes valid encodings")
struct EncodingTests {
    @Test("Windows-1251 round-trips Bulgarian text, typographic quotes and №")
    func cp1251RoundTrip() throws {
        let text = "Център „Детелина“ № 3 — Ямбол, ЁЪЬ"
        let bytes = try cp1251(text)
        #expect(bytes.count == text.unicodeScalars.count)
        #expect(Windows1251.decodeExactly(bytes) == text)
        #expect(bytes[0] == 0xD6)  // Ц
        #expect(try cp1251("№") == [0xB9])
        #expect(throws: GeneratorError.self) { try cp1251("ѝ") }
    }

    @Test("cp1251 files decode as Windows-1251, hold no byte 0x98 and are not UTF-8")
    func cp1251FilesAreValid() throws {
        let dataset = try GeneratedDataset()
        defer { dataset.remove() }
        let files = dataset.expected.files.filter { $0.encoding == "windows-1251" }
        #expect(files.count >= 132 + 14 + 1)
        for file in files {
            let bytes = try dataset.bytes(file.path)
            let decoded = try #require(Windows1251.decodeExactly(bytes), "\(file.path) has an unassigned byte")
            #expect(decoded.contains("ва"))
            #expect(String(validating: bytes, as: UTF8.self) == nil, "\(file.path) looks like UTF-8")
            let foundation = String(data: Data(bytes), encoding: .windowsCP1251)
            #expect(foundation == decoded)
        }
    }

    @Test("UTF-8 files are valid UTF-8; only the -BOM ones start with a byte order mark")
    func utf8FilesAreValid() throws {
        let dataset = try GeneratedDataset()
        defer { dataset.remove() }
        let files = dataset.expected.files.filter { $0.encoding.hasPrefix("UTF-8") }
        #expect(files.count >= 132)
        #expect(files.contains { $0.encoding == "UTF-8-BOM" })
        for file in files {
            let bytes = try dataset.bytes(file.path)
            #expect(String(validating: bytes, as: UTF8.self) != nil, "\(file.path) is not UTF-8")
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]) == (file.encoding == "UTF-8-BOM"))
        }
    }
}
