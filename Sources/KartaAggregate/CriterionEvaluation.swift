import KartaModel

/// A criterion applied to one area: the rule, the statistics it used and the value it gives.
public struct AppliedCriterion: Sendable, Codable, Hashable {
    public var rule: CriterionRule
    /// The area's population the rule was computed from.
    public var population: Int
    /// The target group's population, for `per_1000_target_group` rules (nil when unavailable).
    public var targetGroupPopulation: Int?
    /// The maximum (or, for `fixed_minimum`, the minimum) number of users the rule gives,
    /// rounded half away from zero to 2 decimals; nil when the indicator is unavailable.
    public var value: Double?
    /// The indicator the value was computed from, with its unit and source (НПСУ Art. 3); nil
    /// when computed without one (``init(rule:population:groupPopulation:)``).
    public var indicator: CriterionIndicator?

    /// Computes the rule for an area of `population` inhabitants whose target group counts
    /// `targetGroupPopulation` people (nil: unavailable), recording the indicator used.
    public init(rule: CriterionRule, population: Int, targetGroupPopulation: Int?, indicator: CriterionIndicator?) {
        self.rule = rule
        self.population = population
        self.indicator = indicator
        switch rule.type {
        case .perThousandPopulation:
            value = Self.round2(rule.value * Double(population) / 1000)
        case .perThousandTargetGroup:
            self.targetGroupPopulation = targetGroupPopulation
            value = targetGroupPopulation.map { Self.round2(rule.value * Double($0) / 1000) }
        case .fixedMinimum:
            value = rule.value
        }
    }

    /// Computes the rule for an area of `population` inhabitants.
    public init(rule: CriterionRule, population: Int, groupPopulation: TargetGroupPopulation) {
        self.rule = rule
        self.population = population
        switch rule.type {
        case .perThousandPopulation:
            value = Self.round2(rule.value * Double(population) / 1000)
        case .perThousandTargetGroup:
            targetGroupPopulation = groupPopulation.population(of: rule.targetGroupCode, in: population)
            value = targetGroupPopulation.map { Self.round2(rule.value * Double($0) / 1000) }
        case .fixedMinimum:
            value = rule.value
        }
    }

    /// How `maximumUsers` stands against the criterion.
    ///
    /// `per_1000_*` rules: below `value × (1 − tolerance)` is below, above `value × (1 + tolerance)`
    /// is above, otherwise meets. `fixed_minimum`: below `value × (1 − tolerance)` is below,
    /// otherwise meets. No value (indicator unavailable): no criterion.
    public func status(maximumUsers: Int) -> CriterionStatus {
        guard let value else { return .noCriterion }
        let users = Double(maximumUsers)
        if users < value * (1 - rule.tolerance) { return .below }
        if rule.type != .fixedMinimum, users > value * (1 + rule.tolerance) { return .above }
        return .meets
    }

    /// Whether a proposal of `proposedUsers` goes beyond what the rule allows (never for
    /// `fixed_minimum`, which has no upper bound).
    public func isExceeded(by proposedUsers: Int) -> Bool {
        guard let value, rule.type != .fixedMinimum else { return false }
        return Double(proposedUsers) > value * (1 + rule.tolerance)
    }

    /// A one-line account of the computation, for `karta explain`.
    public var formula: String {
        let tolerance = "±\(Self.format(rule.tolerance * 100))%"
        switch rule.type {
        case .perThousandPopulation:
            return "\(rule.type.rawValue): \(Self.format(rule.value)) × \(population) inhabitants / 1000 = "
                + "\(value.map(Self.format) ?? "?") users (\(tolerance))"
        case .perThousandTargetGroup:
            guard let group = targetGroupPopulation, let value else {
                return "\(rule.type.rawValue): the population of '\(rule.targetGroupCode)' is unavailable"
            }
            return
                "\(rule.type.rawValue): \(Self.format(rule.value)) × \(group) (\(rule.targetGroupCode)) / 1000 = "
                + "\(Self.format(value)) users (\(tolerance))"
        case .fixedMinimum:
            return
                "\(rule.type.rawValue): at least \(Self.format(rule.value)) users (−\(Self.format(rule.tolerance * 100))%)"
        }
    }

    /// Rounds half away from zero to 2 decimals.
    static func round2(_ value: Double) -> Double {
        (value * 100).rounded(.toNearestOrAwayFromZero) / 100
    }

    /// Formats a number without a trailing `.0`, at most 2 decimals.
    static func format(_ value: Double) -> String {
        let rounded = round2(value)
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }

    enum CodingKeys: String, CodingKey {
        case rule
        case population
        case targetGroupPopulation = "target_group_population"
        case value
        case indicator
    }
}
