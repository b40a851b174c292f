/// A 128-bit fingerprint of a row's fields, to find exact repeats within one file in constant
/// memory per distinct row (16 bytes each).
struct RowFingerprint: Hashable {
    var high: UInt64
    var low: UInt64

    init(fields: [String]) {
        var first = Hasher()
        var second = Hasher()
        second.combine(0x6B61_7274_61)  // a different stream for the second half
        first.combine(fields.count)
        second.combine(fields.count)
        for field in fields {
            first.combine(field)
            second.combine(field)
            second.combine(field.utf8.count)
        }
        high = UInt64(bitPattern: Int64(first.finalize()))
        low = UInt64(bitPattern: Int64(second.finalize()))
    }
}
