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

    static func == (lhs: TextKey, rhs: TextKey) -> Bool {
        var left = lhs.text
        var right = rhs.text
        return left.withUTF8 { a in
            right.withUTF8 { b in
                a.count == b.count && (a.count == 0 || memcmpBytes(a, b))
            }
        }
    }
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
