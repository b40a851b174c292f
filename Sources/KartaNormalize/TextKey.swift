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
