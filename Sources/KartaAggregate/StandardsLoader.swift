import Foundation
import KartaModel
import Yams

/// A standards or indicators file that cannot be used, with where the problem is.
public struct DataFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// 1-based line, when known.
    public var line: Int?
    public var message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    init(_ error: CriteriaFileError) {
        self.init(path: error.path, line: error.line, message: error.message)
    }

    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}

/// Reads and validates a financing-standards YAML file (see `mappings/standards.example.yml`).
public enum StandardsLoader {
    /// Loads the file at `path`.
    public static func load(path: String) throws(DataFileError) -> FinancingStandards {
        try parse(try YAMLFile.read(path: path), path: path)
    }

    /// Parses standards from YAML text; `path` names the file in messages.
    public static func parse(_ yaml: String, path: String) throws(DataFileError) -> FinancingStandards {
        do {
            return try parseNodes(try YAMLFile.compose(yaml, path: path), path: path)
        } catch {
            throw DataFileError(error)
        }
    }

    private static func parseNodes(_ root: Node, path: String) throws(CriteriaFileError) -> FinancingStandards {
        let reader = NodeReader(path: path)
        let top = try reader.mapping(root, "the top level")
        try reader.onlyKeys(
            top, ["version", "status", "statement", "legal_reference", "modes", "standards"], in: "the top level")
        let version = try reader.string(top, "version")
        let statusText = try reader.string(top, "status")
        guard let status = StandardsStatus(rawValue: statusText) else {
            throw reader.error(at: top["status"] ?? root, "status must be 'example' or 'official', not '\(statusText)'")
        }
        let statement = try reader.string(top, "statement")
        let legalReference = try reader.string(top, "legal_reference")
        var modes: [ModeOfUse] = []
        var modeOfKind: [ServiceKind: String] = [:]
        for node in try reader.sequence(top["modes"], "modes", at: root) {
            let fields = try reader.mapping(node, "a mode")
            try reader.onlyKeys(fields, ["code", "name", "kinds"], in: "a mode")
            let code = try reader.string(fields, "code", at: node)
            guard code.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
                throw reader.error(at: fields["code"] ?? node, "a mode code is lower-case ASCII (residential, day, …)")
            }
            if modes.contains(where: { $0.code == code }) {
                throw reader.error(at: node, "a second mode '\(code)'")
            }
            var kinds: [ServiceKind] = []
            for kindNode in try reader.sequence(fields["kinds"], "kinds", at: node) {
                let kind = try reader.kind(kindNode.string ?? "", at: kindNode)
                if let other = modeOfKind[kind] {
                    throw reader.error(
                        at: kindNode,
                        "'\(kind.key)' is already in mode '\(other)': a kind has one mode in the draft")
                }
                modeOfKind[kind] = code
                kinds.append(kind)
            }
            modes.append(ModeOfUse(code: code, name: try reader.string(fields, "name", at: node), kinds: kinds))
        }
        var standards: [FinancingStandard] = []
        var seen: [String: Int] = [:]
        for node in try reader.sequence(top["standards"], "standards", at: root) {
            let fields = try reader.mapping(node, "a standard")
            try reader.onlyKeys(fields, ["kind", "target_group", "mode", "bgn_per_user_year"], in: "a standard")
            let kind = try reader.kind(try reader.string(fields, "kind", at: node), at: node)
            let group = try fields["target_group"].map { (groupNode) throws(CriteriaFileError) in
                try reader.targetGroupCode(groupNode)
            }
            let mode = try reader.string(fields, "mode", at: node)
            guard modes.contains(where: { $0.code == mode }) else {
                let known = modes.map(\.code).joined(separator: ", ")
                throw reader.error(at: fields["mode"] ?? node, "unknown mode '\(mode)' (known: \(known))")
            }
            let amount = try reader.number(fields, "bgn_per_user_year", at: node)
            guard amount > 0 else {
                throw reader.error(at: fields["bgn_per_user_year"] ?? node, "'bgn_per_user_year' must be more than 0")
            }
            let identity = "\(kind.key) × \(group ?? "(any target group)") × \(mode)"
            if let first = seen[identity] {
                throw reader.error(at: node, "a second standard for \(identity) (the first is on line \(first))")
            }
            seen[identity] = node.mark?.line ?? 0
            standards.append(
                FinancingStandard(
                    kind: kind, targetGroupCode: group, mode: mode, bgnPerUserYear: amount, line: node.mark?.line))
        }
        return FinancingStandards(
            version: version, status: status, statement: statement, legalReference: legalReference, modes: modes,
            standards: standards, sourcePath: path)
    }
}

/// Reading and composing the YAML data files (criteria, standards, indicators).
enum YAMLFile {
    static func read(path: String) throws(DataFileError) -> String {
        do {
            return String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        } catch {
            throw DataFileError(path: path, line: nil, message: "cannot read the file (\(error.localizedDescription))")
        }
    }

    /// The document's root node; an empty file or invalid YAML is an error with its line.
    static func compose(_ yaml: String, path: String) throws(CriteriaFileError) -> Node {
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw CriteriaFileError(path: path, line: nil, message: "the file is empty")
            }
            return node
        } catch let error as CriteriaFileError {
            throw error
        } catch let error as YamlError {
            throw CriteriaFileError(
                path: path, line: CriteriaLoader.yamlErrorLine(error), message: "not valid YAML: \(error)")
        } catch {
            throw CriteriaFileError(path: path, line: nil, message: "not valid YAML: \(error)")
        }
    }
}
