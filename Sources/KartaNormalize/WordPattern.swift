/// A folded phrase matched as whole words inside a folded text, on UTF-8 bytes.
///
/// Both sides are folded with `NameKey.fold` (single spaces between words); the text is padded
/// once with spaces, the pattern is stored padded, so a plain byte search finds whole words.
struct WordPattern: Sendable {
    let padded: [UInt8]

    init(folded: String) {
        padded = [0x20] + Array(folded.utf8) + [0x20]
    }

    /// `folded` padded for ``matches(in:)``.
    static func pad(_ folded: String) -> [UInt8] {
        var bytes: [UInt8] = [0x20]
        bytes.append(contentsOf: folded.utf8)
        bytes.append(0x20)
        return bytes
    }

    /// True when the pattern occurs in the padded text.
    func matches(in text: [UInt8]) -> Bool {
        let needle = padded
        guard needle.count <= text.count, let first = needle.first else { return false }
        let last = text.count - needle.count
        return text.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { pattern in
                var start = 0
                while start <= last {
                    if haystack[start] == first {
                        var offset = 1
                        while offset < pattern.count, haystack[start + offset] == pattern[offset] {
                            offset += 1
                        }
                        if offset == pattern.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
