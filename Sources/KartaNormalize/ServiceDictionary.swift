import Foundation
import KartaModel
import Yams

/// How service names as written become service kinds and target groups: the contents of
/// `mappings/services.yml`, which analysts extend without touching code.
public struct ServiceDictionary: Sendable {
    /// One pattern (already folded) and what it means.
    struct Entry: Sendable {
        var pattern: String
        /// The pattern as written in the dictionary, for suggestions.
        var written: String
        var words: WordPattern
        var meaning: Meaning

        init(pattern: String, written: String = "", meaning: Meaning) {
            self.pattern = pattern
            self.written = written
            self.words = WordPattern(folded: pattern)
            self.meaning = meaning
        }
    }

    enum Meaning: Sendable {
        case service(kinds: [ServiceKind], targetGroup: TargetGroup?)
        /// Not a social service under ЗСУ; the note says why.
        case notAService(note: String)
    }

    struct Cue: Sendable {
        var words: [WordPattern]
        var group: TargetGroup
    }

    /// Patterns, longest first, so the most specific one wins.
    let entries: [Entry]
    let cues: [Cue]
    /// Keyed by ``ServiceKind/key`` (ASCII): a `ServiceKind` key would hash and compare its
    /// Cyrillic raw value, with Unicode normalization, on every row.
    let planningLevels: [String: PlanningLevel]
    public let origin: String

    /// The dictionary shipped with karta (a copy of `mappings/services.yml` compiled in).
    public static func standard() throws(MappingFileError) -> ServiceDictionary {
        try ServiceDictionary(yaml: EmbeddedMappings.serviceDictionary, origin: "default service dictionary")
    }

    /// Loads a dictionary file.
    public static func load(path: String) throws(MappingFileError) -> ServiceDictionary {
        try ServiceDictionary(yaml: MappingFileError.readText(path: path), origin: path)
    }

    public init(yaml: String, origin: String) throws(MappingFileError) {
        let file: DictionaryFile
        do {
            file = try YAMLDecoder().decode(DictionaryFile.self, from: yaml)
        } catch {
            throw MappingFileError(origin: origin, message: "not a valid service dictionary: \(error)")
        }
        func group(_ name: String) throws(MappingFileError) -> TargetGroup {
            guard let group = TargetGroup.named(name) else {
                throw MappingFileError(
                    origin: origin,
                    message: "unknown target group '\(name)'; known: "
                        + TargetGroup.catalogue.map(\.code).joined(separator: ", "))
            }
            return group
        }
        func kind(_ name: String) throws(MappingFileError) -> ServiceKind {
            guard let kind = ServiceKind(named: name) else {
                throw MappingFileError(
                    origin: origin,
                    message: "unknown service kind '\(name)'; known: "
                        + ServiceKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return kind
        }
        var entries: [Entry] = []
        for service in file.services {
            guard !service.kinds.isEmpty else {
                throw MappingFileError(origin: origin, message: "service \(service.patterns) has no kinds")
            }
            var kinds: [ServiceKind] = []
            for name in service.kinds { kinds.append(try kind(name)) }
            let target = try service.target_group.map { name throws(MappingFileError) in try group(name) }
            for pattern in service.patterns {
                entries.append(
                    Entry(
                        pattern: NameKey.fold(pattern), written: pattern,
                        meaning: .service(kinds: kinds, targetGroup: target))
                )
            }
        }
        for nonService in file.non_services ?? [] {
            for pattern in nonService.patterns {
                entries.append(
                    Entry(
                        pattern: NameKey.fold(pattern),
                        meaning: .notAService(note: nonService.note ?? "не е социална услуга по ЗСУ")))
            }
        }
        self.entries = entries.filter { !$0.pattern.isEmpty }.sorted {
            $0.pattern.utf8.count > $1.pattern.utf8.count
        }
        var cues: [Cue] = []
        for cue in file.target_group_cues ?? [] {
            cues.append(
                Cue(
                    words: cue.words.map { WordPattern(folded: NameKey.fold($0)) },
                    group: try group(cue.group)))
        }
        self.cues = cues
        var levels: [String: PlanningLevel] = [:]
        for (name, level) in file.planning_levels ?? [:] {
            guard let planningLevel = PlanningLevel(rawValue: level) else {
                throw MappingFileError(
                    origin: origin, message: "unknown planning level '\(level)' (municipal, district)")
            }
            levels[try kind(name).key] = planningLevel
        }
        self.planningLevels = levels
        self.origin = origin
    }

    /// The level at which a kind is planned; municipal unless the dictionary says otherwise.
    public func planningLevel(of kind: ServiceKind) -> PlanningLevel {
        planningLevels[kind.key] ?? .municipal
    }

    /// What a service-kind text and a service-name text say: the kind column is read first,
    /// the name is the fallback. `targetText` is the target-group column, when given; then the
    /// cues in the kind text, then in the name, then the entry's own target group.
    public func classify(kindText: String?, nameText: String?, targetText: String?) -> ServiceClassification {
        guard let meaning = kindText.flatMap(match) ?? nameText.flatMap(match) else {
            return .unknown(note: nil)
        }
        return classification(
            meaning,
            targetGroup: targetText.flatMap(targetGroup(fromColumn:)) ?? kindText.flatMap(cue)
                ?? nameText.flatMap(cue))
    }

    /// The classification for a matched entry and the target group found outside it, if any.
    func classification(_ meaning: Meaning, targetGroup: TargetGroup?) -> ServiceClassification {
        switch meaning {
        case .notAService(let note):
            return .unknown(note: note)
        case .service(let kinds, let defaultGroup):
            return .service(
                kinds: kinds, targetGroup: targetGroup ?? defaultGroup ?? .unspecified,
                planningLevel: planningLevel(of: kinds[0]))
        }
    }

    /// The meaning of the longest pattern found in `text`, budget-activity codes stripped.
    func match(_ text: String) -> Meaning? {
        let key = Self.paddedWithoutBudgetCode(text)
        guard key.count > 2 else { return nil }
        return entries.first(where: { $0.words.matches(in: key) })?.meaning
    }

    /// The dictionary's service names nearest to an unknown `text`, best first (at most three,
    /// each with its kind): for the `unknown_service` message. Abbreviations are not suggested.
    public func nearestNames(_ text: String) -> [String] {
        let key = String(decoding: Self.paddedWithoutBudgetCode(text), as: UTF8.self)
            .trimmingCharacters(in: .whitespaces)
        guard key.count >= 3, key.utf8.count <= 400 else { return [] }
        let words = Set(key.split(separator: " ").filter { $0.count >= 4 }.map(String.init))
        var scored: [(Int, Int, Int, String)] = []
        for (index, entry) in entries.enumerated() where entry.written.count > 5 {
            guard case .service(let kinds, _) = entry.meaning else { continue }
            let patternWords = entry.pattern.split(separator: " ").filter { $0.count >= 4 }.map(String.init)
            let shared = patternWords.filter { word in
                words.contains { $0 == word || (word.count >= 5 && $0.hasPrefix(String(word.prefix(5)))) }
            }.count
            let limit = max(2, entry.pattern.count / 4)
            var distance = Int.max
            if abs(entry.pattern.count - key.count) <= limit { distance = editDistance(key, entry.pattern) }
            if distance <= limit || shared * 2 >= max(1, patternWords.count) {
                // most words in common first (as a share of the longer name), then spelling
                let overlap = shared * 100 / max(1, patternWords.count, words.count)
                scored.append((-overlap, distance, index, "\(entry.written) (\(kinds[0].rawValue))"))
            }
        }
        var seen: Set<String> = []
        return scored.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.3).filter { seen.insert($0).inserted }
            .prefix(3)
            .map { $0 }
    }


    /// The target group named by a target-group column: a catalogue name or code, else cues.
    func targetGroup(fromColumn text: String) -> TargetGroup? {
        guard !text.isEmpty else { return nil }
        return TargetGroup.named(text) ?? cue(text)
    }

    /// The target group the first matching cue in `text` gives.
    func cue(_ text: String) -> TargetGroup? {
        let key = WordPattern.pad(NameKey.fold(text))
        return cues.first { cue in cue.words.allSatisfy { $0.matches(in: key) } }?.group
    }

    /// Folds a name, padded for whole-word search, without a leading budget-activity code
    /// („4002. Асистентска подкрепа").
    static func paddedWithoutBudgetCode(_ text: String) -> [UInt8] {
        var key = WordPattern.pad(NameKey.fold(text))
        // drop leading words made only of digits
        while key.count > 2 {
            var end = 1
            while end < key.count, key[end] >= 0x30, key[end] <= 0x39 { end += 1 }
            guard end > 1, end < key.count, key[end] == 0x20 else { break }
            key.removeSubrange(1...end)
        }
        return key
    }
}

/// The outcome of classifying a service as written.
public enum ServiceClassification: Sendable, Hashable {
    case service(kinds: [ServiceKind], targetGroup: TargetGroup, planningLevel: PlanningLevel)
    /// Not in the dictionary, or listed as not a social service (with the note why).
    case unknown(note: String?)
}

/// The YAML layout of a service dictionary file.
private struct DictionaryFile: Decodable {
    struct Service: Decodable {
        var patterns: [String]
        var kinds: [String]
        var target_group: String?
    }
    struct NonService: Decodable {
        var patterns: [String]
        var note: String?
    }
    struct CueLine: Decodable {
        var words: [String]
        var group: String
    }
    var version: Int?
    var services: [Service]
    var non_services: [NonService]?
    var target_group_cues: [CueLine]?
    var planning_levels: [String: String]?
}
