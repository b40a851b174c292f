import KartaModel
import Yams

/// Populations of target groups per municipality from an official source (НПСУ Art. 3), e.g.
/// the census tables of НСИ. Where a municipality has a figure for a group, it replaces the
/// national share of the criteria file (`target_group_population.shares`) for that
/// municipality; every criterion computed from it names this file and its official source.
///
/// Loaded by ``IndicatorsLoader`` from a versioned YAML file (`mappings/indicators.example.yml`).
public struct TargetGroupIndicators: Sendable, Codable, Hashable {
    public var version: String
    /// `example` or `official`.
    public var status: StandardsStatus
    /// A plain Bulgarian statement of what the numbers are.
    public var statement: String
    /// The official source: „НСИ, …, таблица …, година".
    public var officialSource: String
    /// The unit of the figures, in Bulgarian („души").
    public var unit: String
    /// Municipality code → target group code → people.
    public var populations: [String: [String: Int]]
    /// The file, relative to the pipeline's root where known.
    public var sourcePath: String?

    public init(
        version: String, status: StandardsStatus, statement: String, officialSource: String, unit: String,
        populations: [String: [String: Int]], sourcePath: String? = nil
    ) {
        self.version = version
        self.status = status
        self.statement = statement
        self.officialSource = officialSource
        self.unit = unit
        self.populations = populations
        self.sourcePath = sourcePath
    }

    /// The population of a group in a municipality, when the file gives it.
    public func population(of groupCode: String, municipality code: String) -> Int? {
        populations[code]?[groupCode]
    }

    /// The source of this file's figures.
    public var source: IndicatorSource { IndicatorSource(file: sourcePath, officialSource: officialSource) }

    enum CodingKeys: String, CodingKey {
        case version
        case status
        case statement
        case officialSource = "official_source"
        case unit
        case populations
        case sourcePath = "source_path"
    }
}

extension TargetGroupIndicators {
    /// One municipality's figures in JSON: `{"municipality_code": "SZR31", "target_groups":
    /// {"elderly": 40200}}` — JSON keys stay snake_case (no area codes as keys).
    private struct MunicipalityFigures: Codable {
        var municipalityCode: String
        var targetGroups: [String: Int]

        enum CodingKeys: String, CodingKey {
            case municipalityCode = "municipality_code"
            case targetGroups = "target_groups"
        }
    }

    /// Encodes `populations` as a list ordered by municipality code.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(status, forKey: .status)
        try container.encode(statement, forKey: .statement)
        try container.encode(officialSource, forKey: .officialSource)
        try container.encode(unit, forKey: .unit)
        try container.encode(
            populations.keys.sorted().map { MunicipalityFigures(municipalityCode: $0, targetGroups: populations[$0] ?? [:]) },
            forKey: .populations)
        try container.encodeIfPresent(sourcePath, forKey: .sourcePath)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let figures = try container.decode([MunicipalityFigures].self, forKey: .populations)
        self.init(
            version: try container.decode(String.self, forKey: .version),
            status: try container.decode(StandardsStatus.self, forKey: .status),
            statement: try container.decode(String.self, forKey: .statement),
            officialSource: try container.decode(String.self, forKey: .officialSource),
            unit: try container.decode(String.self, forKey: .unit),
            populations: Dictionary(figures.map { ($0.municipalityCode, $0.targetGroups) }, uniquingKeysWith: { a, _ in a }),
            sourcePath: try container.decodeIfPresent(String.self, forKey: .sourcePath))
    }
}

/// Reads and validates a target-group indicators YAML file (see `mappings/indicators.example.yml`).
public enum IndicatorsLoader {
    /// Loads the file at `path`; municipality codes are checked against `registry`.
    public static func load(path: String, registry: ReferenceRegistry = .bulgaria) throws(DataFileError)
        -> TargetGroupIndicators
    {
        try parse(try YAMLFile.read(path: path), path: path, registry: registry)
    }

    /// Parses indicators from YAML text; `path` names the file in messages.
    public static func parse(_ yaml: String, path: String, registry: ReferenceRegistry = .bulgaria)
        throws(DataFileError) -> TargetGroupIndicators
    {
        do {
            return try parseNodes(try YAMLFile.compose(yaml, path: path), path: path, registry: registry)
        } catch {
            throw DataFileError(error)
        }
    }

    private static func parseNodes(_ root: Node, path: String, registry: ReferenceRegistry)
        throws(CriteriaFileError) -> TargetGroupIndicators
    {
        let reader = NodeReader(path: path)
        let top = try reader.mapping(root, "the top level")
        try reader.onlyKeys(
            top, ["version", "status", "statement", "official_source", "unit", "populations"], in: "the top level")
        let statusText = try reader.string(top, "status")
        guard let status = StandardsStatus(rawValue: statusText) else {
            throw reader.error(at: top["status"] ?? root, "status must be 'example' or 'official', not '\(statusText)'")
        }
        guard let populationsNode = top["populations"] else { throw reader.error(at: root, "missing 'populations'") }
        var populations: [String: [String: Int]] = [:]
        for (codeNode, groupsNode) in try reader.mapping(populationsNode, "populations") {
            let code = codeNode.string ?? ""
            guard let municipality = registry.municipality(code: code) else {
                throw reader.error(at: codeNode, "unknown municipality code '\(code)' (use codes such as SZR31)")
            }
            var groups: [String: Int] = [:]
            for (groupNode, valueNode) in try reader.mapping(groupsNode, "the populations of \(code)") {
                let group = try reader.targetGroupCode(groupNode)
                guard let value = valueNode.int, value >= 0 else {
                    throw reader.error(at: valueNode, "the population of '\(group)' in \(code) must be a whole number ≥ 0")
                }
                guard value <= municipality.population else {
                    throw reader.error(
                        at: valueNode,
                        "the population of '\(group)' in \(code) (\(value)) is more than the municipality's "
                            + "(\(municipality.population))")
                }
                groups[group] = value
            }
            populations[code] = groups
        }
        return TargetGroupIndicators(
            version: try reader.string(top, "version"), status: status,
            statement: try reader.string(top, "statement"),
            officialSource: try reader.string(top, "official_source"), unit: try reader.string(top, "unit"),
            populations: populations, sourcePath: path)
    }
}
