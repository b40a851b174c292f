import KartaModel

/// Decides which canonical field a column header names, tolerating how municipalities actually
/// write headers: qualifiers and units in parentheses („Капацитет (брой места)",
/// "Capacity (places)"), trailing words („Капацитет на услугата"), word order („Места, брой"),
/// Bulgarian articles („Брой на местата"), case, punctuation and Latin look-alike letters (folded
/// by ``NameKey``). The synonyms themselves stay data in the mapping file.
///
/// Match tiers, best first: 0 the whole header is a synonym; 1 the header without its
/// parenthesised parts is one (small words such as „на"/"of" and articles ignored); 2 it starts
/// with one; 3 it contains one (of two or more words) as consecutive words; 4 it contains all the
/// words of one (two or more words) in any order. A column goes to the field with the most
/// synonym words matched, then the best tier, then the field listed first. The reporting date and
/// the service id are bound only by tiers 0 and 1 („Дата на откриване" is not the reporting date).
struct HeaderMatcher {
    struct Match: Sendable, Hashable {
        var field: CanonicalField
        var tier: Int
        /// Words of the synonym that matched.
        var words: Int
        /// Position of the synonym in the field's list.
        var synonymIndex: Int
    }

    private struct Synonym {
        var field: CanonicalField
        var index: Int
        var key: String
        var words: [String]
    }

    private let synonyms: [Synonym]
    /// Exact keys, for tier 0.
    private let exact: [String: Synonym]
    /// Synonym indexes by the first three letters of each of their words: a header is compared
    /// only with synonyms that share a word beginning (a file of 100,000 columns binds fast).
    private let byWordStart: [Substring: [Int]]
    static let exactOnly: Set<CanonicalField> = [.reportingDate, .serviceID]

    init(mapping: ColumnMapping) {
        var list: [Synonym] = []
        for field in CanonicalField.allCases {
            for (index, synonym) in (mapping.synonyms[field] ?? []).enumerated() {
                let key = HeaderKey.of(synonym)
                list.append(Synonym(field: field, index: index, key: key, words: Self.significantWords(key)))
            }
        }
        synonyms = list
        var exact: [String: Synonym] = [:]
        var starts: [Substring: [Int]] = [:]
        for (index, synonym) in list.enumerated() {
            if exact[synonym.key] == nil { exact[synonym.key] = synonym }
            for word in Set(synonym.words.map { $0.prefix(3) }) { starts[word, default: []].append(index) }
        }
        self.exact = exact
        byWordStart = starts
    }

    /// The best field for a header whose comparison key is `key`, or nil.
    func best(key: String, header: String) -> Match? {
        if let exact = exact[key] {
            return Match(field: exact.field, tier: 0, words: 99, synonymIndex: exact.index)
        }
        guard !key.contains("/") else { return nil }  // XML ancestor paths: exact only
        let coreWords: [String]
        let allWords: [String]
        if header.contains(where: { "([{".contains($0) }) {
            let (core, qualifiers) = Self.split(header)
            coreWords = Self.significantWords(NameKey.fold(core))
            allWords = coreWords + Self.significantWords(NameKey.fold(qualifiers))
        } else {
            coreWords = Self.significantWords(key)
            allWords = coreWords
        }
        guard !coreWords.isEmpty else { return nil }
        var best: Match?
        var candidates = Set<Int>()
        for word in allWords { candidates.formUnion(byWordStart[word.prefix(3)] ?? []) }
        for synonym in candidates.sorted().map({ synonyms[$0] }) where !synonym.words.isEmpty {
            guard let tier = Self.tier(synonym.words, core: coreWords, all: allWords) else { continue }
            if Self.exactOnly.contains(synonym.field), tier > 1 { continue }
            let match = Match(field: synonym.field, tier: tier, words: synonym.words.count, synonymIndex: synonym.index)
            if let current = best {
                if (-match.words, match.tier) < (-current.words, current.tier) { best = match }
            } else {
                best = match
            }
        }
        return best
    }

    private static func tier(_ words: [String], core: [String], all: [String]) -> Int? {
        if words.count == core.count, zip(words, core).allSatisfy(sameWord) { return 1 }
        if words.count < core.count, zip(words, core).allSatisfy(sameWord) { return 2 }
        guard words.count >= 2 else { return nil }
        if core.count > words.count {
            for start in 0...(core.count - words.count)
            where zip(words, core[start..<(start + words.count)]).allSatisfy(sameWord) {
                return 3
            }
        }
        if words.allSatisfy({ word in all.contains { sameWord(word, $0) } }) { return 4 }
        return nil
    }

    /// The same word, with or without a Bulgarian article („местата" = „места",
    /// „капацитета" = „капацитет"), on folded text.
    static func sameWord(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        guard short.count >= 3, long.hasPrefix(short) else { return false }
        return articles.contains(String(long.dropFirst(short.count)))
    }

    private static let articles: Set<String> = ["ta", "to", "te", "at", "yat", "a", "ya"]
    /// Small words ignored when comparing („Брой на местата" = „Брой места").
    private static let smallWords: Set<String> = [
        "na", "za", "po", "v", "vav", "ot", "i", "s", "sas", "of", "the", "for", "in", "and", "per", "no",
        "nr", "br",
    ]

    static func significantWords(_ key: String) -> [String] {
        key.split(separator: " ").map(String.init).filter { !smallWords.contains($0) }
    }

    /// The header without its parenthesised or bracketed parts, and those parts.
    static func split(_ header: String) -> (core: String, qualifiers: String) {
        var core = ""
        var qualifiers = ""
        var depth = 0
        for character in header {
            switch character {
            case "(", "[", "{":
                depth += 1
                qualifiers.append(" ")
            case ")", "]", "}":
                depth = max(0, depth - 1)
                core.append(" ")
            default:
                if depth > 0 { qualifiers.append(character) } else { core.append(character) }
            }
        }
        return (core, qualifiers)
    }

    /// The headers nearest to a synonym of one of `fields`, best first (at most three): for the
    /// refusal message of a file that lacks a required column.
    static func nearest(
        to fields: [CanonicalField], in header: [String], binding: ColumnBinding, mapping: ColumnMapping
    ) -> [String] {
        let synonyms = fields.flatMap { mapping.synonyms[$0] ?? [] }.map { NameKey.fold($0) }.filter {
            !$0.isEmpty && !$0.hasPrefix("..")
        }
        // Only columns bound to nothing: a column already bound elsewhere is not a candidate.
        let bound = Set(binding.columns.values.joined()).union(binding.personalColumns)
        var scored: [(Int, Int)] = []
        for (index, name) in header.enumerated() where !bound.contains(index) {
            let key = NameKey.fold(name)
            guard !key.isEmpty, key.count <= 80 else { continue }
            let words = Set(significantWords(key))
            var best = Int.max
            for synonym in synonyms {
                let distance = editDistance(key, synonym)
                let shared = significantWords(synonym).contains { word in words.contains { sameWord($0, word) } }
                let score = shared ? min(distance, 1) : distance
                best = min(best, score)
            }
            if best <= max(3, key.count / 3) { scored.append((best, index)) }
        }
        return scored.sorted { $0 < $1 }.prefix(3).map { header[$0.1] }
    }

}
