import Foundation
import Testing

@testable import KartaModel

@Suite("File digests")
struct FileDigestTests {
    @Test("SHA-256 of bytes and of a file match the FIPS 180-4 test vector for \"abc\"")
    func vector() throws {
        let expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(FileDigest.sha256(Data("abc".utf8)) == expected)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("karta-\(UUID()).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("abc".utf8).write(to: url)
        let digest = try FileDigest.sha256(of: url)
        #expect(digest.hex == expected)
        #expect(digest.size == 3)
    }
}
