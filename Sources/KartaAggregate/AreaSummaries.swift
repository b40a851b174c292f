import KartaModel

/// Builds ``AreaSummary`` values from draft cells.
enum AreaSummaries {
    static let nationalName = "България"

    static func make(
        cells: [MapCell], rollup: Rollup, registry: ReferenceRegistry, scope: AggregationScope,
        includeEmpty: Bool
    ) -> [AreaSummary] {
        var byArea: [String: [MapCell]] = [:]
        for cell in cells { byArea["\(cell.level.rawValue)/\(cell.areaCode)", default: []].append(cell) }
        var districtLevelRecords: [String: Int] = [:]
        for (key, sums) in rollup.districtPlanned {
            districtLevelRecords[key.areaCode, default: 0] += sums.services
            districtLevelRecords[nationalAreaCode, default: 0] += sums.services
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
                guard includeEmpty || records > 0 || level == .national else { continue }
                result.append(
                    summary(
                        level: level, code: code, cells: areaCells, registry: registry,
                        districtLevelRecords: level == .municipality ? 0 : districtLevelRecords[code] ?? 0))
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
        return AreaSummary(
            level: level, code: code, name: name, districtCode: districtCode, population: population,
            records: cells.reduce(0) { $0 + $1.services }, capacity: capacity,
            users: cells.reduce(0) { $0 + $1.users },
            stateDelegatedCapacity: cells.reduce(0) { $0 + $1.stateDelegatedCapacity },
            maximumUsers: cells.reduce(0) { $0 + $1.maximumUsers },
            placesPerThousandInhabitants: PerThousand.ratio(capacity, population: population),
            capacityByKind: byKind.values.sorted { $0.kind < $1.kind },
            districtLevelRecords: districtLevelRecords,
            unknownCapacityServices: cells.reduce(0) { $0 + $1.unknownCapacityServices })
    }
}
