import KartaModel
import Testing

@testable import KartaIngest

@Suite("Encodings: detection, decoding, and refusing bytes that do not fit")
struct EncodingTests {
    private func windows1251(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar in
            if scalar.value < 0x80 { return UInt8(scalar.value) }
            guard let index = Windows1251.upperHalf.firstIndex(of: scalar.value) else { return 0x3F }
            return UInt8(0x80 + index)
        }
    }

    @Test("BOMs decide first: UTF-8, UTF-16LE, UTF-16BE")
    func byteOrderMarks() {
        #expect(
            EncodingDetection.detect(sample: [0xEF, 0xBB, 0xBF, 0x41], isWholeFile: true)
                == .encoding(.utf8BOM))
        #expect(
            EncodingDetection.detect(sample: [0xFF, 0xFE, 0x41, 0x00], isWholeFile: true)
                == .encoding(.utf16LE))
        #expect(
            EncodingDetection.detect(sample: [0xFE, 0xFF, 0x00, 0x41], isWholeFile: true)
                == .encoding(.utf16BE))
    }

    @Test("valid UTF-8 is UTF-8; a sequence cut by the sample's end does not spoil it")
    func utf8Validity() {
        let text = Array("Община;Капацитет\nКазанлък;30\n".utf8)
        #expect(EncodingDetection.detect(sample: text, isWholeFile: true) == .encoding(.utf8))
        #expect(
            EncodingDetection.detect(sample: Array(text.dropLast(4)) + [0xD0], isWholeFile: false)
                == .encoding(.utf8))
    }

    @Test("Bulgarian text in Windows-1251 is recognised by its letter frequencies")
    func windows1251Frequencies() {
        let sample = windows1251("Дневен център за пълнолетни лица с увреждания;Община Казанлък;30\n")
        #expect(EncodingDetection.detect(sample: sample, isWholeFile: true) == .encoding(.windows1251))
    }

    @Test("KOI8-R text is not taken for Windows-1251")
    func koi8IsRefused() throws {
        #expect {
            try CSVReader(path: CSVFixtures.path("koi8r-not-cp1251.csv"))
        } throws: { error in
            guard case .unknownEncoding(_, let reason) = error as? IngestError else { return false }
            return reason.contains("KOI8-R")
        }
    }

    @Test("NUL bytes mean a binary file, with the offset of the first one")
    func binaryGarbage() throws {
        #expect(throws: IngestError.binary(path: CSVFixtures.path("binary-garbage.csv"), byteOffset: 5)) {
            try CSVReader(path: CSVFixtures.path("binary-garbage.csv"))
        }
    }

    @Test("a NUL byte after the sniffer's sample still refuses the file, at its exact offset")
    func binaryAfterSample() throws {
        var bytes = Array("a;b\n".utf8)
        for _ in 0..<100 { bytes += Array("1;2\n".utf8) }
        let offset = bytes.count + 2
        bytes += Array("3;".utf8) + [0] + Array("4\n".utf8)
        let path = try CSVFixtures.temporaryFile(bytes)
        #expect(throws: IngestError.binary(path: path, byteOffset: Int64(offset))) {
            try CSVFixtures.read(path: path, CSVReadOptions(chunkBytes: 64, sampleBytes: 32))
        }
    }

    @Test("a Windows-1251 file declared as UTF-8 is refused at the first bad byte, suggesting windows-1251")
    func declaredWrongEncoding() throws {
        let path = CSVFixtures.path("cp1251-semicolon-title-rows.csv")
        #expect(
            throws: IngestError.invalidEncoding(
                path: path, encoding: "UTF-8", byteOffset: 0, suggestion: "windows-1251")
        ) {
            try CSVReader(path: path, options: CSVReadOptions(encoding: .utf8))
        }
    }

    @Test("invalid UTF-8 after the sample is refused at its exact offset")
    func invalidUTF8Later() throws {
        var bytes = Array("Община;Капацитет\n".utf8)
        for _ in 0..<50 { bytes += Array("Казанлък;30\n".utf8) }
        let offset = bytes.count + 8
        bytes += Array("Опан".utf8) + windows1251("Опан") + Array(";5\n".utf8)
        let path = try CSVFixtures.temporaryFile(bytes)
        #expect {
            try CSVFixtures.read(path: path, CSVReadOptions(chunkBytes: 100, sampleBytes: 64))
        } throws: { error in
            guard case .invalidEncoding(_, "UTF-8", let at, _) = error as? IngestError else { return false }
            return at == Int64(offset)
        }
    }

    @Test("the unassigned byte 0x98 is not Windows-1251")
    func unassignedByte() throws {
        let bytes = windows1251("Община;Капацитет\nОпан;5\n") + [0x98] + Array(";\n".utf8)
        let path = try CSVFixtures.temporaryFile(bytes)
        #expect {
            try CSVFixtures.read(path: path, CSVReadOptions(encoding: .windows1251))
        } throws: { error in
            guard case .invalidEncoding(_, "windows-1251", let at, _) = error as? IngestError else {
                return false
            }
            return at == Int64(bytes.count - 3)
        }
    }

    @Test("an unpaired UTF-16 surrogate is refused at its offset")
    func unpairedSurrogate() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "a;b\n1;".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        bytes += [0x00, 0xDC, 0x32, 0x00, 0x0A, 0x00]
        let path = try CSVFixtures.temporaryFile(bytes)
        #expect(
            throws: IngestError.invalidEncoding(
                path: path, encoding: "UTF-16LE", byteOffset: 14, suggestion: nil)
        ) {
            try CSVFixtures.read(path: path)
        }
    }

    @Test("the encoding can be declared: a UTF-8-looking ASCII file read as windows-1251")
    func declaredEncoding() throws {
        let file = try CSVFixtures.read(
            "cp1251-semicolon-title-rows.csv", CSVReadOptions(encoding: .windows1251))
        #expect(file.description.encoding == "windows-1251")
        #expect(file.rows.count == 5)
    }

    @Test("encoding names as people type them")
    func names() {
        #expect(TextEncoding(name: "cp1251") == .windows1251)
        #expect(TextEncoding(name: "Windows-1251") == .windows1251)
        #expect(TextEncoding(name: "utf8") == .utf8)
        #expect(TextEncoding(name: "UTF-16BE") == .utf16BE)
        #expect(TextEncoding(name: "latin1") == nil)
    }

    @Test("the Windows-1251 table decodes every assigned byte like the standard code page")
    func windows1251Table() {
        let table = Windows1251.makeUTF8Table()
        defer { table.deallocate() }
        for byte in 0..<256 where byte != 0x98 {
            let scalar = byte < 0x80 ? UInt32(byte) : Windows1251.upperHalf[byte - 0x80]
            let expected = Array(String(Character(Unicode.Scalar(scalar)!)).utf8)
            let packed = table[byte]
            let length = Int(packed >> 24)
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: packed >> (8 * $0)) }
            #expect(bytes == expected, "byte \(byte)")
        }
        #expect(Windows1251.decode([0xC0, 0xFF, 0xB9]) == "Ая№")
    }

    @Test("UTF-16 without a BOM is not called binary: the message names the encoding to set")
    func bomlessUTF16() throws {
        var bytes: [UInt8] = []
        for unit in "Община;Капацитет\r\nОпан;5\r\n".utf16 {
            bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let path = try CSVFixtures.temporaryFile(bytes)
        #expect {
            try CSVReader(path: path)
        } throws: { error in
            guard case .unknownEncoding(_, let reason) = error as? IngestError else { return false }
            return reason.contains("set --encoding UTF-16LE")
        }
        let file = try CSVFixtures.read(path: path, CSVReadOptions(encoding: .utf16LE))
        #expect(file.rows.map(\.fields) == [["Опан", "5"]])
        #expect(file.rows.first?.position.byteOffset == 36)
    }
}

@Suite("UTF-8 validation agrees with the standard library")
struct UTF8ValidationTests {
    @Test("random mixes of ASCII, Cyrillic, three- and four-byte characters and broken bytes")
    func agreesWithStandardLibrary() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func random(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array(" ;".utf8), Array("Общ".utf8), Array("€".utf8), Array("😀".utf8),
            [0xC0, 0x80], [0xC1, 0xBF], [0xD0], [0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
            [0xF4, 0x90, 0x80, 0x80],
            [0xFF], Array("ятъ".utf8),
        ]
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<random(24) { bytes += pieces[random(random(3) == 0 ? pieces.count : 4)] }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            let outcome = bytes.withUnsafeBufferPointer { UTF8Validation.validate($0) }
            switch outcome {
            case .valid(let tail) where tail == 0:
                #expect(expected, "\(bytes)")
            case .valid(let tail):
                #expect(!expected)
                #expect(String(validating: bytes.dropLast(tail), as: UTF8.self) != nil, "\(bytes)")
            case .invalid(let index):
                #expect(!expected, "\(bytes)")
                #expect(String(validating: bytes[..<index], as: UTF8.self) != nil, "\(bytes) at \(index)")
            }
        }
    }

    @Test("NUL is refused even inside ASCII words")
    func nul() {
        let bytes = Array("abcdefgh".utf8) + [0] + Array("ijklmnop".utf8)
        #expect(bytes.withUnsafeBufferPointer { UTF8Validation.validate($0) } == .invalid(at: 8))
    }
}
