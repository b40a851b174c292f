import Foundation
import GRDB
import KartaModel
import KartaStore

/// The sums of one group of stored records that share municipality, primary kind, target group,
/// planning level and source kind — the unit the SQL scan returns and every cell is built from.
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
    /// The SQL `WHERE` clause (possibly empty) that selects the scope's records, of one kind
    /// when given.
    func whereClause(kind: ServiceKind?, table: String) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        switch self {
        case .all: break
        case .district(let code):
            conditions.append("\(table).district_code = ?")
            arguments += [code]
        case .municipality(let code):
            conditions.append("\(table).municipality_code = ?")
            arguments += [code]
        }
        if let kind {
            conditions.append("\(table).primary_kind = ?")
            arguments += [kind.key]
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }
}

/// Reads ``GroupTotals`` from the store with one `GROUP BY` in SQLite, in the column order of
/// the `records_rollup` covering index (StoreSchema v2) so that no sort is needed.
enum GroupScan {
    /// Reads the groups of `scope`, only of `kind` when one is given.
    static func read(
        _ db: Database, scope: AggregationScope, kind: ServiceKind? = nil, includeLineage: Bool
    ) throws -> [GroupTotals] {
        let (filter, arguments) = scope.whereClause(kind: kind, table: "records")
        let lineage = includeLineage ? ", group_concat(id)" : ""
        // Column 11 counts the records with unknown capacity; 12–16 sum what registers carry
        // (StoreSchema v8).
        let sql = """
            SELECT municipality_code, district_code, primary_kind, target_group, planning_level,
                   source_kind, MIN(target_group_name), COUNT(*), TOTAL(capacity), TOTAL(users),
                   TOTAL(CASE WHEN financing = 'state_delegated' THEN capacity END),
                   TOTAL(capacity IS NULL), TOTAL(state_funding_stotinki), TOTAL(municipal_funding_stotinki),
                   TOTAL(state_funding_stotinki > 0 AND municipal_funding_stotinki > 0), TOTAL(waiting_list),
                   TOTAL(months_without_users IS NOT NULL)\(lineage)
            FROM records \(filter)
            GROUP BY municipality_code, primary_kind, target_group, planning_level, source_kind,
                     district_code
            """
        var kindByKey: [String: ServiceKind] = [:]
        for kind in ServiceKind.allCases { kindByKey[kind.key] = kind }
        var groupNames: [String: TargetGroup] = [:]
        var result: [GroupTotals] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            let municipality: String = row[0]
            let kindKey: String = row[2]
            guard let kind = kindByKey[kindKey] else {
                throw AggregationError.unknownKindInStore(key: kindKey, municipality: municipality)
            }
            let groupCode: String = row[3]
            let targetGroup: TargetGroup
            if let known = groupNames[groupCode] {
                targetGroup = known
            } else {
                let catalogued = TargetGroup.catalogue.first { $0.code == groupCode }
                targetGroup = catalogued ?? TargetGroup(code: groupCode, nameBG: row[6] ?? groupCode)
                groupNames[groupCode] = targetGroup
            }
            let levelText: String = row[4]
            let sourceText: String = row[5]
            let ids: [Int64] = includeLineage ? parseIDs(row[17] as String? ?? "") : []
            result.append(
                GroupTotals(
                    municipalityCode: municipality, districtCode: row[1], kind: kind,
                    targetGroup: targetGroup,
                    planningLevel: PlanningLevel(rawValue: levelText) ?? .municipal,
                    sourceKind: SourceKind(rawValue: sourceText) ?? .municipalRegister,
                    records: row[7], capacity: Int(row[8] as Double),
                    users: Int(row[9] as Double), stateDelegatedCapacity: Int(row[10] as Double),
                    unknownCapacity: Int(row[11] as Double),
                    registers: RegisterTotals(
                        stateFundingStotinki: Int(row[12] as Double), municipalFundingStotinki: Int(row[13] as Double),
                        mixedFinancingServices: Int(row[14] as Double), waitingList: Int(row[15] as Double),
                        servicesWithoutUsers: Int(row[16] as Double)),
                    recordIDs: ids))
        }
        return result
    }

    /// Parses `group_concat(id)` ("3,1,2") into ascending ids, on the UTF-8 bytes.
    static func parseIDs(_ text: String) -> [Int64] {
        var ids: [Int64] = []
        var text = text
        text.withUTF8 { bytes in
            var value: Int64 = 0
            var inNumber = false
            for byte in bytes {
                if byte >= 48 && byte <= 57 {
                    value = value &* 10 &+ Int64(byte &- 48)
                    inNumber = true
                } else if inNumber {
                    ids.append(value)
                    value = 0
                    inNumber = false
                }
            }
            if inNumber { ids.append(value) }
        }
        ids.sort()
        return ids
    }
}
