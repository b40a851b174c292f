import Foundation

/// A throw-away copy of the project's pipeline, fixtures and mappings, so that `karta run` tests
/// write their store and outputs in a folder of their own.
struct PipelineWorkspace {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "karta-run-\(UUID().uuidString.prefix(8))")
        let fm = FileManager.default
        let project = CLIProcess.packageRoot
        for folder in [
            "pipelines", "fixtures/registers", "fixtures/proposals", "fixtures/xml", "fixtures/adopted-map", "mappings",
        ] {
            try fm.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in [
            "pipelines/national-map.yml", "mappings/criteria.example.yml", "mappings/standards.example.yml",
            "mappings/indicators.example.yml",
            "fixtures/xml/asp-export-cp1251.xml",
            "fixtures/adopted-map/karta-2024-rms-574-cp1251-semicolon-title-totals.csv",
            "fixtures/adopted-map/karta-2024-rms-574-utf8.xml",
        ] {
            try fm.copyItem(at: project.appendingPathComponent(file), to: root.appendingPathComponent(file))
        }
        for folder in ["fixtures/registers", "fixtures/proposals"] {
            for name in try fm.contentsOfDirectory(atPath: project.appendingPathComponent(folder).path)
            where name.hasSuffix(".csv") {
                try fm.copyItem(
                    at: project.appendingPathComponent(folder).appendingPathComponent(name),
                    to: root.appendingPathComponent(folder).appendingPathComponent(name))
            }
        }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    var out: URL { root.appendingPathComponent("out") }
    var store: URL { out.appendingPathComponent("karta.sqlite") }
    var pipeline: String { "pipelines/national-map.yml" }

    func run(_ arguments: [String] = [], environment: [String: String] = [:]) throws -> CLIProcess.Result {
        try CLIProcess.run(["run", pipeline] + arguments, currentDirectory: root, environment: environment)
    }

    /// Rewrites the pipeline file (e.g. to set a threshold).
    func editPipeline(_ change: (String) -> String) throws {
        let url = root.appendingPathComponent(pipeline)
        try change(try String(contentsOf: url, encoding: .utf8)).write(
            to: url, atomically: true, encoding: .utf8)
    }

    /// The run manifest as a dictionary.
    func manifest() throws -> [String: Any] {
        let data = try Data(contentsOf: out.appendingPathComponent("run.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// A fingerprint of every published output except the manifest, by path under `out/`
    /// (`map-draft.json`, `plans/SZR31.html`).
    func outputHashes() throws -> [String: String] {
        var hashes: [String: String] = [:]
        guard FileManager.default.fileExists(atPath: out.path) else { return [:] }
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path)
        where !name.hasPrefix(".") && name != "run.json" && !name.hasPrefix("karta.sqlite") {
            let url = out.appendingPathComponent(name)
            // A link to a name the published set does not have yet reads as absent.
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                for inner in try FileManager.default.contentsOfDirectory(atPath: url.path) where !inner.hasPrefix(".") {
                    hashes["\(name)/\(inner)"] = Self.digest(try Data(contentsOf: url.appendingPathComponent(inner)))
                }
            } else {
                hashes[name] = Self.digest(try Data(contentsOf: url))
            }
        }
        return hashes
    }

    /// True when `url` is a symbolic link (the published outputs are links into the current set).
    static func isLink(_ url: URL) throws -> Bool {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType) == .typeSymbolicLink
    }

    /// A content fingerprint (FNV-1a 64) — enough to tell files apart in a test.
    static func digest(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16) + "-\(data.count)"
    }
}
