import KartaModel
import Testing

@testable import KartaIngest

@Suite("CSV reader on hostile and random input: never crashes, never depends on chunk boundaries")
struct CSVRobustnessTests {
    /// A small deterministic generator (xorshift), so that failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
    }

    /// CSV-like text made of the pieces that break readers: quotes, delimiters, CR, LF, Cyrillic.
    static func randomCSV(seed: UInt64, length: Int) -> [UInt8] {
        var generator = Generator(state: seed)
        let pieces: [String] = [
            "Община", ";", ";", "\"", "\"\"", "\n", "\r\n", "\r", "12,5", " ", "Опан", "a",
        ]
        var bytes = Array("Община;Услуга;Капацитет\n".utf8)
        while bytes.count < length { bytes += Array(pieces[generator.next(pieces.count)].utf8) }
        return bytes
    }

    @Test(
        "random quote/delimiter/newline soup: same results with 16-byte chunks as with one chunk",
        arguments: 1...40)
    func randomInputChunkIndependence(seed: Int) throws {
        let bytes = Self.randomCSV(seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1, length: 600)
        let path = try CSVFixtures.temporaryFile(bytes)
        let options = CSVReadOptions(delimiter: UInt8(ascii: ";"), headerLine: 1, allowHeaderOnly: true)
        var small = options
        small.chunkBytes = 16
        let whole = try CSVFixtures.read(path: path, options)
        let chunked = try CSVFixtures.read(path: path, small)
        #expect(chunked.results == whole.results)
        // Provenance only moves forward and stays inside the file.
        let offsets = whole.results.map { result -> Int64 in
            switch result {
            case .row(let row): row.position.byteOffset
            case .problem(let problem): problem.position.byteOffset
            }
        }
        #expect(offsets == offsets.sorted())
        #expect(offsets.allSatisfy { $0 >= 0 && $0 < Int64(bytes.count) })
    }

    @Test("one huge line without a line break is a bounded problem, not unbounded memory")
    func hugeLine() throws {
        let bytes =
            Array("a;b\n".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 300_000)
            + Array("\n1;2\n".utf8)
        let path = try CSVFixtures.temporaryFile(bytes)
        let file = try CSVFixtures.read(path: path, CSVReadOptions(maxFieldBytes: 10_000, chunkBytes: 4096))
        #expect(file.problems.map(\.reason) == [.fieldTooLarge])
        #expect(file.problems.first?.position.line == 2)
        #expect(file.rows.map(\.fields) == [["1", "2"]])
        #expect(file.rows.first?.position.line == 3)
    }

    @Test("many bad lines in a row are each reported once and cost no re-reading of the file")
    func manyBadLines() throws {
        var text = "a;b\n"
        for index in 0..<2000 { text += index % 2 == 0 ? "x\"y;1\n" : "ok;\(index)\n" }
        let path = try CSVFixtures.temporaryFile(text)
        let file = try CSVFixtures.read(path: path)
        #expect(file.problems.count == 1000)
        #expect(file.rows.count == 1000)
        #expect(file.rows.last?.position.line == 2001)
    }
}
