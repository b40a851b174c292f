import KartaModel

/// Finds the indicators a criterion is computed from — an area's population, or a target
/// group's — with their unit and source (НПСУ Art. 3).
///
/// A target group's population in a municipality comes from the indicators file where it gives
/// one, otherwise from the criteria file's national share. A district's (or the country's) is the
/// criteria share of its population, unless the indicators file covers one of its
/// municipalities for the group: then it is the sum over its municipalities, each from the file
/// or from the share, and names both sources.
struct CriterionIndicators: Sendable {
    var criteria: PlanningCriteria
    var indicators: TargetGroupIndicators?
    var registry: ReferenceRegistry

    /// The census population of an area, as an indicator.
    func populationIndicator(areaCode: String, level: AreaLevel, population: Int) -> CriterionIndicator {
        let (name, file) =
            switch level {
            case .municipality: ("население на общината", "reference/municipalities.csv")
            case .district: ("население на областта", "reference/districts.csv")
            case .national: ("население на страната", "reference/national.csv")
            }
        return CriterionIndicator(
            name: name, value: population, unit: "души",
            sources: [
                IndicatorSource(
                    file: file, officialSource: "НСИ, Преброяване 2021, население към \(registry.populationDate)")
            ])
    }

    /// The population of a target group in an area and its sources; the value is nil when some
    /// part of it is unavailable.
    func groupPopulation(of group: TargetGroup, areaCode: String, level: AreaLevel, population: Int)
        -> CriterionIndicator
    {
        let unit = indicators?.unit ?? "души"
        var municipalities: [Municipality] = []
        switch level {
        case .municipality:
            if let figure = indicators?.population(of: group.code, municipality: areaCode), let indicators {
                return CriterionIndicator(name: group.nameBG, value: figure, unit: unit, sources: [indicators.source])
            }
        case .district:
            municipalities = registry.municipalities(inDistrict: areaCode)
        case .national:
            municipalities = registry.municipalities
        }
        let covered = municipalities.filter {
            indicators?.population(of: group.code, municipality: $0.code) != nil
        }
        guard let indicators, !covered.isEmpty else {
            return CriterionIndicator(
                name: group.nameBG,
                value: criteria.targetGroupPopulation.population(of: group.code, in: population), unit: unit,
                sources: [sharesSource])
        }
        var total: Int? = 0
        for municipality in municipalities {
            let part =
                indicators.population(of: group.code, municipality: municipality.code)
                ?? criteria.targetGroupPopulation.population(of: group.code, in: municipality.population)
            total = part.flatMap { value in total.map { $0 + value } }
        }
        let sources = covered.count == municipalities.count ? [indicators.source] : [indicators.source, sharesSource]
        return CriterionIndicator(name: group.nameBG, value: total, unit: unit, sources: sources)
    }

    /// The indicator a rule is computed from in an area: the area's population, the target
    /// group's, or (for a fixed minimum) none, named by the rule's own source.
    func indicator(for rule: CriterionRule, group: TargetGroup, areaCode: String, level: AreaLevel, population: Int)
        -> CriterionIndicator
    {
        switch rule.type {
        case .perThousandPopulation:
            return populationIndicator(areaCode: areaCode, level: level, population: population)
        case .perThousandTargetGroup:
            return groupPopulation(of: group, areaCode: areaCode, level: level, population: population)
        case .fixedMinimum:
            return CriterionIndicator(
                name: "без показател (минимален брой по критерия)", value: nil, unit: "потребители",
                sources: [IndicatorSource(file: criteria.sourcePath, officialSource: rule.indicatorSource)])
        }
    }

    /// The criterion of a rule applied to an area, with its indicator.
    func applied(rule: CriterionRule, group: TargetGroup, areaCode: String, level: AreaLevel, population: Int)
        -> AppliedCriterion
    {
        let indicator = indicator(for: rule, group: group, areaCode: areaCode, level: level, population: population)
        return AppliedCriterion(
            rule: rule, population: population,
            targetGroupPopulation: rule.type == .perThousandTargetGroup ? indicator.value : nil, indicator: indicator)
    }

    /// Where the criteria file's national shares come from.
    private var sharesSource: IndicatorSource {
        let official: String
        switch criteria.targetGroupPopulation {
        case .shares(_, let source): official = source
        case .unavailable(let source): official = source ?? "няма данни за населението на целевите групи"
        }
        return IndicatorSource(file: criteria.sourcePath, officialSource: official)
    }
}
