import Foundation
import KartaModel
import Yams

/// How service names as written become service kinds and target groups: the contents of
/// `mappings/services.yml`, which analysts extend without touching code.
public struct ServiceDictionary: Sendable {
    /// One pattern (already folded) and what it means.
    struct Entry: Sendable {
        var pattern: String
        var words: WordPattern
        var meaning: Meaning

        init(pattern: String, meaning: Meaning) {
            self.pattern = pattern
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
    let planningLevels: [ServiceKind: PlanningLevel]
    public let origin: String

    /// The dictionary shipped with karta (a copy of `mappings/services.yml` compiled in).
    public static func standard() throws(MappingFileError) -> ServiceDictionary {
        try ServiceDictionary(yaml: EmbeddedMappings.serviceDictionary, origin: "default service dictionary")
    }

    /// Loads a dictionary file.
    public static func load(path: String) throws(MappingFileError) -> ServiceDictionary {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw MappingFileError(origin: path, message: "cannot read the file: \(error.localizedDescription)")
        }
        return try ServiceDictionary(yaml: text, origin: path)
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
                entries.append(Entry(pattern: NameKey.fold(pattern), meaning: .service(kinds: kinds, targetGroup: target)))
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
        self.entries = entries.filter { !$0.pattern.isEmpty }.sorted { $0.pattern.count > $1.pattern.count }
        var cues: [Cue] = []
        for cue in file.target_group_cues ?? [] {
            cues.append(Cue(words: cue.words.map { WordPattern(folded: NameKey.fold($0)) }, group: try group(cue.group)))
        }
        self.cues = cues
        var levels: [ServiceKind: PlanningLevel] = [:]
        for (name, level) in file.planning_levels ?? [:] {
            guard let planningLevel = PlanningLevel(rawValue: level) else {
                throw MappingFileError(origin: origin, message: "unknown planning level '\(level)' (municipal, district)")
            }
            levels[try kind(name)] = planningLevel
        }
        self.planningLevels = levels
        self.origin = origin
    }

    /// The level at which a kind is planned; municipal unless the dictionary says otherwise.
    public func planningLevel(of kind: ServiceKind) -> PlanningLevel {
        planningLevels[kind] ?? .municipal
    }

    /// What a service-kind text and a service-name text say: the kind column is read first,
    /// the name is the fallback. `targetText` is the target-group column, when given.
    public func classify(kindText: String?, nameText: String?, targetText: String?) -> ServiceClassification {
        let kindKey = kindText.map { WordPattern.pad(Self.foldWithoutBudgetCode($0)) }
        let nameKey = nameText.map { WordPattern.pad(Self.foldWithoutBudgetCode($0)) }
        var found: Entry?
        for key in [kindKey, nameKey] {
            guard let key, key.count > 2 else { continue }
            if let entry = entries.first(where: { $0.words.matches(in: key) }) {
                found = entry
                break
            }
        }
        guard let found else { return .unknown(note: nil) }
        switch found.meaning {
        case .notAService(let note):
            return .unknown(note: note)
        case .service(let kinds, let defaultGroup):
            let group = targetGroup(fromColumn: targetText)
                ?? [nameKey, kindKey].lazy.compactMap { $0.flatMap(self.cueGroup) }.first
                ?? defaultGroup ?? .unspecified
            return .service(kinds: kinds, targetGroup: group, planningLevel: planningLevel(of: kinds[0]))
        }
    }

    private func targetGroup(fromColumn text: String?) -> TargetGroup? {
        guard let text, !text.isEmpty else { return nil }
        if let named = TargetGroup.named(text) { return named }
        return cueGroup(WordPattern.pad(NameKey.fold(text)))
    }

    private func cueGroup(_ key: [UInt8]) -> TargetGroup? {
        cues.first { cue in cue.words.allSatisfy { $0.matches(in: key) } }?.group
    }

    /// Folds a name and strips a leading budget-activity code („4002. Асистентска подкрепа").
    static func foldWithoutBudgetCode(_ text: String) -> String {
        let key = NameKey.fold(text)
        var words = key.split(separator: " ")
        while let first = words.first, first.allSatisfy(\.isNumber) { words.removeFirst() }
        return words.joined(separator: " ")
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
