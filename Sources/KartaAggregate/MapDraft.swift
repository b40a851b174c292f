import Foundation
import KartaModel

/// A draft of the National Map of Social Services: every area's totals, every cell at the three
/// levels with its criterion and lineage, the reconciliation of municipal and АСП data, and the
/// rejects summary. What the emit stage writes as CSV, JSON, XML and HTML.
///
/// Deterministic: the same store and criteria give an equal draft (no timestamps; every list in
/// a documented order). Rounding: `PerThousand` (2 decimals), occupancy 4 decimals, criterion
/// values 2 decimals, all half away from zero.
public struct MapDraft: Sendable, Codable, Hashable {
    public var metadata: MapDraftMetadata
    /// Every area of every level — all 265 municipalities, 28 districts and `BG`, with or without
    /// services — ordered by level (municipality, district, national), then code.
    public var areas: [AreaSummary]
    /// Cells ordered by level (municipality, district, national), area code, kind (in
    /// ``ServiceKind`` order), target group code. A cell exists where records or proposals exist,
    /// where a criterion applies to the area, or where the minimum package misses a kind.
    public var cells: [MapCell]
    public var reconciliation: ReconciliationReport
    /// Rejected rows per source file and reason, ordered by municipality code (nil last), source
    /// path, reason.
    public var rejects: [RejectSummary]
    /// The draft against the adopted Map; nil when no adopted Map is loaded (nothing is compared).
    public var comparison: MapComparison?
    /// The services planned at district level, with their host municipality and the areas they
    /// serve (ЗСУ Art. 33), by district; nil in drafts written before they were listed.
    public var districtServices: [DistrictService]?
    /// Services the registers show without users for three consecutive months or more (ЗСУ
    /// Art. 58(1) т. 2), by municipality, file and line; nil in drafts written before.
    public var servicesWithoutUsers: [ServiceWithoutUsers]?

    enum CodingKeys: String, CodingKey {
        case metadata, areas, cells, reconciliation, rejects, comparison
        case districtServices = "district_services"
        case servicesWithoutUsers = "services_without_users"
    }

    public init(
        metadata: MapDraftMetadata, areas: [AreaSummary], cells: [MapCell],
        reconciliation: ReconciliationReport, rejects: [RejectSummary], comparison: MapComparison? = nil
    ) {
        self.metadata = metadata
        self.areas = areas
        self.cells = cells
        self.reconciliation = reconciliation
        self.rejects = rejects
        self.comparison = comparison
    }

    /// The cells of one level, in draft order.
    public func cells(at level: AreaLevel) -> [MapCell] { cells.filter { $0.level == level } }

    /// The summary of one area (`SZR31`, `SZR` or `BG`).
    public func area(code: String) -> AreaSummary? { areas.first { $0.code == code } }
}

/// What a draft was computed from and how.
public struct MapDraftMetadata: Sendable, Codable, Hashable {
    /// Version of the draft's layout; raised when fields change meaning.
    public var formatVersion: Int
    /// The draft's identity: SHA-256 of karta's version, the criteria and options, and the
    /// SHA-256 of every source. Equal inputs give an equal id, so the draft carries no run id
    /// (the run manifest, `run.json`, links a run to the draft id it wrote).
    public var draftID: String
    public var kartaVersion: String
    public var criteriaVersion: String
    /// The criteria file's status line, e.g. „примерни стойности — НЕ са нормите на Наредбата".
    public var criteriaStatus: String
    /// The full criteria used (rules, minimum packages, target-group population).
    public var criteria: PlanningCriteria
    public var options: AggregationOptions
    /// The census day the population figures refer to.
    public var populationDate: String
    /// Every source file in the store, ordered by path.
    public var sources: [DraftSource]
    /// The financing standards version the costs were computed with; nil without standards.
    public var standardsVersion: String?
    /// `example` or `official`; nil without standards.
    public var standardsStatus: StandardsStatus?
    /// The full standards used (modes and amounts); nil without standards.
    public var standards: FinancingStandards?
    /// The target-group populations per municipality that replaced the criteria's shares; nil
    /// when none were given.
    public var indicators: TargetGroupIndicators?

    public init(
        formatVersion: Int = 2, kartaVersion: String = KartaModel.kartaVersion,
        criteria: PlanningCriteria, options: AggregationOptions, populationDate: String,
        sources: [DraftSource], standards: FinancingStandards? = nil, indicators: TargetGroupIndicators? = nil
    ) {
        self.formatVersion = formatVersion
        self.kartaVersion = kartaVersion
        self.criteriaVersion = criteria.version
        self.criteriaStatus = criteria.status
        self.criteria = criteria
        self.options = options
        self.populationDate = populationDate
        self.sources = sources
        self.standardsVersion = standards?.version
        self.standardsStatus = standards?.status
        self.standards = standards
        self.indicators = indicators
        var identity =
            [
                kartaVersion, criteria.version, criteria.status, "\(options.sourcePolicy)",
                "\(options.includeLineage)",
            ] + sources.map { "\($0.kind) \($0.sha256)" }
        // Drafts without standards or indicators keep the identity they had before these existed.
        if let standards { identity.append("standards \(standards.version) \(standards.status.rawValue)") }
        if let indicators { identity.append("indicators \(indicators.version) \(indicators.status.rawValue)") }
        draftID = FileDigest.sha256(Data(identity.joined(separator: "\n").utf8))
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case draftID = "draft_id"
        case kartaVersion = "karta_version"
        case criteriaVersion = "criteria_version"
        case criteriaStatus = "criteria_status"
        case criteria
        case options
        case populationDate = "population_date"
        case sources
        case standardsVersion = "standards_version"
        case standardsStatus = "standards_status"
        case standards
        case indicators
    }
}

/// A source file as stored: identity, content hash and row accounting.
public struct DraftSource: Sendable, Codable, Hashable {
    public var id: Int64
    public var path: String
    public var sha256: String
    /// `municipal-register`, `asp-export`, `proposal` or `adopted-map`.
    public var kind: String
    public var format: String
    public var rowsRead: Int
    public var loaded: Int
    public var rejected: Int
    public var nonData: Int

    enum CodingKeys: String, CodingKey {
        case id
        case path
        case sha256
        case kind
        case format
        case rowsRead = "rows_read"
        case loaded
        case rejected
        case nonData = "non_data"
    }
}

/// The totals of one area, whatever the kind: what `karta aggregate` prints.
public struct AreaSummary: Sendable, Codable, Hashable {
    public var level: AreaLevel
    /// `SZR31`, `SZR` or `BG`.
    public var code: String
    /// Bulgarian name from the registry (`България` for `BG`).
    public var name: String
    /// The parent district's code, for municipalities.
    public var districtCode: String?
    public var population: Int
    /// Counted records (services), all kinds.
    public var records: Int
    public var capacity: Int
    public var users: Int
    public var stateDelegatedCapacity: Int
    /// Sum of the cells' maximum users.
    public var maximumUsers: Int
    /// Places per 1,000 inhabitants (`PerThousand`: 2 decimals).
    public var placesPerThousandInhabitants: Double?
    /// Capacity per primary kind; only kinds with records, in ``ServiceKind`` order.
    public var capacityByKind: [KindCapacity]
    /// Records planned at district level included in a district's (and the nation's) totals.
    public var districtLevelRecords: Int
    /// Services (records) whose capacity is unknown: counted in ``records``, left out of
    /// ``capacity``. 0 when read from a draft written before the count existed.
    public var unknownCapacityServices: Int = 0
    /// What the registers say about the area's counted services (money, waiting lists, months
    /// without users). Zero when read from a draft written before it existed.
    public var registers: RegisterTotals = .zero
    /// Register and proposal records located in the area, at any level, counted or not: 0 means
    /// the area sent nothing („няма данни"), whatever the АСП export says.
    public var submittedRecords: Int
    /// For a municipality: the services planned at district level located in it, which it
    /// manages and is funded for (ЗСУ Art. 55). They count in the district's totals, not in the
    /// municipality's `records`/`capacity`. Nil for districts and the nation.
    public var hosted: HostedServices?
    /// The costs of the area's cells under the financing standards; nil without standards.
    public var cost: AreaCost?

    /// Whether the area sent anything or has counted services: false means „няма данни".
    public var hasData: Bool { submittedRecords > 0 || records > 0 || (hosted?.records ?? 0) > 0 }

    enum CodingKeys: String, CodingKey {
        case level
        case code
        case name
        case districtCode = "district_code"
        case population
        case records
        case capacity
        case users
        case stateDelegatedCapacity = "state_delegated_capacity"
        case maximumUsers = "maximum_users"
        case placesPerThousandInhabitants = "places_per_thousand_inhabitants"
        case capacityByKind = "capacity_by_kind"
        case districtLevelRecords = "district_level_records"
        case unknownCapacityServices = "unknown_capacity_services"
        case registers
        case submittedRecords = "submitted_records"
        case hosted
        case cost
    }
}

/// The district-level services located in one municipality.
public struct HostedServices: Sendable, Codable, Hashable {
    public var records: Int
    public var capacity: Int
    public var users: Int
    public var stateDelegatedCapacity: Int
    /// Capacity per primary kind; only kinds with records, in ``ServiceKind`` order.
    public var capacityByKind: [KindCapacity]
    /// Hosted services whose capacity is unknown: counted in ``records``, left out of
    /// ``capacity``. 0 when read from a draft written before the count existed.
    public var unknownCapacityServices: Int

    public init(
        records: Int, capacity: Int, users: Int, stateDelegatedCapacity: Int, capacityByKind: [KindCapacity],
        unknownCapacityServices: Int = 0
    ) {
        self.records = records
        self.capacity = capacity
        self.users = users
        self.stateDelegatedCapacity = stateDelegatedCapacity
        self.capacityByKind = capacityByKind
        self.unknownCapacityServices = unknownCapacityServices
    }

    enum CodingKeys: String, CodingKey {
        case records
        case capacity
        case users
        case stateDelegatedCapacity = "state_delegated_capacity"
        case capacityByKind = "capacity_by_kind"
        case unknownCapacityServices = "unknown_capacity_services"
    }
}

extension HostedServices {
    /// Reads a hosted block of a draft; drafts written before `unknownCapacityServices` existed
    /// read it as 0.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        records = try container.decode(Int.self, forKey: .records)
        capacity = try container.decode(Int.self, forKey: .capacity)
        users = try container.decode(Int.self, forKey: .users)
        stateDelegatedCapacity = try container.decode(Int.self, forKey: .stateDelegatedCapacity)
        capacityByKind = try container.decode([KindCapacity].self, forKey: .capacityByKind)
        unknownCapacityServices =
            try container.decodeIfPresent(Int.self, forKey: .unknownCapacityServices) ?? 0
    }
}

/// Capacity of one kind in an area.
public struct KindCapacity: Sendable, Codable, Hashable {
    public var kind: ServiceKind
    public var records: Int
    public var capacity: Int
}

/// Rejected rows of one source file for one reason.
public struct RejectSummary: Sendable, Codable, Hashable {
    /// The municipality the rows belong to: the file's only municipality, or, in a file that
    /// spans several, the one named in the row (see `DraftSources.rejects`); nil when unknown.
    public var municipalityCode: String?
    public var sourcePath: String
    public var reason: String
    public var count: Int

    enum CodingKeys: String, CodingKey {
        case municipalityCode = "municipality_code"
        case sourcePath = "source_path"
        case reason
        case count
    }
}

extension AreaSummary {
    /// Reads an area of a draft; drafts written before `submittedRecords` existed read it as the
    /// area's records (what they counted as data).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        level = try container.decode(AreaLevel.self, forKey: .level)
        code = try container.decode(String.self, forKey: .code)
        name = try container.decode(String.self, forKey: .name)
        districtCode = try container.decodeIfPresent(String.self, forKey: .districtCode)
        population = try container.decode(Int.self, forKey: .population)
        records = try container.decode(Int.self, forKey: .records)
        capacity = try container.decode(Int.self, forKey: .capacity)
        users = try container.decode(Int.self, forKey: .users)
        stateDelegatedCapacity = try container.decode(Int.self, forKey: .stateDelegatedCapacity)
        maximumUsers = try container.decode(Int.self, forKey: .maximumUsers)
        placesPerThousandInhabitants = try container.decodeIfPresent(
            Double.self, forKey: .placesPerThousandInhabitants)
        capacityByKind = try container.decode([KindCapacity].self, forKey: .capacityByKind)
        districtLevelRecords = try container.decode(Int.self, forKey: .districtLevelRecords)
        unknownCapacityServices =
            try container.decodeIfPresent(Int.self, forKey: .unknownCapacityServices) ?? 0
        registers = try container.decodeIfPresent(RegisterTotals.self, forKey: .registers) ?? .zero
        submittedRecords = try container.decodeIfPresent(Int.self, forKey: .submittedRecords) ?? records
        hosted = try container.decodeIfPresent(HostedServices.self, forKey: .hosted)
        cost = try container.decodeIfPresent(AreaCost.self, forKey: .cost)
    }
}
