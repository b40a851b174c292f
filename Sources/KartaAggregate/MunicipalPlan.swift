import KartaModel
import KartaStore

/// A municipality's annual plan for social services (ЗСУ Art. 37–38, НПСУ Art. 59): the Map's
/// services for the municipality, the services it funds from its own budget, and the
/// district-level services it hosts. What `karta plan` and the pipeline's `plans` output write.
///
/// Deterministic: built from a draft and the store only (no wall clock), so the same inputs give
/// an equal plan.
public struct MunicipalPlan: Sendable, Hashable {
    public var year: Int
    public var municipality: Municipality
    public var districtCode: String
    public var districtName: String
    /// The reporting dates the municipality's data cover (ISO); nil when no record has a date.
    public var dataFrom: String?
    public var dataTo: String?
    public var criteriaVersion: String
    public var criteriaStatus: String
    /// The financing standards the costs use (version, status); nil without standards.
    public var standardsVersion: String?
    public var standardsStatus: StandardsStatus?
    /// The identity of the draft the plan was taken from (``MapDraftMetadata/draftID``): SHA-256
    /// of karta's version, the criteria and every source. The plan names no run id (a run id
    /// changes with every run, `--full-refresh` too, and the same inputs must give the same
    /// bytes); each run's `run.json` names the draft id it wrote.
    public var draftID: String
    /// The karta that computed the draft.
    public var kartaVersion: String
    /// Whether the Map's maximum users come from an adopted Map (true) or from the draft.
    public var fromAdoptedMap: Bool
    /// Part 1: the Map's services for the municipality, by kind and target group.
    public var mapServices: [PlanMapService]
    /// Part 2: the services the municipality funds from its own budget, by kind (``ServiceKind``
    /// order) and name.
    ///
    /// The amounts (`state_funding_bgn`, `municipal_funding_bgn`) belong on these rows and on
    /// ``mapServices`` once the store carries them; the plan writers then add their columns at
    /// the end of the CSV and of each table.
    public var ownBudgetServices: [PlanOwnService]
    /// Part 3: the district-level services the municipality hosts, with whom they serve.
    public var hostedServices: [DistrictService]

    /// The date the plan's data are as of: the latest reporting date of the municipality's
    /// records; never the wall clock, so the same inputs give the same plan.
    public var dataAsOf: String? { dataTo }

    /// The known costs of the Map's services in the plan (maximum users × standard), in leva;
    /// nil when no service has a known cost.
    public var knownCostBGN: Double? {
        let known = mapServices.compactMap(\.costBGN)
        return known.isEmpty ? nil : Double(known.map { Int(($0 * 100).rounded()) }.reduce(0, +)) / 100
    }
}

/// One Map cell of the municipality in its plan: maximum users next to today's capacity and users.
public struct PlanMapService: Sendable, Hashable {
    /// Where a maximum comes from.
    public enum MaximumSource: String, Sendable, Hashable {
        /// The adopted Map (РМС) in the store.
        case adoptedMap = "adopted_map"
        /// The draft (proposal, else current state-delegated capacity): no adopted Map is loaded.
        case draft
        /// An adopted Map is loaded but has no such cell: the state funds no users (ЗСУ Art. 43).
        case notInAdoptedMap = "not_in_adopted_map"
    }

    public var kind: ServiceKind
    public var targetGroup: TargetGroup
    /// The maximum users the plan takes; nil when the adopted Map has no such cell.
    public var maximumUsers: Int?
    public var maximumSource: MaximumSource
    /// The draft's maximum, shown beside the adopted Map's.
    public var draftMaximumUsers: Int
    public var services: Int
    public var capacity: Int
    public var stateDelegatedCapacity: Int
    public var users: Int
    /// Today's state-delegated places or users exceed the adopted maximum (ЗСУ Art. 43(2)).
    public var exceedsMap: Bool
    /// The financing standard of the cell (BGN per user per year, ЗСУ Art. 45); nil without
    /// standards or when none applies.
    public var standardBGN: Double? = nil
    /// What the registers carry for the cell: funding, waiting lists, months without users.
    public var registers: RegisterTotals = .zero

    /// The plan's maximum users × the standard, in leva to the stotinka; nil when either is
    /// unknown.
    public var costBGN: Double? {
        guard let maximumUsers, let standardBGN else { return nil }
        return Double(Int((standardBGN * 100).rounded()) * maximumUsers) / 100
    }
}

/// A service the municipality funds itself (financing „местна дейност").
public struct PlanOwnService: Sendable, Hashable {
    public var serviceName: String
    public var kind: ServiceKind
    public var targetGroup: TargetGroup
    public var capacity: Int?
    public var users: Int?
    public var provider: String?
    /// Municipal or district level, as the source says.
    public var planningLevel: PlanningLevel
    /// The register's amounts in stotinki (ЗСУ Art. 49: both given for mixed financing).
    public var stateFundingStotinki: Int? = nil
    public var municipalFundingStotinki: Int? = nil
    /// People on the service's waiting list (ЗСУ Art. 44(4)).
    public var waitingList: Int? = nil
}

extension MunicipalPlan {
    /// The plan of `municipality` for `year` from `draft` (built from `store`) and the store's
    /// own-budget services and data period.
    public init(
        draft: MapDraft, store: any StoreReading, municipality: Municipality, year: Int,
        registry: ReferenceRegistry = .bulgaria
    ) throws {
        let facts = try store.planFacts(municipalityCode: municipality.code)
        self.init(draft: draft, facts: facts, municipality: municipality, year: year, registry: registry)
    }

    /// The plan from a draft and the facts already read from the store.
    public init(
        draft: MapDraft, facts: StoredPlanFacts, municipality: Municipality, year: Int,
        registry: ReferenceRegistry = .bulgaria
    ) {
        self.year = year
        self.municipality = municipality
        districtCode = municipality.districtCode
        districtName = registry.district(code: municipality.districtCode)?.nameBG ?? municipality.districtCode
        dataFrom = facts.firstReportingDate
        dataTo = facts.lastReportingDate
        criteriaVersion = draft.metadata.criteriaVersion
        criteriaStatus = draft.metadata.criteriaStatus
        standardsVersion = draft.metadata.standardsVersion
        standardsStatus = draft.metadata.standardsStatus
        draftID = draft.metadata.draftID
        kartaVersion = draft.metadata.kartaVersion
        fromAdoptedMap = draft.comparison != nil
        mapServices = Self.mapServices(draft: draft, code: municipality.code)
        // In ServiceKind order (the law's), then by name; the store gives a stable order within.
        ownBudgetServices = facts.ownBudgetServices.map {
            PlanOwnService(
                serviceName: $0.serviceName, kind: $0.primaryKind, targetGroup: $0.targetGroup,
                capacity: $0.capacity, users: $0.users, provider: $0.provider, planningLevel: $0.planningLevel,
                stateFundingStotinki: $0.register.stateFundingStotinki,
                municipalFundingStotinki: $0.register.municipalFundingStotinki,
                waitingList: $0.register.waitingList)
        }.enumerated().sorted { ($0.element.kind, $0.element.serviceName, $0.offset) < ($1.element.kind, $1.element.serviceName, $1.offset) }
            .map(\.element)
        hostedServices = (draft.districtServices ?? []).filter { $0.hostMunicipalityCode == municipality.code }
    }

    /// The municipality-level cells of `code` with a maximum, places or an adopted line, in
    /// draft order; the maximum from the adopted Map when one is loaded.
    static func mapServices(draft: MapDraft, code: String) -> [PlanMapService] {
        let cells = draft.cells.filter { $0.level == .municipality && $0.areaCode == code }
        guard let comparison = draft.comparison else {
            return cells.filter { $0.maximumUsers > 0 || $0.capacity > 0 || $0.services > 0 }.map { cell in
                PlanMapService(
                    kind: cell.kind, targetGroup: cell.targetGroup, maximumUsers: cell.maximumUsers,
                    maximumSource: .draft, draftMaximumUsers: cell.maximumUsers, services: cell.services,
                    capacity: cell.capacity, stateDelegatedCapacity: cell.stateDelegatedCapacity, users: cell.users,
                    exceedsMap: false, standardBGN: cell.cost?.standardBGN, registers: cell.registers)
            }
        }
        var byKey: [CellKey: MapCell] = [:]
        for cell in cells { byKey[CellKey(areaCode: code, kind: cell.kind, targetGroup: cell.targetGroup)] = cell }
        var listed: Set<CellKey> = []
        var services: [PlanMapService] = []
        for compared in comparison.cells where compared.level == .municipality && compared.areaCode == code {
            let key = CellKey(areaCode: code, kind: compared.kind, targetGroup: compared.targetGroup)
            listed.insert(key)
            let cell = byKey[key]
            services.append(
                PlanMapService(
                    kind: compared.kind, targetGroup: compared.targetGroup, maximumUsers: compared.adoptedMaximumUsers,
                    maximumSource: compared.adoptedMaximumUsers == nil ? .notInAdoptedMap : .adoptedMap,
                    draftMaximumUsers: compared.draftMaximumUsers ?? 0, services: cell?.services ?? 0,
                    capacity: cell?.capacity ?? 0, stateDelegatedCapacity: compared.stateDelegatedCapacity,
                    users: compared.users, exceedsMap: compared.exceedsMap, standardBGN: cell?.cost?.standardBGN,
                    registers: cell?.registers ?? .zero))
        }
        // Cells the comparison leaves out (no users in either): services without state places.
        for cell in cells
        where !listed.contains(CellKey(areaCode: code, kind: cell.kind, targetGroup: cell.targetGroup))
            && (cell.capacity > 0 || cell.services > 0)
        {
            services.append(
                PlanMapService(
                    kind: cell.kind, targetGroup: cell.targetGroup, maximumUsers: nil,
                    maximumSource: .notInAdoptedMap, draftMaximumUsers: cell.maximumUsers, services: cell.services,
                    capacity: cell.capacity, stateDelegatedCapacity: cell.stateDelegatedCapacity, users: cell.users,
                    exceedsMap: false, standardBGN: cell.cost?.standardBGN, registers: cell.registers))
        }
        return services.sorted { ($0.kind, $0.targetGroup) < ($1.kind, $1.targetGroup) }
    }

    /// The municipalities a pipeline writes plans for: every one with data (records it sent or
    /// hosts, or lines of the adopted Map), by code.
    public static func municipalitiesWithData(_ draft: MapDraft, registry: ReferenceRegistry = .bulgaria)
        -> [Municipality]
    {
        var codes = Set(draft.areas.filter { $0.level == .municipality && $0.hasData }.map(\.code))
        for cell in draft.comparison?.cells ?? [] where cell.level == .municipality && cell.adoptedMaximumUsers != nil {
            codes.insert(cell.areaCode)
        }
        return codes.sorted().compactMap { registry.municipality(code: $0) }
    }
}
