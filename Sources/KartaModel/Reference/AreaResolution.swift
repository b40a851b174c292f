/// The outcome of looking up an administrative unit by something written in an export.
public enum AreaResolution<Unit: Sendable & Hashable>: Sendable, Hashable {
    /// Exactly one unit matches.
    case found(Unit)
    /// Several units share the name; a district hint is needed to choose. Never guessed.
    case ambiguous([Unit])
    /// Nothing matches; the nearest names by spelling, best first (possibly empty).
    case notFound(suggestions: [Unit])

    /// The unit, when the resolution is unique.
    public var unit: Unit? {
        if case .found(let unit) = self { return unit }
        return nil
    }
}

/// Strips the prefixes that exports put before municipality and district names.
enum AreaNamePrefix {
    static let municipality = [
        "obshtina", "obsht", "municipality of", "municipality", "mun", "gr", "grad", "s",
    ]
    static let district = [
        "oblast", "obl", "district of", "district", "province of", "province", "region",
    ]

    /// Removes leading prefixes (already folded by ``NameKey``) from `key` — up to two, as in
    /// „Община гр. София" — or one trailing word such as „община".
    static func strip(_ key: String, prefixes: [String]) -> String {
        var key = key
        var stripped = 0
        while stripped < 2, let prefix = prefixes.first(where: { key.hasPrefix($0 + " ") }) {
            key = String(key.dropFirst(prefix.count + 1))
            stripped += 1
        }
        if stripped > 0 { return key }
        for suffix in ["municipality", "district", "obshtina", "oblast"]
        where key.hasSuffix(" " + suffix) {
            return String(key.dropLast(suffix.count + 1))
        }
        return key
    }
}

/// Levenshtein distance over Unicode scalars, for "did you mean" suggestions (municipalities,
/// headers, service names).
public func editDistance(_ a: String, _ b: String) -> Int {
    editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
}

/// Levenshtein distance between two scalar sequences.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
