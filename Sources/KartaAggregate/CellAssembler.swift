import KartaModel

/// Turns a ``Rollup`` into draft cells: adds the cells that criteria and minimum packages ask
/// for, applies the criteria, computes the population-relative figures, and orders the cells.
struct CellAssembler: Sendable {
    var criteria: PlanningCriteria
    var registry: ReferenceRegistry
    var scope: AggregationScope
    /// The financing standards that cost the cells; nil: cells carry no cost.
    var standards: FinancingStandards? = nil
    /// Target-group populations per municipality that replace the criteria's shares.
    var indicators: TargetGroupIndicators? = nil

    /// The indicators of the criteria, from the criteria's shares and ``indicators``.
    var criterionIndicators: CriterionIndicators {
        CriterionIndicators(criteria: criteria, indicators: indicators, registry: registry)
    }

    /// The areas of a level within the scope, with their population.
    func areas(at level: AreaLevel) -> [(code: String, population: Int)] {
        switch (level, scope) {
        case (.municipality, .all):
            return registry.municipalities.map { ($0.code, $0.population) }
        case (.municipality, .district(let code)):
            return registry.municipalities(inDistrict: code).map { ($0.code, $0.population) }
        case (.municipality, .municipality(let code)):
            return registry.municipality(code: code).map { [($0.code, $0.population)] } ?? []
        case (.district, .all):
            return registry.districts.map { ($0.code, $0.population) }
        case (.district, .district(let code)):
            return registry.district(code: code).map { [($0.code, $0.population)] } ?? []
        case (.national, .all):
            return [(nationalAreaCode, registry.nationalPopulation)]
        default:
            return []
        }
    }

    func population(of code: String, at level: AreaLevel) -> Int? {
        switch level {
        case .municipality: registry.municipality(code: code)?.population
        case .district: registry.district(code: code)?.population
        case .national: registry.nationalPopulation
        }
    }

    func cells(from rollup: Rollup) -> [MapCell] {
        var result: [MapCell] = []
        for level in AreaLevel.allCases {
            var table = rollup.cells(at: level)
            var missing: Set<CellKey> = []
            if level != .national {
                addRuleCells(to: &table, level: level)
                missing = addMinimumPackage(to: &table, level: level)
            }
            for (key, sums) in table.sorted(by: { $0.key < $1.key }) {
                result.append(
                    cell(key: key, sums: sums, level: level, missingFromPackage: missing.contains(key)))
            }
        }
        return result
    }

    /// Every area of the level gets a cell for every rule of the level, so a criterion with no
    /// service behind it shows as `below`.
    private func addRuleCells(to table: inout [CellKey: CellSums], level: AreaLevel) {
        let rules = criteria.rules.filter { $0.level == level }
        guard !rules.isEmpty else { return }
        for area in areas(at: level) {
            for rule in rules {
                let key = CellKey(
                    areaCode: area.code, kind: rule.kind, targetGroup: targetGroup(rule.targetGroupCode))
                if table[key] == nil { table[key] = CellSums() }
            }
        }
    }

    /// Marks (or adds) cells for kinds of the minimum package an area lacks; returns their keys.
    private func addMinimumPackage(to table: inout [CellKey: CellSums], level: AreaLevel) -> Set<CellKey> {
        let package = criteria.minimumPackage(at: level)
        guard !package.isEmpty else { return [] }
        var present: [String: [CellKey]] = [:]
        var all: [String: [CellKey]] = [:]
        for (key, sums) in table where package.contains(where: { $0.kind == key.kind }) {
            all[key.areaCode, default: []].append(key)
            if sums.services > 0 || sums.maximumUsers > 0 { present[key.areaCode, default: []].append(key) }
        }
        var missing: Set<CellKey> = []
        for area in areas(at: level) {
            for entry in package {
                let matches = { (key: CellKey) in
                    key.kind == entry.kind
                        && (entry.targetGroupCode == nil || key.targetGroup.code == entry.targetGroupCode)
                }
                if (present[area.code] ?? []).contains(where: matches) { continue }
                let empty = (all[area.code] ?? []).filter(matches)
                if empty.isEmpty {
                    let key = CellKey(
                        areaCode: area.code, kind: entry.kind,
                        targetGroup: entry.targetGroupCode.map(targetGroup) ?? .unspecified)
                    table[key] = CellSums()
                    missing.insert(key)
                } else {
                    missing.formUnion(empty)
                }
            }
        }
        return missing
    }

    private func targetGroup(_ code: String) -> TargetGroup {
        TargetGroup.catalogue.first { $0.code == code } ?? TargetGroup(code: code, nameBG: code)
    }

    private func cell(key: CellKey, sums: CellSums, level: AreaLevel, missingFromPackage: Bool) -> MapCell {
        let population = population(of: key.areaCode, at: level)
        var status = CriterionStatus.noCriterion
        var criterionValue: Double?
        var flags = sums.flags
        var indicator: CriterionIndicator?
        if let population,
            let rule = criteria.rule(kind: key.kind, targetGroup: key.targetGroup, level: level)
        {
            let applied = criterionIndicators.applied(
                rule: rule, group: key.targetGroup, areaCode: key.areaCode, level: level, population: population)
            indicator = applied.indicator
            criterionValue = applied.value
            status = applied.status(maximumUsers: sums.maximumUsers)
            if let proposed = sums.proposedUsers, applied.isExceeded(by: proposed) {
                flags.insert(.proposalExceedsCriterion)
            }
        }
        if missingFromPackage { status = .missingFromMinimumPackage }
        let groupPopulation = population.flatMap {
            criterionIndicators.groupPopulation(
                of: key.targetGroup, areaCode: key.areaCode, level: level, population: $0
            ).value
        }
        var cell = MapCell(
            level: level, areaCode: key.areaCode, kind: key.kind, targetGroup: key.targetGroup,
            services: sums.services, capacity: sums.capacity,
            stateDelegatedCapacity: sums.stateDelegatedCapacity,
            users: sums.users, maximumUsers: sums.maximumUsers, proposedUsers: sums.proposedUsers,
            criterionValue: criterionValue, status: status, flags: flags.sorted(), recordIDs: sums.recordIDs,
            proposalRecordIDs: sums.proposalRecordIDs,
            occupancy: Occupancy.ratio(users: sums.users, capacity: sums.capacity),
            placesPerThousandInhabitants: PerThousand.ratio(sums.capacity, population: population),
            placesPerThousandTargetGroup: PerThousand.ratio(sums.capacity, population: groupPopulation),
            unknownCapacityServices: sums.unknownCapacityServices,
            cost: standards?.cost(
                users: sums.maximumUsers, kind: key.kind, targetGroupCode: key.targetGroup.code),
            criterionIndicator: indicator)
        cell.registers = sums.registers
        return cell
    }
}

/// Users per place with one documented rounding rule.
public enum Occupancy {
    /// `users / capacity`, rounded half away from zero to 4 decimals; nil without capacity.
    public static func ratio(users: Int, capacity: Int) -> Double? {
        guard capacity > 0 else { return nil }
        return (Double(users) / Double(capacity) * 10_000).rounded(.toNearestOrAwayFromZero) / 10_000
    }
}
