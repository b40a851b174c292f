#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Hands out the same `String` for a value that repeats from record to record in one column (a
/// service kind, a target group, a funding type): a hash and a `memcmp` instead of an
/// allocation and a UTF-8 validation per record.
///
/// Why it exists: both readers make a `String` per field of every row, and a register repeats
/// a handful of long values (kinds, target groups, funding) in thousands of rows. Looked up by
/// the reader's bytes, before any `String` exists, so it is not a dictionary (that would need
/// the `String` as its key): one direct-mapped table per column, a slot per hash of the value.
///
/// Only values too long for Swift's inline small strings (over 15 bytes) are cached. A column
/// whose values rarely repeat (names, ids) turns the cache off after a trial, so it costs
/// nothing there.
struct RepeatedStringCache {
    private struct Entry {
        var bytes: [UInt8]
        var string: String
    }

    private static let slotCount = 64
    private static let trialLookups = 2048
    private var slots: [Entry?] = Array(repeating: nil, count: RepeatedStringCache.slotCount)
    private var lookups = 0
    private var hits = 0
    private(set) var isEnabled = true

    /// The value of `bytes` (valid UTF-8 or repaired like `String(decoding:as:)`).
    @inline(__always)
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard isEnabled, bytes.count > 15, let base = bytes.baseAddress else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let slot = Self.slot(base, bytes.count)
        lookups &+= 1
        if let entry = slots[slot], entry.bytes.count == bytes.count,
            entry.bytes.withUnsafeBufferPointer({ kept in
                kept.baseAddress.map { memcmp($0, base, bytes.count) == 0 } ?? false
            })
        {
            hits &+= 1
            return entry.string
        }
        let string = String(decoding: bytes, as: UTF8.self)
        if lookups == Self.trialLookups, hits * 2 < lookups {
            isEnabled = false
            slots = []
        } else {
            slots[slot] = Entry(bytes: Array(bytes), string: string)
        }
        return string
    }

    /// A slot from the length and the first and last eight bytes (values of one column that
    /// share both ends are rare; a collision only costs a miss).
    @inline(__always)
    private static func slot(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
        let raw = UnsafeRawPointer(base)
        let head = raw.loadUnaligned(as: UInt64.self)
        let tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        var hash = ((head &* 0x9E37_79B9_7F4A_7C15) ^ tail) &+ UInt64(count)
        hash = (hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: hash >> 58) & (slotCount - 1)
    }
}
