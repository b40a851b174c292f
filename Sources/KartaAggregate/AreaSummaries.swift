import KartaModel

/// Builds ``AreaSummary`` values from draft cells.
enum AreaSummaries {
    static let nationalName = "България"

    static func make(
        cells: [MapCell], rollup: Rollup, registry: ReferenceRegistry, scope: AggregationScope,
        includeEmpty: Bool, costed: Bool = false
    ) -> [AreaSummary] {
        var byArea: [String: [MapCell]] = [:]
        for cell in cells { byArea["\(cell.level.rawValue)/\(cell.areaCode)", default: []].append(cell) }
        var districtLevelRecords: [String: Int] = [:]
        for (key, sums) in rollup.districtPlanned {
            districtLevelRecords[key.areaCode, default: 0] += sums.services
            districtLevelRecords[nationalAreaCode, default: 0] += sums.services
        }
        var submitted: [String: Int] = [:]
        for (municipality, count) in rollup.submitted {
            submitted[municipality, default: 0] += count
            let district = registry.municipality(code: municipality)?.districtCode
            if let district { submitted[district, default: 0] += count }
            submitted[nationalAreaCode, default: 0] += count
        }
        let assembler = CellAssembler(criteria: .none, registry: registry, scope: scope)
        var result: [AreaSummary] = []
        for level in AreaLevel.allCases {
            var codes = assembler.areas(at: level).map(\.code)
            // Areas with records that the registry does not know still appear (named by code).
            let known = Set(codes)
            codes += Set(cells.filter { $0.level == level && !known.contains($0.areaCode) }.map(\.areaCode))
                .sorted()
            for code in codes {
                let areaCells = byArea["\(level.rawValue)/\(code)"] ?? []
                let records = areaCells.reduce(0) { $0 + $1.services }
                let hosted = level == .municipality ? hostedServices(code, rollup: rollup) : nil
                guard includeEmpty || records > 0 || (hosted?.records ?? 0) > 0 || level == .national
                else { continue }
                var area = summary(
                    level: level, code: code, cells: areaCells, registry: registry,
                    districtLevelRecords: level == .municipality ? 0 : districtLevelRecords[code] ?? 0)
                area.hosted = hosted
                area.submittedRecords = submitted[code] ?? 0
                if costed { area.cost = cost(of: areaCells) }
                result.append(area)
            }
        }
        return result
    }

    private static func summary(
        level: AreaLevel, code: String, cells: [MapCell], registry: ReferenceRegistry,
        districtLevelRecords: Int
    ) -> AreaSummary {
        var name = code
        var population = 0
        var districtCode: String?
        switch level {
        case .municipality:
            if let municipality = registry.municipality(code: code) {
                name = municipality.nameBG
                population = municipality.population
                districtCode = municipality.districtCode
            }
        case .district:
            if let district = registry.district(code: code) {
                name = district.nameBG
                population = district.population
            }
        case .national:
            name = nationalName
            population = registry.nationalPopulation
        }
        var byKind: [ServiceKind: KindCapacity] = [:]
        for cell in cells where cell.services > 0 {
            byKind[cell.kind, default: KindCapacity(kind: cell.kind, records: 0, capacity: 0)].records +=
                cell.services
            byKind[cell.kind, default: KindCapacity(kind: cell.kind, records: 0, capacity: 0)].capacity +=
                cell.capacity
        }
        let capacity = cells.reduce(0) { $0 + $1.capacity }
        var registers = RegisterTotals.zero
        for cell in cells { registers += cell.registers }
        var summary = AreaSummary(
            level: level, code: code, name: name, districtCode: districtCode, population: population,
            records: cells.reduce(0) { $0 + $1.services }, capacity: capacity,
            users: cells.reduce(0) { $0 + $1.users },
            stateDelegatedCapacity: cells.reduce(0) { $0 + $1.stateDelegatedCapacity },
            maximumUsers: cells.reduce(0) { $0 + $1.maximumUsers },
            placesPerThousandInhabitants: PerThousand.ratio(capacity, population: population),
            capacityByKind: byKind.values.sorted { $0.kind < $1.kind },
            districtLevelRecords: districtLevelRecords,
            unknownCapacityServices: cells.reduce(0) { $0 + $1.unknownCapacityServices },
            submittedRecords: 0, hosted: nil)
        summary.registers = registers
        return summary
    }

    /// The sum of the cells' known costs, and the cells (and their users) without a standard.
    static func cost(of cells: [MapCell]) -> AreaCost {
        let unknown = cells.filter { $0.cost?.status != .known }
        return AreaCost(
            knownCostBGN: Money.sum(cells.compactMap { $0.cost?.costBGN }), unknownCostCells: unknown.count,
            unknownCostUsers: unknown.reduce(0) { $0 + $1.maximumUsers })
    }

    /// The district-level services located in a municipality (nil-free: zeros without any).
    private static func hostedServices(_ code: String, rollup: Rollup) -> HostedServices {
        let sums = rollup.hosted[code] ?? CellSums()
        let byKind = (rollup.hostedByKind[code] ?? [:]).map {
            KindCapacity(kind: $0.key, records: $0.value.records, capacity: $0.value.capacity)
        }
        return HostedServices(
            records: sums.services, capacity: sums.capacity, users: sums.users,
            stateDelegatedCapacity: sums.stateDelegatedCapacity,
            capacityByKind: byKind.sorted { $0.kind < $1.kind },
            unknownCapacityServices: sums.unknownCapacityServices)
    }
}
