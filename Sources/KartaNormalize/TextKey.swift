#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A string used as a dictionary key, hashed and compared by its UTF-8 bytes.
///
/// Swift's `String` hashing normalizes non-ASCII text (NFC) on every hash, which dominates the
/// cost of caches keyed by Cyrillic cell values; byte identity is what the caches need.
struct TextKey: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        var copy = text
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (lhs: TextKey, rhs: TextKey) -> Bool { sameBytes(lhs.text, rhs.text) }
}

/// Byte equality of two buffers of the same length (libc's `memcmp`, word at a time).
@inline(__always)
func memcmpBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let left = a.baseAddress, let right = b.baseAddress else { return a.count == b.count }
    return memcmp(left, right, a.count) == 0
}

/// An optional string as part of a key (nil and "" differ).
struct OptionalTextKey: Hashable {
    let key: TextKey?
    init(_ text: String?) { key = text.map(TextKey.init) }
}

/// True when two strings have the same UTF-8 bytes (no Unicode normalization, unlike `==`).
@inline(__always)
func sameBytes(_ a: String, _ b: String) -> Bool {
    let left = a.utf8
    let right = b.utf8
    guard left.count == right.count else { return false }
    let compared = left.withContiguousStorageIfAvailable { x in
        right.withContiguousStorageIfAvailable { y in memcmpBytes(x, y) }
    }
    return compared.flatMap { $0 } ?? left.elementsEqual(right)
}

@inline(__always)
func sameBytes(_ a: String?, _ b: String?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let a?, let b?): return sameBytes(a, b)
    default: return false
    }
}

/// The answer for the texts of the previous call. A register lists a municipality's services one
/// after another, so district, municipality, settlement, financing and date repeat row after row:
/// comparing with the previous row's bytes is much cheaper than hashing them for a cache lookup.
struct RecentAnswer<Value> {
    private var first: String?
    private var second: String?
    private var third: String?
    private var answer: Value?

    /// The remembered answer when the texts are byte for byte those of the last ``remember``.
    @inline(__always)
    func answer(_ first: String?, _ second: String? = nil, _ third: String? = nil) -> Value? {
        guard let answer, sameBytes(first, self.first), sameBytes(second, self.second),
            sameBytes(third, self.third)
        else { return nil }
        return answer
    }

    mutating func remember(
        _ value: Value, for first: String?, _ second: String? = nil, _ third: String? = nil
    ) {
        self.first = first
        self.second = second
        self.third = third
        answer = value
    }
}
