import Foundation
import KartaModel
import KartaStore
import Yams

/// Reads and checks a pipeline file: unknown keys, wrong types, missing folders and paths that
/// leave the pipeline's root are reported with their YAML line, all at once.
public enum PipelineLoader {
    static let topLevelKeys: Set = [
        "name", "root", "period", "store", "sources", "criteria", "services", "thresholds", "outputs",
        "standards", "indicators",
    ]
    static let sourceKeys: Set = [
        "path", "glob", "kind", "encoding", "delimiter", "header_line", "mapping", "optional",
    ]
    static let thresholdKeys: Set = [
        "max_rejected_percent", "fail_on_refused", "max_rejected_rows", "max_removed_percent",
    ]
    static let outputKeys: Set = ["folder", "formats", "geometry", "plain_csv", "plans_year"]
    static let periodKeys: Set = ["from", "to"]
    /// Formats `karta run` can write.
    public static let knownFormats: Set = ["csv", "json", "jsonl", "xml", "geojson", "html", "plans"]
    static let encodings: Set = [
        "auto", "utf-8", "utf-8-bom", "windows-1251", "cp1251", "utf-16le", "utf-16be", "utf-16",
    ]

    public static func load(_ file: URL) throws -> Pipeline {
        let path = file.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PipelineError(path: path, message: "no such pipeline file")
        }
        guard !isDirectory.boolValue else {
            throw PipelineError(path: path, message: "is a folder, not a pipeline file")
        }
        let data = try Data(contentsOf: file)
        guard data.count <= 1 << 20 else {
            throw PipelineError(path: path, message: "pipeline file is larger than 1 MiB")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PipelineError(path: path, message: "pipeline file is not UTF-8")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw PipelineError(issues: [issue(from: error, path: path)])
        }
        guard let root = node?.mapping else {
            throw PipelineError(
                path: path, message: "expected a mapping of pipeline settings at the top level")
        }
        var reader = NodeReader(path: path)
        let pipeline = reader.pipeline(
            root, file: file.standardizedFileURL, sha256: FileDigest.sha256(data))
        if !reader.issues.isEmpty || pipeline == nil {
            throw PipelineError(
                issues: reader.issues.sorted {
                    ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0)
                })
        }
        guard let pipeline else { throw PipelineError(issues: reader.issues) }
        return pipeline
    }

    static func issue(from error: YamlError, path: String) -> PipelineIssue {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return PipelineIssue(
                path: path, line: mark.line, column: mark.column, message: "YAML: \(problem)")
        default:
            return PipelineIssue(path: path, line: nil, column: nil, message: "YAML: \(error)")
        }
    }
}

/// Walks the YAML nodes of a pipeline file, collecting issues instead of stopping at the first.
struct NodeReader {
    let path: String
    var issues: [PipelineIssue] = []

    init(path: String) { self.path = path }

    mutating func report(_ node: Node?, _ message: String) {
        issues.append(
            PipelineIssue(path: path, line: node?.mark?.line, column: node?.mark?.column, message: message))
    }

    /// Key/value pairs of a mapping, reporting keys that are not in `allowed`.
    mutating func entries(_ mapping: Node.Mapping, allowed: Set<String>, context: String) -> [String: Node] {
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else {
                report(key, "\(context): keys must be text")
                continue
            }
            if !allowed.contains(name) {
                let known = allowed.sorted().joined(separator: ", ")
                report(key, "\(context): unknown key '\(name)' (known: \(known))")
                continue
            }
            result[name] = value
        }
        return result
    }

    mutating func string(_ node: Node?, _ key: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else {
            report(node, "'\(key)' must be text")
            return nil
        }
        return scalar.string
    }

    mutating func int(_ node: Node?, _ key: String) -> Int? {
        guard let node else { return nil }
        guard let value = node.int else {
            report(node, "'\(key)' must be a whole number")
            return nil
        }
        return value
    }

    mutating func double(_ node: Node?, _ key: String) -> Double? {
        guard let node else { return nil }
        guard let value = node.float ?? node.int.map(Double.init) else {
            report(node, "'\(key)' must be a number")
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node?, _ key: String) -> Bool? {
        guard let node else { return nil }
        guard let value = node.bool else {
            report(node, "'\(key)' must be true or false")
            return nil
        }
        return value
    }

    /// Resolves a path written in the pipeline against `base`, refusing paths that leave `root`
    /// (after following symbolic links).
    mutating func path(
        _ node: Node?, _ key: String, base: URL, root: URL, mustExist: Bool, folder: Bool? = nil
    ) -> URL? {
        guard let node, let written = string(node, key) else { return nil }
        let url = URL(fileURLWithPath: written, relativeTo: base).standardizedFileURL
        let resolved = url.resolvingSymlinksInPath()
        let rootPath = root.resolvingSymlinksInPath().path
        if resolved.path != rootPath,
            !resolved.path.hasPrefix(rootPath.hasSuffix("/") ? rootPath : rootPath + "/")
        {
            report(node, "'\(key)' \(written) points outside the pipeline's root \(root.path)")
            return nil
        }
        if mustExist {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
                report(node, "'\(key)' \(written): no such file or folder (\(url.path))")
                return nil
            }
            if let folder, folder != isDirectory.boolValue {
                report(node, "'\(key)' \(written) must be a \(folder ? "folder" : "file")")
                return nil
            }
        }
        return url
    }

    mutating func pipeline(_ root: Node.Mapping, file: URL, sha256: String) -> Pipeline? {
        let fields = entries(root, allowed: PipelineLoader.topLevelKeys, context: "pipeline")
        let base = file.deletingLastPathComponent()
        let rootURL: URL
        if let rootNode = fields["root"], let written = string(rootNode, "root") {
            rootURL = URL(fileURLWithPath: written, relativeTo: base).standardizedFileURL
        } else {
            rootURL = base
        }
        let name = string(fields["name"], "name") ?? file.deletingPathExtension().lastPathComponent

        var period: ReportingPeriod?
        if let node = fields["period"] {
            if let mapping = node.mapping {
                let values = entries(mapping, allowed: PipelineLoader.periodKeys, context: "period")
                let from = isoDate(values["from"], "period.from")
                let to = isoDate(values["to"], "period.to")
                if let from, let to {
                    if from > to { report(node, "period: 'from' \(from) is after 'to' \(to)") }
                    period = ReportingPeriod(from: from, to: to)
                } else if values["from"] == nil || values["to"] == nil {
                    report(node, "period needs both 'from' and 'to' (YYYY-MM-DD)")
                }
            } else {
                report(node, "'period' must be a mapping with 'from' and 'to'")
            }
        }

        var postgresStore: PostgresAddress?
        var storeField = fields["store"]
        if let node = storeField, let written = node.string {
            do {
                if case .postgres(let address) = try StoreAddress(parsing: written) {
                    postgresStore = address
                    storeField = nil
                }
            } catch {
                report(node, error.description)
                storeField = nil
            }
        }
        let store =
            path(storeField, "store", base: base, root: rootURL, mustExist: false)
            ?? rootURL.appendingPathComponent("out/karta.sqlite")

        var sources: [SourceSpec] = []
        if let node = fields["sources"] {
            if let list = node.sequence {
                if list.isEmpty { report(node, "'sources' is empty: name at least one folder or file") }
                for item in list {
                    if let source = source(item, base: base, root: rootURL) { sources.append(source) }
                }
            } else {
                report(node, "'sources' must be a list")
            }
        } else {
            report(nil, "missing 'sources': name at least one folder or file to read")
        }

        let criteria = path(
            fields["criteria"], "criteria", base: base, root: rootURL, mustExist: true, folder: false)
        let services = path(
            fields["services"], "services", base: base, root: rootURL, mustExist: true, folder: false)
        let standards = path(
            fields["standards"], "standards", base: base, root: rootURL, mustExist: true, folder: false)
        let indicators = path(
            fields["indicators"], "indicators", base: base, root: rootURL, mustExist: true, folder: false)

        var thresholds = Thresholds()
        if let node = fields["thresholds"] {
            if let mapping = node.mapping {
                let values = entries(mapping, allowed: PipelineLoader.thresholdKeys, context: "thresholds")
                if let percent = double(values["max_rejected_percent"], "max_rejected_percent") {
                    if percent < 0 || percent > 100 {
                        report(
                            values["max_rejected_percent"], "'max_rejected_percent' must be between 0 and 100"
                        )
                    }
                    thresholds.maxRejectedPercent = percent
                }
                if let refused = bool(values["fail_on_refused"], "fail_on_refused") {
                    thresholds.failOnRefused = refused
                }
                thresholds.maxRejectedRows = int(values["max_rejected_rows"], "max_rejected_rows")
                if let percent = double(values["max_removed_percent"], "max_removed_percent") {
                    if percent < 0 || percent > 100 {
                        report(
                            values["max_removed_percent"], "'max_removed_percent' must be between 0 and 100")
                    }
                    thresholds.maxRemovedPercent = percent
                }
            } else {
                report(node, "'thresholds' must be a mapping")
            }
        }

        var outputs = OutputSpec(
            folder: rootURL.appendingPathComponent("out"), formats: ["csv", "json", "html"], geometry: nil,
            plainCSV: false)
        if let node = fields["outputs"] {
            if let mapping = node.mapping {
                let values = entries(mapping, allowed: PipelineLoader.outputKeys, context: "outputs")
                if let folder = path(values["folder"], "folder", base: base, root: rootURL, mustExist: false)
                {
                    outputs.folder = folder
                }
                if let formatsNode = values["formats"] {
                    if let list = formatsNode.sequence {
                        var formats: [String] = []
                        for item in list {
                            guard let format = string(item, "formats") else { continue }
                            if PipelineLoader.knownFormats.contains(format) {
                                formats.append(format)
                            } else {
                                let known = PipelineLoader.knownFormats.sorted().joined(separator: ", ")
                                report(item, "unknown output format '\(format)' (known: \(known))")
                            }
                        }
                        outputs.formats = formats
                    } else {
                        report(formatsNode, "'formats' must be a list")
                    }
                }
                outputs.geometry = path(
                    values["geometry"], "geometry", base: base, root: rootURL, mustExist: true, folder: false)
                if let plain = bool(values["plain_csv"], "plain_csv") { outputs.plainCSV = plain }
                if let year = int(values["plans_year"], "plans_year") {
                    if (2000...2100).contains(year) {
                        outputs.plansYear = year
                    } else {
                        report(values["plans_year"], "'plans_year' must be a year such as 2026")
                    }
                }
                if outputs.formats.contains("plans"), outputs.plansYear == nil, period == nil {
                    report(
                        node,
                        "the 'plans' output needs 'plans_year' in outputs, or a 'period' (plans are then "
                            + "for the year after it ends)")
                }
            } else {
                report(node, "'outputs' must be a mapping")
            }
        }

        return Pipeline(
            name: name, file: file, fileSHA256: sha256, root: rootURL, period: period, store: store,
            sources: sources, criteria: criteria, serviceDictionary: services, thresholds: thresholds,
            outputs: outputs, standards: standards, indicators: indicators, postgresStore: postgresStore)
    }

    mutating func source(_ node: Node, base: URL, root: URL) -> SourceSpec? {
        guard let mapping = node.mapping else {
            report(node, "each source must be a mapping with at least 'path' and 'kind'")
            return nil
        }
        let values = entries(mapping, allowed: PipelineLoader.sourceKeys, context: "source")
        guard values["path"] != nil else {
            report(node, "source: missing 'path'")
            return nil
        }
        let optional = bool(values["optional"], "optional") ?? false
        let url = path(values["path"], "path", base: base, root: root, mustExist: !optional)
        var kind: SourceKind?
        if let written = string(values["kind"], "kind") {
            kind = SourceKind(rawValue: written)
            if kind == nil {
                let known = SourceKind.allCases.map(\.rawValue).joined(separator: ", ")
                report(values["kind"], "source: unknown kind '\(written)' (known: \(known))")
            }
        } else if values["kind"] == nil {
            report(node, "source: missing 'kind' (municipal-register, asp-export or proposal)")
        }
        var encoding = string(values["encoding"], "encoding")
        if let written = encoding, !PipelineLoader.encodings.contains(written.lowercased()) {
            report(
                values["encoding"],
                "source: unknown encoding '\(written)' (known: auto, UTF-8, UTF-8-BOM, windows-1251, UTF-16LE, UTF-16BE)"
            )
        }
        if encoding?.lowercased() == "auto" { encoding = nil }
        var delimiter = string(values["delimiter"], "delimiter")
        if delimiter == "\\t" || delimiter?.lowercased() == "tab" { delimiter = "\t" }
        if let written = delimiter, written != "auto", ![";", ",", "\t", "|"].contains(written) {
            report(values["delimiter"], "source: delimiter must be one of ; , tab | or auto")
        }
        if delimiter == "auto" { delimiter = nil }
        let headerLine = int(values["header_line"], "header_line")
        let mappingURL = path(
            values["mapping"], "mapping", base: base, root: root, mustExist: true, folder: false)
        let glob = string(values["glob"], "glob")
        guard let url, let kind else { return nil }
        return SourceSpec(
            path: url, glob: glob, kind: kind, encoding: encoding, delimiter: delimiter,
            headerLine: headerLine,
            mapping: mappingURL, line: node.mark?.line, optional: optional)
    }

    mutating func isoDate(_ node: Node?, _ key: String) -> String? {
        guard let node else { return nil }
        guard let text = string(node, key) else { return nil }
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else {
            report(node, "'\(key)' must be a date YYYY-MM-DD, not '\(text)'")
            return nil
        }
        return text
    }
}
