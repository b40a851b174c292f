import Foundation
import GRDB
import KartaModel

/// The ids of sources and records, derived from what they are rather than from the order they
/// were stored in, so that the same inputs give the same ids (and the same output bytes) after a
/// full refresh, a crash and rerun, or in a copy of the project.
///
/// A source's id is the first 31 bits of the SHA-256 of its stored path (the path relative to
/// the pipeline's root); a record's id is the source id in the high 32 bits and the row's
/// 0-based record index in the low 32. Two paths with the same 31 bits (about one chance in
/// ten thousand for 300 files) are told apart by taking the next free id.
public enum StoredID {
    /// The id of the source stored at `path`, absent collisions.
    public static func source(path: String) -> Int64 {
        let hex = FileDigest.sha256(Data(path.utf8))
        let value = Int64(UInt32(hex.prefix(8), radix: 16) ?? 1) & 0x7FFF_FFFF
        return max(value, 1)
    }

    /// The record at `recordIndex` of the source `source`.
    public static func record(source: Int64, recordIndex: Int) -> Int64 {
        (source << 32) | Int64(UInt32(truncatingIfNeeded: recordIndex))
    }

    /// ``source(path:)``, or the next id no other path holds.
    static func freeSourceID(_ db: Database, path: String) throws -> Int64 {
        try freeSourceID(path: path) { id in
            try String.fetchOne(db, sql: "SELECT path FROM sources WHERE id = ?", arguments: [id])
        }
    }

    /// ``source(path:)``, or the next id whose holder (the path stored under it, if any) is
    /// `path` or nobody.
    public static func freeSourceID(path: String, holder: (Int64) throws -> String?) rethrows -> Int64 {
        var id = source(path: path)
        while let stored = try holder(id), stored != path {
            id = id % 0x7FFF_FFFF + 1
        }
        return id
    }

    /// The `index`-th reject (0-based, in the order written) of the source `source`, on a backend
    /// that draws no ids from a sequence.
    public static func reject(source: Int64, index: Int) -> Int64 {
        record(source: source, recordIndex: index)
    }
}
