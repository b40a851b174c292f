/// What a cell costs the state budget under the financing standards (ЗСУ Art. 45): the cell's
/// maximum users × the standard per user per year of its kind, target group and mode of use.
///
/// A cell whose kind × group × mode has no standard has an unknown cost (``status`` is
/// ``CostStatus/unknownStandard``, ``costBGN`` is nil): it is counted and listed, never taken as 0.
public struct CellCost: Sendable, Codable, Hashable {
    /// The mode of use the standard is for (`residential`, `day`, `hourly`, `mobile`, … — codes
    /// of the standards file); nil when the file gives the kind no mode.
    public var mode: String?
    public var status: CostStatus
    /// BGN per user per year; nil when no standard applies.
    public var standardBGN: Double?
    /// Maximum users × standard, in BGN (2 decimals); nil when the standard is unknown.
    public var costBGN: Double?

    public init(mode: String?, status: CostStatus, standardBGN: Double?, costBGN: Double?) {
        self.mode = mode
        self.status = status
        self.standardBGN = standardBGN
        self.costBGN = costBGN
    }

    enum CodingKeys: String, CodingKey {
        case mode
        case status
        case standardBGN = "standard_bgn_per_user_year"
        case costBGN = "cost_bgn"
    }
}

/// Whether a cell's cost is known.
public enum CostStatus: String, Sendable, Codable, CaseIterable, Hashable {
    /// A standard applies: the cost is maximum users × standard.
    case known
    /// No standard for the cell's kind × target group × mode: the cost is unknown (never 0).
    case unknownStandard = "unknown_standard"
}

/// The costs of an area: the sum of its cells' known costs and how many cells (and their
/// maximum users) have no standard, so the sum leaves them out.
public struct AreaCost: Sendable, Codable, Hashable {
    /// Sum of the known costs of the area's cells, BGN (2 decimals).
    public var knownCostBGN: Double
    /// Cells of the area without a standard (their cost is unknown, not in ``knownCostBGN``).
    public var unknownCostCells: Int
    /// The maximum users of those cells.
    public var unknownCostUsers: Int

    public init(knownCostBGN: Double, unknownCostCells: Int, unknownCostUsers: Int) {
        self.knownCostBGN = knownCostBGN
        self.unknownCostCells = unknownCostCells
        self.unknownCostUsers = unknownCostUsers
    }

    /// Whether every cell's cost is known (the sum is then the area's whole cost).
    public var isComplete: Bool { unknownCostCells == 0 }

    enum CodingKeys: String, CodingKey {
        case knownCostBGN = "known_cost_bgn"
        case unknownCostCells = "unknown_cost_cells"
        case unknownCostUsers = "unknown_cost_users"
    }
}

/// The indicator a criterion was computed from (НПСУ Art. 3: official sources only): its value,
/// its unit and where it comes from.
public struct CriterionIndicator: Sendable, Codable, Hashable {
    /// What is counted, in Bulgarian: „население на общината", „лица в надтрудоспособна възраст".
    public var name: String
    /// The figure the rule used; nil when it is unavailable (or the rule needs none).
    public var value: Int?
    /// The unit of ``value``, in Bulgarian („души").
    public var unit: String
    /// Where the figure comes from: one source, or several when an area sums municipalities of
    /// different origin.
    public var sources: [IndicatorSource]

    public init(name: String, value: Int?, unit: String, sources: [IndicatorSource]) {
        self.name = name
        self.value = value
        self.unit = unit
        self.sources = sources
    }

    /// The sources as one line: `file (official source); …`.
    public var sourceText: String {
        sources.map { source in
            [source.file, source.officialSource].compactMap { $0 }.joined(separator: " — ")
        }.joined(separator: "; ")
    }
}

/// One source of an indicator: the file karta read it from and the official source it names.
public struct IndicatorSource: Sendable, Codable, Hashable {
    /// The file (relative to the pipeline's root), or nil when the figure is built in.
    public var file: String?
    /// The official source, e.g. „НСИ, преброяване 2021, население към 07.09.2021".
    public var officialSource: String

    public init(file: String?, officialSource: String) {
        self.file = file
        self.officialSource = officialSource
    }

    enum CodingKeys: String, CodingKey {
        case file
        case officialSource = "official_source"
    }
}
