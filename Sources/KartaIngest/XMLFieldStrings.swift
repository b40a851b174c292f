#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `String`s of one XML field's values, made as rarely as possible.
///
/// A value equal to the same field's value in the previous record (a service kind, a target
/// group, funding, an EKATTE code within one municipality) reuses that record's `String`. Else a
/// short value (up to 15 bytes: capacities, user counts, codes) is looked up in a small table of
/// the field's recent short values, and a long one in a ``RepeatedStringCache``. Both switch
/// themselves off for a field whose values do not repeat (ids, names), so there they cost a
/// lookup for the first 2,048 values only.
///
/// Every `String` is what `String(decoding:as: UTF8.self)` makes of the same bytes.
struct XMLFieldStrings {
    /// The string of the value this field had in the last record ``store(_:_:previous:_:at:)`` saw.
    private var last = ""
    private var short = ShortValues()
    private var long = RepeatedStringCache()

    /// Values this short are read as two 8-byte words.
    static let shortLimit = 15

    /// Stores the string of the `count` bytes at `bytes` in `slot` (an initialized `String`).
    /// `previous` (with `previousCount` bytes) is the same field's value in the record handled
    /// just before, or nil when that record had none here or was not seen.
    ///
    /// Both `bytes` and `previous` must stay readable 16 bytes past their start (an
    /// ``XMLScratchBuffer`` with 16 bytes of slack ensures it).
    @inline(__always)
    mutating func store(
        _ bytes: UnsafePointer<UInt8>, _ count: Int, previous: UnsafePointer<UInt8>?, _ previousCount: Int,
        at slot: UnsafeMutablePointer<String>
    ) {
        if let previous, previousCount == count, Self.equal(bytes, previous, count) {
            withUnsafePointer(to: &last) { XMLFieldArrays.store(copyOf: $0, at: slot) }
            return
        }
        let string: String
        if count <= Self.shortLimit {
            if count == 0 {
                string = ""
            } else if short.isEnabled {
                string = short.string(bytes, count)
            } else {
                string = Self.shortString(bytes, count)
            }
        } else {
            string = long.string(UnsafeBufferPointer(start: bytes, count: count))
        }
        last = string
        XMLFieldArrays.store(copyOf: &last, at: slot)
    }

    /// A string of at most 15 bytes, built in place as a small string: ASCII skips UTF-8
    /// validation; anything else is repaired like `String(decoding:as:)`.
    @inline(__always)
    static func shortString(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> String {
        String(unsafeUninitializedCapacity: count) { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            base.update(from: bytes, count: count)
            return count
        }
    }

    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if count <= shortLimit { return ShortKey(a, count) == ShortKey(b, count) }
        return memcmp(a, b, count) == 0
    }

    /// Up to 15 bytes and their count as two words (the count in the top byte of `high`).
    struct ShortKey: Equatable {
        var low: UInt64
        var high: UInt64

        /// Reads 16 bytes at `bytes` (of which `count`, 1...15, belong to the value).
        @inline(__always)
        init(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
            let raw = UnsafeRawPointer(bytes)
            let first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            let second = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if count >= 8 {
                low = first
                let rest = UInt64(count - 8)
                high = (rest == 0 ? 0 : second & ((1 << (8 * rest)) &- 1)) | (UInt64(count) << 56)
            } else {
                low = first & ((1 << (8 * UInt64(count))) &- 1)
                high = UInt64(count) << 56
            }
        }

        static let empty = ShortKey(low: 0, high: 0)

        private init(low: UInt64, high: UInt64) {
            self.low = low
            self.high = high
        }

        @inline(__always)
        var slot: Int {
            var hash = (low &* 0x9E37_79B9_7F4A_7C15) ^ high
            hash = (hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9
            return Int(truncatingIfNeeded: hash >> (64 - 7))
        }
    }

    /// A direct-mapped table of 128 recent short values of one field.
    struct ShortValues {
        private var keys = [ShortKey](repeating: .empty, count: 128)
        private var strings = [String](repeating: "", count: 128)
        private var lookups = 0
        private var hits = 0
        private(set) var isEnabled = true
        private static let trialLookups = 2048

        /// The string of `bytes`; after a trial that shows the values do not repeat, the table
        /// switches itself off (frees its slots; the caller checks ``isEnabled``).
        @inline(__always)
        mutating func string(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> String {
            let key = ShortKey(bytes, count)
            let slot = key.slot
            lookups &+= 1
            if keys[slot] == key {
                hits &+= 1
                return strings[slot]
            }
            let string = XMLFieldStrings.shortString(bytes, count)
            if lookups == Self.trialLookups, hits * 2 < lookups {
                isEnabled = false
                keys = []
                strings = []
            } else {
                keys[slot] = key
                strings[slot] = string
            }
            return string
        }
    }
}

/// The `[String]` of each row's fields, taken from a small ring of arrays that earlier rows had:
/// once a consumer has dropped a row (the usual streaming loop), its array is uniquely held here
/// and its slots are overwritten in place — no allocation for the array, no freeing of it.
///
/// Value semantics are kept by copy-on-write: a row still held elsewhere makes `take()`'s
/// caller write into a fresh copy, never into that row's fields. When that happens for most
/// rows (a consumer that keeps them all), the ring switches itself off and arrays are made new.
struct XMLFieldArrays {
    private let fieldCount: Int
    private var ring: [[String]]
    private var next = 0
    /// The array last taken and where its storage was, to tell whether writing copied it.
    private var takenBase: UnsafeRawPointer?
    private var uses = 0
    private var copies = 0
    private(set) var isEnabled: Bool
    private static let ringSize = 8
    private static let trialUses = 256

    init(fieldCount: Int) {
        self.fieldCount = fieldCount
        isEnabled = fieldCount > 0
        ring = isEnabled ? (0..<Self.ringSize).map { _ in [String](repeating: "", count: fieldCount) } : []
    }

    /// Stores a copy of the string at `source` in `slot`, unless the slot holds the same bits
    /// already (then nothing is retained or released).
    @inline(__always)
    static func store(copyOf source: UnsafePointer<String>, at slot: UnsafeMutablePointer<String>) {
        guard MemoryLayout<String>.size == 16 else {
            slot.pointee = source.pointee
            return
        }
        let held = UnsafeRawPointer(slot)
        let given = UnsafeRawPointer(source)
        if held.load(as: UInt64.self) != given.load(as: UInt64.self)
            || held.load(fromByteOffset: 8, as: UInt64.self) != given.load(fromByteOffset: 8, as: UInt64.self)
        {
            slot.pointee = source.pointee
        }
    }

    /// An array of `fieldCount` strings to overwrite (write every slot), then hand to ``keep(_:)``.
    @inline(__always)
    mutating func take() -> [String] {
        guard isEnabled else { return [String](repeating: "", count: fieldCount) }
        var array: [String] = []
        swap(&array, &ring[next])
        takenBase = array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        return array
    }

    /// Puts the array just filled back in the ring, for a later row once this one is dropped.
    @inline(__always)
    mutating func keep(_ array: [String]) {
        guard isEnabled else { return }
        let base = array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        if uses < Self.trialUses {
            uses += 1
            if base != takenBase { copies += 1 }
            if uses == Self.trialUses, copies * 2 > uses {
                isEnabled = false
                ring = []
                return
            }
        }
        ring[next] = array
        next = next + 1 == Self.ringSize ? 0 : next + 1
    }
}
