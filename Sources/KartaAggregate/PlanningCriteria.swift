import KartaModel

/// The planning criteria of the Ordinance on planning of social services (НПСУ, Chapter II) as
/// data: rules per service kind × target group × level, and minimum packages per area.
///
/// The numbers live in a versioned YAML file (`mappings/criteria.example.yml`); the code only
/// knows the rule types. Every output carries ``version`` and ``status``.
public struct PlanningCriteria: Sendable, Codable, Hashable {
    public var version: String
    /// What the values are, e.g. „примерни стойности — НЕ са нормите на Наредбата".
    public var status: String
    public var legalReference: String
    public var targetGroupPopulation: TargetGroupPopulation
    public var rules: [CriterionRule]
    public var minimumPackages: [MinimumPackage]
    /// The file the criteria came from (nil for ``none``).
    public var sourcePath: String?

    public init(
        version: String, status: String, legalReference: String,
        targetGroupPopulation: TargetGroupPopulation, rules: [CriterionRule],
        minimumPackages: [MinimumPackage], sourcePath: String? = nil
    ) {
        self.version = version
        self.status = status
        self.legalReference = legalReference
        self.targetGroupPopulation = targetGroupPopulation
        self.rules = rules
        self.minimumPackages = minimumPackages
        self.sourcePath = sourcePath
    }

    /// No criteria at all: every cell gets ``CriterionStatus/noCriterion``.
    public static let none = PlanningCriteria(
        version: "none", status: "no criteria file given", legalReference: "",
        targetGroupPopulation: .unavailable(source: nil), rules: [], minimumPackages: [])

    /// The rule for a cell, if any (the first in file order when a file repeats one; the loader
    /// refuses repeats).
    public func rule(kind: ServiceKind, targetGroup: TargetGroup, level: AreaLevel) -> CriterionRule? {
        rules.first { $0.kind == kind && $0.targetGroupCode == targetGroup.code && $0.level == level }
    }

    /// The minimum package of a level (empty when none is given).
    public func minimumPackage(at level: AreaLevel) -> [MinimumPackage.Entry] {
        minimumPackages.first { $0.level == level }?.entries ?? []
    }

    enum CodingKeys: String, CodingKey {
        case version
        case status
        case legalReference = "legal_reference"
        case targetGroupPopulation = "target_group_population"
        case rules
        case minimumPackages = "minimum_packages"
        case sourcePath = "source_path"
    }
}

/// How a rule turns an area's statistics into the maximum number of users it allows.
public enum CriterionRuleType: String, Sendable, Codable, CaseIterable, Hashable {
    /// `value` users per 1,000 inhabitants of the area.
    case perThousandPopulation = "per_1000_population"
    /// `value` users per 1,000 people of the target group in the area (needs its population).
    case perThousandTargetGroup = "per_1000_target_group"
    /// At least `value` users (places) in the area; there is no upper bound.
    case fixedMinimum = "fixed_minimum"
}

/// One criterion: kind × target group × level × rule.
public struct CriterionRule: Sendable, Codable, Hashable {
    public var kind: ServiceKind
    public var targetGroupCode: String
    public var level: AreaLevel
    public var type: CriterionRuleType
    public var value: Double
    /// Relative tolerance: 0.1 means a draft within ±10 % of the criterion meets it.
    public var tolerance: Double
    public var legalReference: String
    /// Where the indicator comes from (НПСУ Art. 3: official sources only).
    public var indicatorSource: String
    /// Line of the rule in the criteria file, for messages.
    public var line: Int?

    public init(
        kind: ServiceKind, targetGroupCode: String, level: AreaLevel, type: CriterionRuleType,
        value: Double, tolerance: Double, legalReference: String, indicatorSource: String,
        line: Int? = nil
    ) {
        self.kind = kind
        self.targetGroupCode = targetGroupCode
        self.level = level
        self.type = type
        self.value = value
        self.tolerance = tolerance
        self.legalReference = legalReference
        self.indicatorSource = indicatorSource
        self.line = line
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case targetGroupCode = "target_group_code"
        case level
        case type
        case value
        case tolerance
        case legalReference = "legal_reference"
        case indicatorSource = "indicator_source"
        case line
    }
}

/// The population of target groups, as shares of the total population, or unavailable.
public enum TargetGroupPopulation: Sendable, Codable, Hashable {
    /// Shares (0…1) of the population per target group code, with the indicator's source.
    case shares([String: Double], source: String)
    case unavailable(source: String?)

    /// The group's population in an area of `population` inhabitants, rounded to whole people
    /// (half away from zero); nil when unavailable.
    public func population(of groupCode: String, in population: Int) -> Int? {
        guard case .shares(let shares, _) = self, let share = shares[groupCode] else { return nil }
        return Int((Double(population) * share).rounded(.toNearestOrAwayFromZero))
    }
}

/// The kinds of service that must exist in every area of a level.
public struct MinimumPackage: Sendable, Codable, Hashable {
    /// One required service: a kind, for a given target group or (nil) for any.
    public struct Entry: Sendable, Codable, Hashable {
        public var kind: ServiceKind
        public var targetGroupCode: String?

        public init(kind: ServiceKind, targetGroupCode: String? = nil) {
            self.kind = kind
            self.targetGroupCode = targetGroupCode
        }

        enum CodingKeys: String, CodingKey {
            case kind
            case targetGroupCode = "target_group_code"
        }
    }

    public var level: AreaLevel
    public var entries: [Entry]

    public init(level: AreaLevel, entries: [Entry]) {
        self.level = level
        self.entries = entries
    }
}

extension TargetGroupPopulation {
    private enum CodingKeys: String, CodingKey {
        case status, shares, source
    }

    /// Whether shares are known; the `status` member of the JSON form.
    private enum Status: String, Codable {
        case shares, unavailable
    }

    /// Encodes as `{"status": "shares", "shares": {...}, "source": "..."}` or
    /// `{"status": "unavailable", "source": ...}`: named members, no positional `_0` keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .shares(let shares, let source):
            try container.encode(Status.shares, forKey: .status)
            try container.encode(shares, forKey: .shares)
            try container.encode(source, forKey: .source)
        case .unavailable(let source):
            try container.encode(Status.unavailable, forKey: .status)
            try container.encodeIfPresent(source, forKey: .source)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Status.self, forKey: .status) {
        case .shares:
            self = .shares(
                try container.decode([String: Double].self, forKey: .shares),
                source: try container.decode(String.self, forKey: .source))
        case .unavailable:
            self = .unavailable(source: try container.decodeIfPresent(String.self, forKey: .source))
        }
    }
}
