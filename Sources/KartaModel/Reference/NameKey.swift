/// Folds a name as written in an export into a comparison key: lower case, Cyrillic
/// transliterated with the official streamlined system (Закон за транслитерацията), punctuation
/// and spacing collapsed.
///
/// „Община  СТАРА-Загора", "Stara Zagora" and "stara zagora" give the same key, `stara zagora`.
/// Prefixes such as „Община" are removed by ``AreaNameParser``, not here.
public enum NameKey {
    public static func fold(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        let scalars = Array(text.lowercased().unicodeScalars)
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
            // Latin look-alikes typed by mistake in Cyrillic text fold to the same letters anyway.
    ]
}
