import Testing

@testable import KartaNormalize

/// A spill that keeps fingerprints in a set and counts what it was asked, standing in for the
/// store's temporary table.
final class SetSpill: RowFingerprintSpill {
    var stored = Set<RowFingerprint>()
    var batches = 0
    var lookups = 0

    func store(_ fingerprints: [RowFingerprint]) {
        batches += 1
        #expect(fingerprints == fingerprints.sorted { ($0.high, $0.low) < ($1.high, $1.low) })
        stored.formUnion(fingerprints)
    }

    func contains(_ fingerprint: RowFingerprint) -> Bool {
        lookups += 1
        return stored.contains(fingerprint)
    }
}

@Suite("Duplicate rows in bounded memory")
struct DuplicateRowsTests {
    private func fingerprint(_ n: Int) -> RowFingerprint {
        RowFingerprint(fields: ["Стара Загора", "ЦОП № \(n)", String(n)])
    }

    @Test("a repeat of a row that moved to the spill is still a duplicate")
    func repeatsFoundAfterSpilling() {
        let spill = SetSpill()
        let duplicates = DuplicateRows(memoryLimit: 8)
        duplicates.spill = spill
        for n in 0..<100 { #expect(!duplicates.isRepeat(fingerprint(n)), "row \(n) is new") }
        #expect(spill.batches == 12)
        #expect(spill.stored.count == 96)
        for n in [0, 7, 8, 50, 95, 96, 99] {
            #expect(duplicates.isRepeat(fingerprint(n)), "row \(n) repeats")
        }
        for n in 100..<110 { #expect(!duplicates.isRepeat(fingerprint(n)), "row \(n) is new") }
    }

    @Test("new rows are looked up in the spill only when the Bloom filter may hold them")
    func bloomFilterSparesLookups() {
        let spill = SetSpill()
        let duplicates = DuplicateRows(memoryLimit: 1000)
        duplicates.spill = spill
        for n in 0..<5000 { _ = duplicates.isRepeat(fingerprint(n)) }
        #expect(spill.stored.count == 5000)
        #expect(spill.lookups < 10)
    }

    @Test("without a spill every fingerprint stays in memory")
    func withoutSpill() {
        let duplicates = DuplicateRows(memoryLimit: 4)
        for n in 0..<20 { #expect(!duplicates.isRepeat(fingerprint(n))) }
        for n in 0..<20 { #expect(duplicates.isRepeat(fingerprint(n))) }
    }
}
