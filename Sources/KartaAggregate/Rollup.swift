import KartaModel

/// Identifies a cell within one level: area × primary kind × target group.
struct CellKey: Hashable, Sendable, Comparable {
    var areaCode: String
    var kind: ServiceKind
    var targetGroup: TargetGroup

    /// Hashes the target group by its ASCII code only: hashing its Cyrillic name would cost a
    /// Unicode normalization per lookup.
    func hash(into hasher: inout Hasher) {
        hasher.combine(areaCode)
        hasher.combine(kind.ordinal)
        hasher.combine(targetGroup.code)
    }

    static func == (lhs: CellKey, rhs: CellKey) -> Bool {
        lhs.kind == rhs.kind && lhs.areaCode == rhs.areaCode && lhs.targetGroup.code == rhs.targetGroup.code
    }

    /// Area code, then kind in ``ServiceKind`` order, then target group code.
    static func < (lhs: CellKey, rhs: CellKey) -> Bool {
        if lhs.areaCode != rhs.areaCode { return lhs.areaCode < rhs.areaCode }
        if lhs.kind != rhs.kind { return lhs.kind.ordinal < rhs.kind.ordinal }
        return lhs.targetGroup.code < rhs.targetGroup.code
    }
}

extension ServiceKind {
    /// The position in ``ServiceKind/allCases`` (the Act's order), without building the array.
    var ordinal: Int {
        switch self {
        case .informationAndConsultation: 0
        case .advocacyAndMediation: 1
        case .communityWork: 2
        case .therapyAndRehabilitation: 3
        case .trainingInSkills: 4
        case .supportForWorkSkills: 5
        case .dayCare: 6
        case .residentialCare: 7
        case .shelter: 8
        case .assistantSupport: 9
        case .integratedHealthSocial: 10
        }
    }
}

/// Running sums of one cell before criteria are applied.
struct CellSums: Sendable {
    var services = 0
    var capacity = 0
    var stateDelegatedCapacity = 0
    var users = 0
    /// Services whose capacity is unknown (not in ``capacity``).
    var unknownCapacityServices = 0
    /// Money, waiting lists and months without users from the registers.
    var registers = RegisterTotals.zero
    var proposedUsers: Int?
    /// The draft's maximum users; set by ``Rollup`` (proposal or state-delegated capacity).
    var maximumUsers = 0
    var flags: Set<MapCellFlag> = []
    var recordIDs: [Int64] = []
    var proposalRecordIDs: [Int64] = []

    mutating func addCounted(_ group: GroupTotals) {
        services += group.records
        capacity += group.capacity
        stateDelegatedCapacity += group.stateDelegatedCapacity
        users += group.users
        unknownCapacityServices += group.unknownCapacity
        registers += group.registers
        recordIDs.append(contentsOf: group.recordIDs)
    }

    mutating func addProposal(_ group: GroupTotals) {
        proposedUsers = (proposedUsers ?? 0) + group.capacity
        proposalRecordIDs.append(contentsOf: group.recordIDs)
    }

    /// Adds a lower level's finished cell into this one (district ← municipality, national ←
    /// district): sums, maximum users and the flags that describe services, not criteria.
    mutating func addChild(_ child: CellSums) {
        services += child.services
        capacity += child.capacity
        stateDelegatedCapacity += child.stateDelegatedCapacity
        users += child.users
        unknownCapacityServices += child.unknownCapacityServices
        registers += child.registers
        maximumUsers += child.maximumUsers
        if let proposed = child.proposedUsers { proposedUsers = (proposedUsers ?? 0) + proposed }
        flags.formUnion(child.flags.subtracting([.proposalExceedsCriterion]))
        recordIDs.append(contentsOf: child.recordIDs)
        proposalRecordIDs.append(contentsOf: child.proposalRecordIDs)
    }

    /// Sets the maximum users and the service flags of a cell built from records.
    ///
    /// The maximum is the proposal where the cell has one, otherwise the current state-delegated
    /// capacity. `areaHasProposal` says whether the planning area sent a proposal at all: then a
    /// state-delegated service with no (or a zero) proposal is flagged as disappearing.
    ///
    /// A cell of an ambiguous target-group match (see ``TargetGroupMatching``) takes the proposal
    /// alone (0 without one) and is flagged as such instead of disappearing or new.
    mutating func settle(areaHasProposal: Bool, matched: Bool = false, ambiguous: Bool = false) {
        if matched { flags.insert(.targetGroupMatched) }
        if ambiguous {
            flags.insert(.ambiguousTargetGroup)
            maximumUsers = proposedUsers ?? 0
            return
        }
        maximumUsers = proposedUsers ?? stateDelegatedCapacity
        if areaHasProposal, stateDelegatedCapacity > 0, (proposedUsers ?? 0) == 0 {
            flags.insert(.serviceDisappears)
        }
        if (proposedUsers ?? 0) > 0, services == 0 { flags.insert(.newService) }
    }
}

/// The three levels of sums built from the store's groups, before criteria.
///
/// Municipal cells hold the services planned at municipal level; a district cell is the sum of
/// its municipalities' cells plus the services planned at district level in that district
/// (``districtPlanned``); the national cell is the sum of the district cells. So municipal sums
/// equal the district sums of municipal-level services, and national equals the sum of districts.
struct Rollup: Sendable {
    var municipal: [CellKey: CellSums] = [:]
    /// Services planned at district level, keyed by district code.
    var districtPlanned: [CellKey: CellSums] = [:]
    var district: [CellKey: CellSums] = [:]
    var national: [CellKey: CellSums] = [:]
    /// Municipalities that sent at least one register record.
    var municipalitiesWithRegister: Set<String> = []
    /// Counted services planned at district level, keyed by the municipality that hosts them
    /// (ЗСУ Art. 55: it manages them and receives their funding).
    var hosted: [String: CellSums] = [:]
    /// Capacity of the hosted services per municipality and primary kind.
    var hostedByKind: [String: [ServiceKind: (records: Int, capacity: Int)]] = [:]
    /// Register and proposal records per municipality (any level, counted or not): what it sent.
    var submitted: [String: Int] = [:]

    init(groups scanned: [GroupTotals], policy: SourcePolicy, registry: ReferenceRegistry) {
        municipalitiesWithRegister = Set(
            scanned.lazy.filter { $0.sourceKind == .municipalRegister }.map(\.municipalityCode))
        let withRegister = municipalitiesWithRegister
        let matching = TargetGroupMatching(groups: scanned) { group in
            policy.counts(
                group.sourceKind, municipalityHasRegister: withRegister.contains(group.municipalityCode))
        }
        let groups = matching.groups
        var municipalitiesWithProposal: Set<String> = []
        var districtsWithProposal: Set<String> = []
        for group in groups where group.sourceKind != .aspExport {
            submitted[group.municipalityCode, default: 0] += group.records
        }
        for group in groups {
            let districtLevel = group.planningLevel == .district
            let key = CellKey(
                areaCode: districtLevel ? group.districtCode : group.municipalityCode,
                kind: group.kind, targetGroup: group.targetGroup)
            if group.sourceKind == .proposal {
                if districtLevel {
                    districtsWithProposal.insert(group.districtCode)
                    districtPlanned[key, default: CellSums()].addProposal(group)
                } else {
                    municipalitiesWithProposal.insert(group.municipalityCode)
                    municipal[key, default: CellSums()].addProposal(group)
                }
                continue
            }
            let hasRegister = municipalitiesWithRegister.contains(group.municipalityCode)
            guard policy.counts(group.sourceKind, municipalityHasRegister: hasRegister) else { continue }
            if districtLevel {
                districtPlanned[key, default: CellSums()].addCounted(group)
                hosted[group.municipalityCode, default: CellSums()].addCounted(group)
                var kinds = hostedByKind[group.municipalityCode, default: [:]]
                let before = kinds[group.kind] ?? (0, 0)
                kinds[group.kind] = (before.records + group.records, before.capacity + group.capacity)
                hostedByKind[group.municipalityCode] = kinds
            } else {
                municipal[key, default: CellSums()].addCounted(group)
            }
        }
        for key in Array(municipal.keys) {
            municipal[key]?.settle(
                areaHasProposal: municipalitiesWithProposal.contains(key.areaCode),
                matched: matching.matched.contains(key), ambiguous: matching.ambiguous.contains(key))
        }
        for key in Array(districtPlanned.keys) {
            districtPlanned[key]?.settle(
                areaHasProposal: districtsWithProposal.contains(key.areaCode),
                matched: matching.matched.contains(key), ambiguous: matching.ambiguous.contains(key))
        }
        var districtOf: [String: String] = [:]
        for group in groups { districtOf[group.municipalityCode] = group.districtCode }
        for (key, sums) in municipal.sorted(by: { $0.key < $1.key }) {
            let districtCode =
                registry.municipality(code: key.areaCode)?.districtCode
                ?? districtOf[key.areaCode] ?? ""
            district[
                CellKey(areaCode: districtCode, kind: key.kind, targetGroup: key.targetGroup),
                default: CellSums()
            ].addChild(sums)
        }
        for (key, sums) in districtPlanned.sorted(by: { $0.key < $1.key }) {
            district[key, default: CellSums()].addChild(sums)
        }
        for (key, sums) in district.sorted(by: { $0.key < $1.key }) {
            national[
                CellKey(areaCode: nationalAreaCode, kind: key.kind, targetGroup: key.targetGroup),
                default: CellSums()
            ].addChild(sums)
        }
        Rollup.sortLineage(&municipal)
        Rollup.sortLineage(&districtPlanned)
        Rollup.sortLineage(&district)
        Rollup.sortLineage(&national)
    }

    private static func sortLineage(_ table: inout [CellKey: CellSums]) {
        for key in Array(table.keys) {
            table[key]?.recordIDs.sort()
            table[key]?.proposalRecordIDs.sort()
        }
    }

    /// The cells of one level.
    func cells(at level: AreaLevel) -> [CellKey: CellSums] {
        switch level {
        case .municipality: municipal
        case .district: district
        case .national: national
        }
    }
}
