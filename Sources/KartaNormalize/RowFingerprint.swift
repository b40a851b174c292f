/// A 128-bit fingerprint of a row's fields, to find exact repeats within one file in constant
/// memory per distinct row (16 bytes each): SipHash (`Hasher`) and FNV-1a over the UTF-8 bytes
/// of every field and its length.
public struct RowFingerprint: Hashable, Sendable {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    init(fields: [String]) {
        var hasher = Hasher()
        var fnv: UInt64 = 0xcbf2_9ce4_8422_2325
        hasher.combine(fields.count)
        for field in fields {
            var copy = field
            copy.withUTF8 { bytes in
                hasher.combine(bytes.count)
                hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
                for byte in bytes {
                    fnv = (fnv ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                }
                fnv = (fnv ^ 0xFF) &* 0x0000_0100_0000_01B3  // field separator
            }
        }
        high = UInt64(bitPattern: Int64(hasher.finalize()))
        low = fnv
    }
}
