/// A 128-bit fingerprint of a row's fields, to find exact repeats within one file in constant
/// memory per distinct row (16 bytes each).
///
/// Two independent 64-bit lanes in the style of MurmurHash3 (multiply, rotate, multiply) read
/// the UTF-8 bytes of every field eight at a time, with each field's length mixed in so that
/// („ab", „c") and („a", „bc") differ; each lane ends with Murmur's 64-bit finalizer. The lanes
/// start from a random seed per process (like Swift's `Hasher`), so fingerprints cannot be
/// precomputed from outside; within a load they are stable.
public struct RowFingerprint: Hashable, Sendable {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    init(fields: [String]) {
        var lanes = FingerprintLanes()
        lanes.mix(UInt64(fields.count))
        for field in fields {
            var contiguous = field
            contiguous.withUTF8 { bytes in lanes.mix(UnsafeRawBufferPointer(bytes)) }
        }
        (high, low) = lanes.finish()
    }
}

/// The running state of a ``RowFingerprint``.
private struct FingerprintLanes {
    /// The seed of this process, drawn from the random seed of Swift's `Hasher`.
    private static let seed: UInt64 = {
        var hasher = Hasher()
        hasher.combine(0x6B61_7274_61 as UInt64)
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }()

    private var first = seed ^ 0x8765_4321_0FED_CBA9
    private var second = seed ^ 0x0123_4567_89AB_CDEF
    /// Words mixed so far.
    private var words: UInt64 = 0

    /// Mixes one field: its length, then its bytes as little-endian words (the last one padded
    /// with zeros).
    @inline(__always)
    mutating func mix(_ bytes: UnsafeRawBufferPointer) {
        mix(UInt64(bytes.count))
        var offset = 0
        while offset + 8 <= bytes.count {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        guard offset < bytes.count else { return }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        for index in offset..<bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
        }
        mix(tail)
    }

    /// Mixes one 64-bit word into both lanes.
    @inline(__always)
    mutating func mix(_ word: UInt64) {
        var k1 = word &* 0x87C3_7B91_1142_53D5
        k1 = (k1 << 31 | k1 >> 33) &* 0x4CF5_AD43_2745_937F
        first ^= k1
        first = (first << 27 | first >> 37) &* 5 &+ 0x52DC_E729
        var k2 = word &* 0x4CF5_AD43_2745_937F
        k2 = (k2 << 33 | k2 >> 31) &* 0x87C3_7B91_1142_53D5
        second ^= k2
        second = (second << 31 | second >> 33) &* 5 &+ 0x3849_5AB5
        words &+= 1
    }

    /// Both lanes, finalized.
    func finish() -> (high: UInt64, low: UInt64) {
        (Self.finalize(first ^ words), Self.finalize(second ^ (words &* 0x9E37_79B9_7F4A_7C15)))
    }

    /// MurmurHash3's 64-bit finalizer: every input bit affects every output bit.
    private static func finalize(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}
