import GRDB
import KartaModel

extension Store {
    /// How many service records the store holds.
    public func recordCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records") ?? 0 }
    }

    /// The sums per group with one `GROUP BY` in SQLite, in the column order of the
    /// `records_rollup` covering index (StoreSchema v2) so that no sort is needed.
    public func groupTotals(of selection: RecordSelection, includeLineage: Bool) throws -> [GroupTotalsRow] {
        let (filter, arguments) = selection.whereClause(table: "records")
        let lineage = includeLineage ? ", group_concat(id)" : ""
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
        return try read { db in
            var result: [GroupTotalsRow] = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                result.append(
                    GroupTotalsRow(
                        municipalityCode: row[0], districtCode: row[1], kindKey: row[2],
                        targetGroupCode: row[3],
                        targetGroupName: row[6], planningLevel: row[4], sourceKind: row[5], records: row[7],
                        capacity: Int(row[8] as Double), users: Int(row[9] as Double),
                        stateDelegatedCapacity: Int(row[10] as Double),
                        unknownCapacity: Int(row[11] as Double),
                        registers: RegisterTotals(
                            stateFundingStotinki: Int(row[12] as Double),
                            municipalFundingStotinki: Int(row[13] as Double),
                            mixedFinancingServices: Int(row[14] as Double),
                            waitingList: Int(row[15] as Double),
                            servicesWithoutUsers: Int(row[16] as Double)),
                        recordIDs: includeLineage ? GroupConcat.ids(row[17] as String? ?? "") : []))
            }
            return result
        }
    }

    /// The two sides of reconciliation per municipality, primary kind, target group, planning
    /// level and side.
    public func reconciliationGroups(includeLineage: Bool) throws -> [ReconciliationGroupRow] {
        let sql = """
            SELECT municipality_code, primary_kind, target_group, MIN(target_group_name),
                   source_kind = '\(SourceKind.aspExport.rawValue)', COUNT(*), TOTAL(capacity),
                   \(includeLineage ? "group_concat(id)" : "NULL")
            FROM records WHERE \(ReconciliationSideRule.sqlCondition)
            GROUP BY municipality_code, primary_kind, target_group, planning_level, source_kind
            """
        return try read { db in
            var result: [ReconciliationGroupRow] = []
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() {
                result.append(
                    ReconciliationGroupRow(
                        municipalityCode: row[0], kindKey: row[1], targetGroupCode: row[2],
                        targetGroupName: row[3],
                        isAgency: row[4], records: row[5], capacity: Int(row[6] as Double),
                        recordIDs: GroupConcat.ids(row[7] as String? ?? "")))
            }
            return result
        }
    }

    /// The two sides of reconciliation per municipality, service id and side, ordered by
    /// municipality, service id, municipal side first, handed over one at a time.
    public func forEachReconciliationService(
        includeLineage: Bool, _ body: (ReconciliationServiceRow) throws -> Void
    ) throws {
        let agency = "source_kind = '\(SourceKind.aspExport.rawValue)'"
        let sql = """
            SELECT municipality_code, service_id, \(agency), COUNT(*), TOTAL(capacity),
                   \(includeLineage ? "group_concat(id)" : "NULL"),
                   group_concat(DISTINCT primary_kind || '/' || target_group)
            FROM records
            WHERE service_id IS NOT NULL AND service_id <> '' AND \(ReconciliationSideRule.sqlCondition)
            GROUP BY municipality_code, service_id, source_kind
            ORDER BY municipality_code, service_id, \(agency)
            """
        try read { db in
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() {
                try body(
                    ReconciliationServiceRow(
                        municipalityCode: row[0], serviceID: row[1], isAgency: row[2], records: row[3],
                        capacity: Int(row[4] as Double), recordIDs: GroupConcat.ids(row[5] as String? ?? ""),
                        classifications: Set((row[6] as String? ?? "").split(separator: ",").map(String.init))
                    ))
            }
        }
    }

    /// The lineage of the records among `ids` that `selection` selects, read with one scan of
    /// the selection.
    public func recordLineage(of selection: RecordSelection, ids: Set<Int64>) throws -> [RecordLineage] {
        guard !ids.isEmpty else { return [] }
        let (filter, arguments) = selection.whereClause(table: "records")
        let sql = """
            SELECT records.id, sources.path, sources.sha256, records.line, records.byte_offset, records.service_name,
                   records.service_id, records.municipality_code, records.source_kind, records.planning_level,
                   records.financing, records.capacity, records.users
            FROM records JOIN sources ON sources.id = records.source_id \(filter)
            """
        return try read { db in
            var result: [RecordLineage] = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                let id: Int64 = row[0]
                guard ids.contains(id) else { continue }
                result.append(
                    RecordLineage(
                        id: id, sourcePath: row[1], sourceSHA256: row[2], line: row[3], byteOffset: row[4],
                        serviceName: row[5], serviceID: row[6], municipalityCode: row[7], sourceKind: row[8],
                        planningLevel: row[9], financing: row[10], capacity: row[11], users: row[12]))
            }
            return result
        }
    }

    /// Every record in id order, one borrowed row at a time (see ``RecordExportCursor``).
    @discardableResult
    public func forEachExportRecord(_ body: (RecordExportRow) throws -> Void) throws -> Int {
        try read { db in try RecordExportCursor.forEach(db, body) }
    }
}

extension RecordSelection {
    /// The SQL `WHERE` clause (possibly empty) that selects the records, with its arguments.
    func whereClause(table: String) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let districtCode {
            conditions.append("\(table).district_code = ?")
            arguments += [districtCode]
        }
        if let municipalityCode {
            conditions.append("\(table).municipality_code = ?")
            arguments += [municipalityCode]
        }
        if let kindKey {
            conditions.append("\(table).primary_kind = ?")
            arguments += [kindKey]
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }
}

/// SQLite's `group_concat` of ids, read back.
enum GroupConcat {
    /// Parses `group_concat(id)` ("3,1,2") into ascending ids, on the UTF-8 bytes.
    static func ids(_ text: String) -> [Int64] {
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
