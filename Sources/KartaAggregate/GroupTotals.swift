import KartaModel
import KartaStore

/// The sums of one group of stored records that share municipality, primary kind, target group,
/// planning level and source kind — the unit the store's group sums give and every cell is built from.
struct GroupTotals: Sendable {
    var municipalityCode: String
    var districtCode: String
    var kind: ServiceKind
    var targetGroup: TargetGroup
    var planningLevel: PlanningLevel
    var sourceKind: SourceKind
    var records: Int
    /// Sum of capacity; a record without capacity adds 0.
    var capacity: Int
    /// Sum of users; a record without users adds 0.
    var users: Int
    /// Sum of capacity of state-delegated records.
    var stateDelegatedCapacity: Int
    /// Records whose capacity is unknown (blank or „н/д" in the source): left out of ``capacity``.
    var unknownCapacity: Int = 0
    /// Money, waiting lists and months without users from the registers.
    var registers = RegisterTotals.zero
    /// Record ids, ascending (empty when lineage is off).
    var recordIDs: [Int64]
}

extension AggregationScope {
    /// The store's selection of the scope's records, of one kind when given.
    func selection(kind: ServiceKind?) -> RecordSelection {
        var selection = RecordSelection(kindKey: kind?.key)
        switch self {
        case .all: break
        case .district(let code): selection.districtCode = code
        case .municipality(let code): selection.municipalityCode = code
        }
        return selection
    }
}

/// Reads ``GroupTotals`` from the store's group sums (``StoreReading/groupTotals(of:includeLineage:)``),
/// turning the stored codes into the model's kinds and target groups.
enum GroupScan {
    /// Reads the groups of `scope`, only of `kind` when one is given.
    static func read(
        _ store: any StoreReading, scope: AggregationScope, kind: ServiceKind? = nil, includeLineage: Bool
    ) throws -> [GroupTotals] {
        var kindByKey: [String: ServiceKind] = [:]
        for kind in ServiceKind.allCases { kindByKey[kind.key] = kind }
        var groupNames: [String: TargetGroup] = [:]
        return try store.groupTotals(of: scope.selection(kind: kind), includeLineage: includeLineage).map { row in
            guard let kind = kindByKey[row.kindKey] else {
                throw AggregationError.unknownKindInStore(key: row.kindKey, municipality: row.municipalityCode)
            }
            let targetGroup: TargetGroup
            if let known = groupNames[row.targetGroupCode] {
                targetGroup = known
            } else {
                let catalogued = TargetGroup.catalogue.first { $0.code == row.targetGroupCode }
                targetGroup =
                    catalogued ?? TargetGroup(code: row.targetGroupCode, nameBG: row.targetGroupName ?? row.targetGroupCode)
                groupNames[row.targetGroupCode] = targetGroup
            }
            return GroupTotals(
                municipalityCode: row.municipalityCode, districtCode: row.districtCode, kind: kind,
                targetGroup: targetGroup,
                planningLevel: PlanningLevel(rawValue: row.planningLevel) ?? .municipal,
                sourceKind: SourceKind(rawValue: row.sourceKind) ?? .municipalRegister,
                records: row.records, capacity: row.capacity, users: row.users,
                stateDelegatedCapacity: row.stateDelegatedCapacity, unknownCapacity: row.unknownCapacity,
                registers: row.registers, recordIDs: row.recordIDs)
        }
    }
}
