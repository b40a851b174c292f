/// Folds a name as written in an export into a comparison key: lower case, Cyrillic
/// transliterated with the official streamlined system (Закон за транслитерацията), punctuation
/// and spacing collapsed.
///
/// „Община  СТАРА-Загора", "Stara Zagora" and "stara zagora" give the same key, `stara zagora`.
/// A word-final „ия" is „ia", as the law has it: „София" and "Sofia" give `sofia`.
/// Prefixes such as „Община" are removed by ``AreaNamePrefix``, not here.
///
/// This is karta's only transliteration: area names, headers, service names and patterns, target
/// group cues, financing and totals words are all folded here, so a pattern and a text written
/// in either alphabet meet on the same key.
public enum NameKey {
    /// The comparison key of `text` (words separated by single spaces, no leading or trailing one).
    public static func fold(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        let scalars = Homoglyphs.cyrillicWords(Array(text.lowercased().unicodeScalars))
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            defer { index += 1 }
            guard scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) else {
                pendingSpace = true
                continue
            }
            if pendingSpace, !out.isEmpty { out.append(" ") }
            pendingSpace = false
            if scalar == "и", index + 1 < scalars.count, scalars[index + 1] == "я",
                index + 2 == scalars.count || !scalars[index + 2].properties.isAlphabetic
            {
                out.append("ia")
                index += 1
                continue
            }
            if let latin = transliteration[scalar] {
                out.append(latin)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static let transliteration: [Unicode.Scalar: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
        "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
        "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
        "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya", "ѝ": "i",
    ]
}

/// Latin letters that look like Cyrillic ones („Капацитeт" typed with a Latin e, „Cофия" with a
/// Latin C): inside a word that has a Cyrillic letter, they are read as the Cyrillic letter.
enum Homoglyphs {
    /// Lower-case Latin look-alike → Cyrillic (upper-case look-alikes are lowered first:
    /// A B C E H K M O P T X Y).
    static let cyrillicOf: [Unicode.Scalar: Unicode.Scalar] = [
        "a": "а", "b": "в", "c": "с", "e": "е", "h": "н", "k": "к", "m": "м", "o": "о", "p": "р",
        "t": "т", "x": "х", "y": "у",
    ]

    /// `scalars` (lower case) with the Latin look-alikes of every word that also has a Cyrillic
    /// letter replaced by their Cyrillic letters; other words unchanged.
    static func cyrillicWords(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard scalars.contains(where: isCyrillic), scalars.contains(where: { $0.isASCII && cyrillicOf[$0] != nil })
        else { return scalars }
        var out = scalars
        var start = 0
        while start < out.count {
            var end = start
            while end < out.count, out[end].properties.isAlphabetic { end += 1 }
            if end > start, out[start..<end].contains(where: isCyrillic) {
                for index in start..<end { if let cyrillic = cyrillicOf[out[index]] { out[index] = cyrillic } }
            }
            start = end + 1
        }
        return out
    }

    static func isCyrillic(_ scalar: Unicode.Scalar) -> Bool { (0x0400...0x04FF).contains(scalar.value) }
}
