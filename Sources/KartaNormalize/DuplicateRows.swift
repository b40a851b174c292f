/// Finds exact repeats of earlier rows of one file in bounded memory.
///
/// The fingerprints of the most recent rows (up to ``memoryLimit``) stay in a hash set. When the
/// set is full and a ``RowFingerprintSpill`` is attached, its fingerprints move there (sorted, in
/// one batch) and a fixed-size Bloom filter remembers them, so that a row is looked up in the
/// spill only when the filter says it may have been seen. Memory is then the set, the filter and
/// nothing per row, whatever the number of rows. Without a spill the set simply grows.
final class DuplicateRows {
    /// Fingerprints kept in memory before they move to the spill.
    let memoryLimit: Int
    var spill: (any RowFingerprintSpill)?
    private var recent = Set<RowFingerprint>()
    /// Made at the first spill (8 MiB), so small files never pay for it.
    private var spilled: BloomFilter?

    init(memoryLimit: Int = 1 << 18) {
        self.memoryLimit = memoryLimit
    }

    /// Records `fingerprint` and tells whether it was seen before.
    func isRepeat(_ fingerprint: RowFingerprint) -> Bool {
        if let spilled, spilled.mayContain(fingerprint), spill?.contains(fingerprint) == true { return true }
        guard recent.insert(fingerprint).inserted else { return true }
        if recent.count >= memoryLimit, let spill {
            let batch = recent.sorted { ($0.high, $0.low) < ($1.high, $1.low) }
            spill.store(batch)
            var filter = spilled ?? BloomFilter(bitCount: 1 << 26)
            spilled = nil
            for fingerprint in batch { filter.insert(fingerprint) }
            spilled = filter
            recent.removeAll(keepingCapacity: true)
        }
        return false
    }
}

/// Where ``DuplicateRows`` keeps the fingerprints that no longer fit in memory (the store puts
/// them in a temporary SQLite table of the load). Errors are kept by the spill and reported by
/// its owner when the load ends; a failing spill never makes a row a duplicate.
public protocol RowFingerprintSpill: AnyObject {
    /// Stores fingerprints (sorted by `high`, then `low`).
    func store(_ fingerprints: [RowFingerprint])
    /// True when `fingerprint` was stored before.
    func contains(_ fingerprint: RowFingerprint) -> Bool
}

/// A fixed-size Bloom filter over row fingerprints (3 probes by double hashing).
struct BloomFilter {
    private var words: [UInt64]
    private let mask: UInt64

    /// `bitCount` must be a power of two.
    init(bitCount: Int) {
        words = Array(repeating: 0, count: max(1, bitCount / 64))
        mask = UInt64(words.count * 64 - 1)
    }

    private func probes(_ fingerprint: RowFingerprint) -> (UInt64, UInt64, UInt64) {
        let a = fingerprint.high
        let b = fingerprint.low | 1
        return (a & mask, (a &+ b) & mask, (a &+ 2 &* b) & mask)
    }

    mutating func insert(_ fingerprint: RowFingerprint) {
        let (p, q, r) = probes(fingerprint)
        for bit in [p, q, r] { words[Int(bit >> 6)] |= 1 << (bit & 63) }
    }

    func mayContain(_ fingerprint: RowFingerprint) -> Bool {
        let (p, q, r) = probes(fingerprint)
        return words[Int(p >> 6)] & (1 << (p & 63)) != 0 && words[Int(q >> 6)] & (1 << (q & 63)) != 0
            && words[Int(r >> 6)] & (1 << (r & 63)) != 0
    }
}
