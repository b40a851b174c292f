import Crypto
import Foundation

/// Content hashes of input files: what tells an unchanged file from a changed one.
public enum FileDigest {
    /// Hex SHA-256 of a file's bytes, read in 1 MiB chunks (constant memory).
    public static func sha256(of url: URL) throws -> (hex: String, size: Int64) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        return (hex(hasher.finalize()), size)
    }

    /// Hex SHA-256 of bytes in memory.
    public static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
