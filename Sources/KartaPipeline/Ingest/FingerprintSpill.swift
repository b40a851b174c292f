import KartaNormalize
import KartaStore

/// Lets the normalizer's duplicate detection keep its older row fingerprints in the store's
/// temporary table of the load (flat memory on files of millions of rows).
final class StoreFingerprintSpill: RowFingerprintSpill {
    private let table: FingerprintTable

    init(_ table: FingerprintTable) {
        self.table = table
    }

    func store(_ fingerprints: [RowFingerprint]) {
        table.store(fingerprints.map { (high: $0.high, low: $0.low) })
    }

    func contains(_ fingerprint: RowFingerprint) -> Bool {
        table.contains(high: fingerprint.high, low: fingerprint.low)
    }
}
