import Foundation
import KartaModel

/// The comparison key of a column header or an XML field path: case, spacing, punctuation and
/// Cyrillic/Latin spelling folded away (see `NameKey`).
///
/// XML paths keep their structure: `../@код` becomes `../kod`, `Община/@код` becomes
/// `obshtina/kod`; a leading `@` is dropped, so an attribute and a child element of the same
/// name have the same key. A text without `@` and without a leading `../` is a plain header
/// („ЕГН/ЛНЧ" folds to `egn lnch`).
public enum HeaderKey {
    public static func of(_ header: String, isPath: Bool? = nil) -> String {
        let pathLike = isPath ?? (header.contains("@") || header.hasPrefix("../"))
        guard pathLike else { return NameKey.fold(header) }
        return header.split(separator: "/", omittingEmptySubsequences: true).map { segment in
            let trimmed = segment.trimmingCharacters(in: .whitespaces)
            if trimmed == ".." { return ".." }
            return NameKey.fold(trimmed.hasPrefix("@") ? String(trimmed.dropFirst()) : trimmed)
        }.joined(separator: "/")
    }

    /// True when `key` contains `words` as whole words (both already folded).
    static func contains(_ key: String, words: String) -> Bool {
        contains(Array(key.utf8), words: Array(words.utf8))
    }

    /// True when the folded bytes `key` contain `words` as whole words (on bytes: a header row of
    /// 100,000 columns is checked against every personal-data word quickly).
    static func contains(_ key: [UInt8], words: [UInt8]) -> Bool {
        guard !words.isEmpty, key.count >= words.count else { return false }
        var start = 0
        while start + words.count <= key.count {
            let end = start + words.count
            if (start == 0 || key[start - 1] == 0x20) && (end == key.count || key[end] == 0x20)
                && key[start..<end].elementsEqual(words)
            {
                return true
            }
            start += 1
        }
        return false
    }
}
