import KartaModel

/// How a cell of the draft stands against the adopted Map.
public enum MapComparisonStatus: String, Sendable, Codable, CaseIterable {
    /// In the draft with users, not in the adopted Map.
    case new
    /// In the adopted Map, not in the draft (or with no users in it).
    case removed
    /// The draft allows more users than the adopted Map.
    case increased
    /// The draft allows fewer users than the adopted Map.
    case decreased
    case unchanged
}

/// One cell of the draft next to the same cell of the adopted Map (area × kind × target group,
/// at the same level).
public struct MapComparisonCell: Sendable, Codable, Hashable {
    public var level: AreaLevel
    /// `SZR31`, `SZR` or `BG`.
    public var areaCode: String
    public var kind: ServiceKind
    public var targetGroup: TargetGroup
    /// The adopted Map's maximum users; nil when the Map has no such cell.
    public var adoptedMaximumUsers: Int?
    /// The draft's maximum users; nil when the draft has no such cell.
    public var draftMaximumUsers: Int?
    /// Draft minus adopted (a missing side counts as 0).
    public var difference: Int
    public var status: MapComparisonStatus
    /// Current state-delegated capacity of the cell (0 when the draft has no such cell).
    public var stateDelegatedCapacity: Int
    /// Current users of the cell (0 when the draft has no such cell).
    public var users: Int
    /// The current state-delegated capacity, or the current users, exceed the adopted Map's
    /// maximum (ЗСУ Art. 43(2): the state funds no more users than the Map's maximum); a cell
    /// with state-delegated capacity that the Map lacks exceeds a maximum of 0 (Art. 43(1)).
    public var exceedsMap: Bool

    public init(
        level: AreaLevel, areaCode: String, kind: ServiceKind, targetGroup: TargetGroup,
        adoptedMaximumUsers: Int?, draftMaximumUsers: Int?, stateDelegatedCapacity: Int, users: Int
    ) {
        self.level = level
        self.areaCode = areaCode
        self.kind = kind
        self.targetGroup = targetGroup
        self.adoptedMaximumUsers = adoptedMaximumUsers
        self.draftMaximumUsers = draftMaximumUsers
        self.stateDelegatedCapacity = stateDelegatedCapacity
        self.users = users
        let adopted = adoptedMaximumUsers ?? 0
        let drafted = draftMaximumUsers ?? 0
        difference = drafted - adopted
        status = Self.status(adopted: adoptedMaximumUsers, drafted: drafted)
        exceedsMap =
            stateDelegatedCapacity > adopted || (adoptedMaximumUsers != nil && users > adopted)
    }

    private static func status(adopted: Int?, drafted: Int) -> MapComparisonStatus {
        guard let adopted else { return drafted > 0 ? .new : .unchanged }
        if drafted == 0, adopted > 0 { return .removed }
        if drafted > adopted { return .increased }
        if drafted < adopted { return .decreased }
        return .unchanged
    }

    enum CodingKeys: String, CodingKey {
        case level
        case areaCode = "area_code"
        case kind
        case targetGroup = "target_group"
        case adoptedMaximumUsers = "adopted_maximum_users"
        case draftMaximumUsers = "draft_maximum_users"
        case difference, status
        case stateDelegatedCapacity = "state_delegated_capacity"
        case users
        case exceedsMap = "exceeds_map"
    }
}

/// The maximum users of one area in the adopted Map and in the draft.
public struct MapComparisonArea: Sendable, Codable, Hashable {
    public var level: AreaLevel
    public var areaCode: String
    public var adoptedMaximumUsers: Int
    public var draftMaximumUsers: Int
    public var difference: Int
    /// Cells of the area whose status is not `unchanged`.
    public var changedCells: Int
    /// Cells of the area flagged `exceeds_map`.
    public var exceedsMapCells: Int

    enum CodingKeys: String, CodingKey {
        case level
        case areaCode = "area_code"
        case adoptedMaximumUsers = "adopted_maximum_users"
        case draftMaximumUsers = "draft_maximum_users"
        case difference
        case changedCells = "changed_cells"
        case exceedsMapCells = "exceeds_map_cells"
    }
}

/// The draft compared with the adopted Map, cell by cell and area by area (ЗСУ Art. 36: an
/// update is drafted against the Map in force).
///
/// The adopted lines are summed the way the draft sums its cells: a municipal-level line into
/// its municipality's cell, a district-level line into its district's cell; a district cell adds
/// its municipalities' cells, the national cell every district's.
public struct MapComparison: Sendable, Codable, Hashable {
    /// The adopted Map files compared with, by path.
    public var sources: [String]
    /// Every cell in the draft or in the adopted Map, in draft order (level, area, kind, target
    /// group); draft cells with no users in either are left out.
    public var cells: [MapComparisonCell]
    /// Per area with a compared cell, in the same order.
    public var areas: [MapComparisonArea]

    public init(sources: [String], cells: [MapComparisonCell]) {
        self.sources = sources
        self.cells = cells
        var areas: [MapComparisonArea] = []
        for cell in cells {
            if areas.last?.level != cell.level || areas.last?.areaCode != cell.areaCode {
                areas.append(
                    MapComparisonArea(
                        level: cell.level, areaCode: cell.areaCode, adoptedMaximumUsers: 0, draftMaximumUsers: 0,
                        difference: 0, changedCells: 0, exceedsMapCells: 0))
            }
            areas[areas.count - 1].adoptedMaximumUsers += cell.adoptedMaximumUsers ?? 0
            areas[areas.count - 1].draftMaximumUsers += cell.draftMaximumUsers ?? 0
            areas[areas.count - 1].difference += cell.difference
            if cell.status != .unchanged { areas[areas.count - 1].changedCells += 1 }
            if cell.exceedsMap { areas[areas.count - 1].exceedsMapCells += 1 }
        }
        self.areas = areas
    }

    /// Compares `cells` (a draft's, all levels) with the adopted Map's `entries`, read from the
    /// files at `sources`.
    public init(cells draftCells: [MapCell], entries: [AdoptedMapEntry], sources: [String]) {
        var adopted: [AreaLevel: [CellKey: Int]] = [:]
        for entry in entries {
            let maximum = entry.maximumUsers ?? 0
            let district = entry.districtCode
            if entry.level == .municipal, let municipality = entry.municipalityCode {
                adopted[.municipality, default: [:]][
                    CellKey(areaCode: municipality, kind: entry.kind, targetGroup: entry.targetGroup), default: 0] +=
                    maximum
            }
            adopted[.district, default: [:]][
                CellKey(areaCode: district, kind: entry.kind, targetGroup: entry.targetGroup), default: 0] += maximum
            adopted[.national, default: [:]][
                CellKey(areaCode: nationalAreaCode, kind: entry.kind, targetGroup: entry.targetGroup), default: 0] +=
                maximum
        }
        var compared: [(AreaLevel, CellKey, MapComparisonCell)] = []
        var seen: Set<CellKey> = []
        for cell in draftCells {
            let key = CellKey(areaCode: cell.areaCode, kind: cell.kind, targetGroup: cell.targetGroup)
            let adoptedMaximum = adopted[cell.level]?[key]
            if adoptedMaximum != nil { seen.insert(Self.levelled(cell.level, key)) }
            guard adoptedMaximum != nil || cell.maximumUsers > 0 || cell.stateDelegatedCapacity > 0 else { continue }
            compared.append(
                (
                    cell.level, key,
                    MapComparisonCell(
                        level: cell.level, areaCode: cell.areaCode, kind: cell.kind, targetGroup: cell.targetGroup,
                        adoptedMaximumUsers: adoptedMaximum, draftMaximumUsers: cell.maximumUsers,
                        stateDelegatedCapacity: cell.stateDelegatedCapacity, users: cell.users)
                ))
        }
        for (level, table) in adopted {
            for (key, maximum) in table where !seen.contains(Self.levelled(level, key)) {
                compared.append(
                    (
                        level, key,
                        MapComparisonCell(
                            level: level, areaCode: key.areaCode, kind: key.kind, targetGroup: key.targetGroup,
                            adoptedMaximumUsers: maximum, draftMaximumUsers: nil, stateDelegatedCapacity: 0,
                            users: 0)
                    ))
            }
        }
        compared.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        self.init(sources: sources.sorted(), cells: compared.map(\.2))
    }

    /// A key that also tells the level (the same code never names two levels, but `BG` could).
    private static func levelled(_ level: AreaLevel, _ key: CellKey) -> CellKey {
        CellKey(areaCode: "\(level.rawValue):\(key.areaCode)", kind: key.kind, targetGroup: key.targetGroup)
    }

    /// The cells whose status is not `unchanged`, or that exceed the Map.
    public var notableCells: [MapComparisonCell] {
        cells.filter { $0.status != .unchanged || $0.exceedsMap }
    }

    enum CodingKeys: String, CodingKey {
        case sources, cells, areas
    }
}
