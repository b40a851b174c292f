import Foundation
import KartaModel
import Yams

/// A criteria file that cannot be used, with where the problem is.
public struct CriteriaFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// 1-based line, when known.
    public var line: Int?
    public var message: String

    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}

/// Reads and validates a planning-criteria YAML file (see `mappings/criteria.example.yml`).
public enum CriteriaLoader {
    /// Loads the file at `path`; every problem is reported with the file and, where the YAML
    /// parser knows it, the line.
    public static func load(path: String) throws(CriteriaFileError) -> PlanningCriteria {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CriteriaFileError(
                path: path, line: nil, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses criteria from YAML text; `path` names the file in messages.
    public static func parse(_ yaml: String, path: String) throws(CriteriaFileError) -> PlanningCriteria {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw CriteriaFileError(path: path, line: nil, message: "the file is empty")
            }
            root = node
        } catch let error as CriteriaFileError {
            throw error
        } catch let error as YamlError {
            throw CriteriaFileError(
                path: path, line: yamlErrorLine(error), message: "not valid YAML: \(error)")
        } catch {
            throw CriteriaFileError(path: path, line: nil, message: "not valid YAML: \(error)")
        }
        let reader = NodeReader(path: path)
        let top = try reader.mapping(root, "the top level")
        try reader.onlyKeys(
            top,
            ["version", "status", "legal_reference", "target_group_population", "rules", "minimum_packages"],
            in: "the top level")
        let version = try reader.string(top, "version")
        let status = try reader.string(top, "status")
        let legalReference = try reader.string(top, "legal_reference")
        let population = try targetGroupPopulation(top["target_group_population"], root: root, reader: reader)
        var rules: [CriterionRule] = []
        var seen: [String: Int] = [:]
        for node in try reader.sequence(top["rules"], "rules", at: root) {
            let rule = try self.rule(node, reader: reader)
            let identity = "\(rule.kind.key) × \(rule.targetGroupCode) × \(rule.level.rawValue)"
            if let first = seen[identity] {
                throw CriteriaFileError(
                    path: path, line: rule.line,
                    message: "a second rule for \(identity) (the first is on line \(first))")
            }
            seen[identity] = rule.line ?? 0
            rules.append(rule)
        }
        var packages: [MinimumPackage] = []
        if let packagesNode = top["minimum_packages"] {
            let mapping = try reader.mapping(packagesNode, "minimum_packages")
            try reader.onlyKeys(mapping, ["municipality", "district"], in: "minimum_packages")
            for level in [AreaLevel.municipality, .district] {
                guard let list = mapping[level.rawValue] else { continue }
                var entries: [MinimumPackage.Entry] = []
                for entry in try reader.sequence(list, "minimum_packages.\(level.rawValue)", at: packagesNode)
                {
                    if let name = entry.string {
                        entries.append(MinimumPackage.Entry(kind: try reader.kind(name, at: entry)))
                    } else {
                        let fields = try reader.mapping(entry, "a minimum package entry")
                        try reader.onlyKeys(fields, ["kind", "target_group"], in: "a minimum package entry")
                        let kind = try reader.kind(try reader.string(fields, "kind", at: entry), at: entry)
                        var group: String?
                        if let groupNode = fields["target_group"] {
                            group = try reader.targetGroupCode(groupNode)
                        }
                        entries.append(MinimumPackage.Entry(kind: kind, targetGroupCode: group))
                    }
                }
                packages.append(MinimumPackage(level: level, entries: entries))
            }
        }
        return PlanningCriteria(
            version: version, status: status, legalReference: legalReference,
            targetGroupPopulation: population, rules: rules, minimumPackages: packages, sourcePath: path)
    }

    private static func targetGroupPopulation(
        _ node: Node?, root: Node, reader: NodeReader
    ) throws(CriteriaFileError) -> TargetGroupPopulation {
        guard let node else {
            throw reader.error(
                at: root, "missing 'target_group_population' (give shares, or 'unavailable: true')")
        }
        let mapping = try reader.mapping(node, "target_group_population")
        try reader.onlyKeys(mapping, ["unavailable", "source", "shares"], in: "target_group_population")
        let source = mapping["source"]?.string
        if mapping["unavailable"]?.bool == true { return .unavailable(source: source) }
        guard let sharesNode = mapping["shares"] else {
            throw reader.error(at: node, "target_group_population needs 'shares' or 'unavailable: true'")
        }
        guard let source else {
            throw reader.error(
                at: node, "target_group_population needs a 'source' (НПСУ Art. 3: official sources only)")
        }
        var shares: [String: Double] = [:]
        for (key, value) in try reader.mapping(sharesNode, "shares") {
            let code = try reader.targetGroupCode(key)
            guard let share = value.float, share >= 0, share <= 1 else {
                throw reader.error(at: value, "the share of '\(code)' must be a number between 0 and 1")
            }
            shares[code] = share
        }
        return .shares(shares, source: source)
    }

    private static func rule(_ node: Node, reader: NodeReader) throws(CriteriaFileError) -> CriterionRule {
        let fields = try reader.mapping(node, "a rule")
        try reader.onlyKeys(
            fields,
            [
                "kind", "target_group", "level", "rule", "value", "tolerance", "legal_reference",
                "indicator_source",
            ],
            in: "a rule")
        let kind = try reader.kind(try reader.string(fields, "kind", at: node), at: node)
        guard let groupNode = fields["target_group"] else {
            throw reader.error(at: node, "a rule needs 'target_group'")
        }
        let group = try reader.targetGroupCode(groupNode)
        let levelText = try reader.string(fields, "level", at: node)
        guard let level = AreaLevel(rawValue: levelText), level != .national else {
            throw reader.error(
                at: fields["level"] ?? node, "level must be 'municipality' or 'district', not '\(levelText)'")
        }
        let typeText = try reader.string(fields, "rule", at: node)
        guard let type = CriterionRuleType(rawValue: typeText) else {
            let known = CriterionRuleType.allCases.map(\.rawValue).joined(separator: ", ")
            throw reader.error(at: fields["rule"] ?? node, "unknown rule '\(typeText)' (known: \(known))")
        }
        let value = try reader.number(fields, "value", at: node)
        let tolerance = fields["tolerance"] == nil ? 0 : try reader.number(fields, "tolerance", at: node)
        guard tolerance >= 0, tolerance < 1 else {
            throw reader.error(
                at: fields["tolerance"] ?? node, "tolerance is a fraction between 0 and 1 (0.1 = ±10 %)")
        }
        return CriterionRule(
            kind: kind, targetGroupCode: group, level: level, type: type, value: value, tolerance: tolerance,
            legalReference: try reader.string(fields, "legal_reference", at: node),
            indicatorSource: try reader.string(fields, "indicator_source", at: node), line: node.mark?.line)
    }

    static func yamlErrorLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }
}

/// Typed access to Yams nodes with errors that name the line.
struct NodeReader {
    var path: String

    func error(at node: Node, _ message: String) -> CriteriaFileError {
        CriteriaFileError(path: path, line: node.mark?.line, message: message)
    }

    func mapping(_ node: Node, _ what: String) throws(CriteriaFileError) -> Node.Mapping {
        guard let mapping = node.mapping else {
            throw error(at: node, "\(what) must be a mapping (key: value)")
        }
        return mapping
    }

    func sequence(_ node: Node?, _ what: String, at parent: Node) throws(CriteriaFileError) -> Node.Sequence {
        guard let node else { throw error(at: parent, "missing '\(what)'") }
        guard let sequence = node.sequence else { throw error(at: node, "'\(what)' must be a list") }
        return sequence
    }

    func onlyKeys(_ mapping: Node.Mapping, _ allowed: [String], in what: String) throws(CriteriaFileError) {
        for key in mapping.keys {
            guard let name = key.string, allowed.contains(name) else {
                throw error(
                    at: key,
                    "unknown key '\(key.string ?? "?")' in \(what) (allowed: \(allowed.joined(separator: ", ")))"
                )
            }
        }
    }

    func string(_ mapping: Node.Mapping, _ key: String, at parent: Node? = nil) throws(CriteriaFileError)
        -> String
    {
        guard let node = mapping[key] else {
            throw CriteriaFileError(
                path: path, line: parent?.mark?.line ?? mapping.mark?.line, message: "missing '\(key)'")
        }
        guard let text = node.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw error(at: node, "'\(key)' must be a non-empty text")
        }
        return text
    }

    func number(_ mapping: Node.Mapping, _ key: String, at parent: Node) throws(CriteriaFileError) -> Double {
        guard let node = mapping[key] else { throw error(at: parent, "missing '\(key)'") }
        guard let value = node.float, value.isFinite, value >= 0 else {
            throw error(at: node, "'\(key)' must be a number ≥ 0, not '\(node.string ?? "?")'")
        }
        return value
    }

    func kind(_ name: String, at node: Node) throws(CriteriaFileError) -> ServiceKind {
        guard let kind = ServiceKind(named: name) else {
            throw error(
                at: node,
                "unknown service kind '\(name)' (use a key such as residential_care or the Bulgarian name)")
        }
        return kind
    }

    func targetGroupCode(_ node: Node) throws(CriteriaFileError) -> String {
        guard let text = node.string, !text.isEmpty else {
            throw error(at: node, "a target group must be a code")
        }
        if let known = TargetGroup.named(text) { return known.code }
        guard text.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw error(
                at: node,
                "unknown target group '\(text)' (use a code such as elderly or children_disabilities)")
        }
        return text
    }
}
