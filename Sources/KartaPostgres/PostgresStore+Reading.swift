import Foundation
import KartaModel
import KartaStore
import PostgresNIO

/// The typed queries of ``StoreReading`` on PostgreSQL, with the SQLite store's results: text is
/// compared and ordered as bytes (`COLLATE "C"`, SQLite's BINARY), sums of nothing are 0, and ids
/// come back ascending.
extension PostgresStore: StoreReading {
    /// Outside a run transaction: one read-only REPEATABLE READ transaction, so every query of
    /// `body` reads the same snapshot and takes no write lock.
    public func consistentRead<T>(_ body: () throws -> T) throws -> T {
        if transactions.isOpen { return try body() }
        return try transactions.open {
            try session.transaction(.repeatableRead, readOnly: true) { try body() }
        }
    }

    public func appliedMigrations() throws -> [String] {
        let found = try PostgresSchema.storedVersion(session)
        return PostgresSchema.steps.filter { $0.version <= found }.map(\.name)
    }

    // MARK: Sources and rejects

    public func sourceSummaries() throws -> [SourceReport] { try summaries(path: nil) }

    public func storedSource(path: String) throws -> SourceReport? { try summaries(path: path).first }

    public func isUnchanged(path: String, sha256: String) throws -> Bool {
        try session.rows("SELECT sha256 FROM karta.sources WHERE path = \(path) AND status = 'loaded'")
            .first?.decode(String.self) == sha256
    }

    private func summaries(path: String?) throws -> [SourceReport] {
        let columns = """
            SELECT id, path, sha256, size, kind, format, encoding, delimiter, status, rows_read, loaded, rejected,
                   non_data, dropped_columns, run_id FROM karta.sources
            """
        let reasons = """
            SELECT source_id, reason, count(*) FROM karta.rejects
            """
        let sourceRows: [PostgresRow]
        let reasonRows: [PostgresRow]
        if let path {
            sourceRows = try session.rows("\(unescaped: columns) WHERE path = \(path)")
            reasonRows = try session.rows(
                "\(unescaped: reasons) WHERE source_id IN (SELECT id FROM karta.sources WHERE path = \(path)) GROUP BY 1, 2"
            )
        } else {
            sourceRows = try session.rows("\(unescaped: columns) ORDER BY path COLLATE \"C\"")
            reasonRows = try session.rows("\(unescaped: reasons) GROUP BY 1, 2")
        }
        var byReason: [Int64: [String: Int]] = [:]
        for row in reasonRows {
            let cells = row.makeRandomAccess()
            byReason[try cells.int64(0), default: [:]][try cells.text(1)] = try cells.int(2)
        }
        return try sourceRows.map { row in
            let cells = row.makeRandomAccess()
            let id = try cells.int64(0)
            let path = try cells.text(1)
            let (kindText, formatText, statusText) = (try cells.text(4), try cells.text(5), try cells.text(8))
            guard let kind = SourceKind(rawValue: kindText), let format = SourceFormat(rawValue: formatText),
                let status = SourceReport.Status(rawValue: statusText)
            else {
                throw StoreError.internalInconsistency(
                    "source \(path): unknown kind, format or status (\(kindText), \(formatText), \(statusText))"
                )
            }
            let dropped =
                (try? JSONDecoder().decode([String].self, from: Data(try cells.text(13).utf8))) ?? []
            var report = SourceReport(
                path: path, kind: kind, status: status, sha256: try cells.text(2),
                encoding: try cells.optionalText(6), delimiter: try cells.optionalText(7),
                rowsRead: try cells.int(9), loaded: try cells.int(10), rejected: try cells.int(11),
                nonData: try cells.int(12), rejectsByReason: byReason[id] ?? [:], droppedColumns: dropped,
                size: try cells.int64(3), format: format, runID: try cells.text(14))
            report.storeID = id
            return report
        }
    }

    private static let rejectColumns = """
        SELECT sources.path, rejects.line, rejects.byte_offset, rejects.record_index, rejects.column_name,
               rejects.reason, rejects.message, rejects.raw_text, rejects.id
        FROM karta.rejects JOIN karta.sources ON sources.id = rejects.source_id
        """

    public func rejects(sourcePath: String?) throws -> [StoredReject] {
        let order = "ORDER BY sources.path COLLATE \"C\", rejects.record_index, rejects.id"
        let rows =
            if let sourcePath {
                try session.rows(
                    "\(unescaped: Self.rejectColumns) WHERE sources.path = \(sourcePath) \(unescaped: order)")
            } else {
                try session.rows("\(unescaped: Self.rejectColumns) \(unescaped: order)")
            }
        return try rows.map { try Self.reject($0.makeRandomAccess()) }
    }

    /// In pages of ``pageRows`` by id, so that memory stays flat.
    public func forEachReject(_ body: (StoredReject) throws -> Void) throws {
        try consistentRead {
            var after = Int64.min
            while true {
                let rows = try session.rows(
                    """
                    \(unescaped: Self.rejectColumns) WHERE rejects.id > \(after)
                    ORDER BY rejects.id LIMIT \(unescaped: "\(Self.pageRows)")
                    """)
                for row in rows {
                    let cells = row.makeRandomAccess()
                    try body(try Self.reject(cells))
                    after = try cells.int64(8)
                }
                if rows.count < Self.pageRows { return }
            }
        }
    }

    /// Rows per page when a query hands rows over one at a time.
    static let pageRows = 5_000

    private static func reject(_ cells: PostgresRandomAccessRow) throws -> StoredReject {
        StoredReject(
            sourcePath: try cells.text(0), line: try cells.int(1), byteOffset: try cells.int64(2),
            recordIndex: try cells.int(3), column: try cells.optionalText(4), reason: try cells.text(5),
            message: try cells.text(6), rawText: try cells.text(7))
    }

    public func municipalitiesOfSourcesWithRejects() throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for row in try session.rows(
            """
            SELECT DISTINCT sources.path, records.municipality_code
            FROM karta.records JOIN karta.sources ON sources.id = records.source_id
            WHERE records.source_id IN (SELECT DISTINCT source_id FROM karta.rejects)
            """)
        {
            let (path, code) = try row.decode((String, String).self)
            result[path, default: []].append(code)
        }
        return result
    }

    // MARK: Records

    public func recordCount() throws -> Int {
        Int(try session.rows("SELECT count(*) FROM karta.records").first?.decode(Int64.self) ?? 0)
    }

    public func groupTotals(of selection: RecordSelection, includeLineage: Bool) throws -> [GroupTotalsRow] {
        var query: PostgresQuery = """
            SELECT municipality_code, district_code, primary_kind, target_group, planning_level, source_kind,
                   min(target_group_name COLLATE "C"), count(*), \(unescaped: Self.sum("capacity")),
                   \(unescaped: Self.sum("users")),
                   \(unescaped: Self.sum("capacity", where: "financing = 'state_delegated'")),
                   count(*) FILTER (WHERE capacity IS NULL),
                   \(unescaped: Self.sum("state_funding_stotinki")), \(unescaped: Self.sum("municipal_funding_stotinki")),
                   count(*) FILTER (WHERE state_funding_stotinki > 0 AND municipal_funding_stotinki > 0),
                   \(unescaped: Self.sum("waiting_list")), count(*) FILTER (WHERE months_without_users IS NOT NULL),
                   \(unescaped: includeLineage ? "array_agg(id ORDER BY id)" : "NULL::bigint[]")
            FROM karta.records
            """
        Self.append(selection, to: &query)
        query.sql += """
             GROUP BY municipality_code, primary_kind, target_group, planning_level, source_kind, district_code
            """
        return try session.rows(query).map { row in
            let cells = row.makeRandomAccess()
            return GroupTotalsRow(
                municipalityCode: try cells.text(0), districtCode: try cells.text(1),
                kindKey: try cells.text(2),
                targetGroupCode: try cells.text(3), targetGroupName: try cells.optionalText(6),
                planningLevel: try cells.text(4), sourceKind: try cells.text(5), records: try cells.int(7),
                capacity: try cells.int(8), users: try cells.int(9),
                stateDelegatedCapacity: try cells.int(10),
                unknownCapacity: try cells.int(11),
                registers: RegisterTotals(
                    stateFundingStotinki: try cells.int(12), municipalFundingStotinki: try cells.int(13),
                    mixedFinancingServices: try cells.int(14), waitingList: try cells.int(15),
                    servicesWithoutUsers: try cells.int(16)),
                recordIDs: try cells.ids(17))
        }
    }

    private static let isAgency = "source_kind = '\(SourceKind.aspExport.rawValue)'"

    public func reconciliationGroups(includeLineage: Bool) throws -> [ReconciliationGroupRow] {
        try session.rows(
            """
            SELECT municipality_code, primary_kind, target_group, min(target_group_name COLLATE "C"),
                   \(unescaped: Self.isAgency), count(*), \(unescaped: Self.sum("capacity")),
                   \(unescaped: includeLineage ? "array_agg(id ORDER BY id)" : "NULL::bigint[]")
            FROM karta.records WHERE \(unescaped: ReconciliationSideRule.sqlCondition)
            GROUP BY municipality_code, primary_kind, target_group, planning_level, source_kind
            """
        ).map { row in
            let cells = row.makeRandomAccess()
            return ReconciliationGroupRow(
                municipalityCode: try cells.text(0), kindKey: try cells.text(1),
                targetGroupCode: try cells.text(2),
                targetGroupName: try cells.optionalText(3), isAgency: try cells[4].decode(Bool.self),
                records: try cells.int(5), capacity: try cells.int(6), recordIDs: try cells.ids(7))
        }
    }

    public func forEachReconciliationService(
        includeLineage: Bool, _ body: (ReconciliationServiceRow) throws -> Void
    ) throws {
        let rows = try session.rows(
            """
            SELECT municipality_code, service_id, \(unescaped: Self.isAgency), count(*),
                   \(unescaped: Self.sum("capacity")),
                   \(unescaped: includeLineage ? "array_agg(id ORDER BY id)" : "NULL::bigint[]"),
                   array_agg(DISTINCT primary_kind || '/' || target_group)
            FROM karta.records
            WHERE service_id IS NOT NULL AND service_id <> '' AND \(unescaped: ReconciliationSideRule.sqlCondition)
            GROUP BY municipality_code, service_id, source_kind
            ORDER BY municipality_code COLLATE "C", service_id COLLATE "C", \(unescaped: Self.isAgency)
            """)
        for row in rows {
            let cells = row.makeRandomAccess()
            try body(
                ReconciliationServiceRow(
                    municipalityCode: try cells.text(0), serviceID: try cells.text(1),
                    isAgency: try cells[2].decode(Bool.self), records: try cells.int(3),
                    capacity: try cells.int(4),
                    recordIDs: try cells.ids(5), classifications: Set(try cells[6].decode([String].self))))
        }
    }

    public func recordLineage(of selection: RecordSelection, ids: Set<Int64>) throws -> [RecordLineage] {
        guard !ids.isEmpty else { return [] }
        var query: PostgresQuery = """
            SELECT records.id, sources.path, sources.sha256, records.line, records.byte_offset,
                   records.service_name, records.service_id, records.municipality_code, records.source_kind,
                   records.planning_level, records.financing, records.capacity, records.users
            FROM karta.records JOIN karta.sources ON sources.id = records.source_id
            WHERE records.id = ANY(\(ids.sorted()))
            """
        Self.append(selection, to: &query, joining: "AND")
        return try session.rows(query).map { row in
            let cells = row.makeRandomAccess()
            return RecordLineage(
                id: try cells.int64(0), sourcePath: try cells.text(1), sourceSHA256: try cells.text(2),
                line: try cells.int(3), byteOffset: try cells.int64(4), serviceName: try cells.text(5),
                serviceID: try cells.optionalText(6), municipalityCode: try cells.text(7),
                sourceKind: try cells.text(8), planningLevel: try cells.text(9),
                financing: try cells.text(10),
                capacity: try cells.optionalInt(11), users: try cells.optionalInt(12))
        }
    }

    /// In pages of ``pageRows`` by id inside one snapshot, so that memory stays flat.
    @discardableResult
    public func forEachExportRecord(_ body: (RecordExportRow) throws -> Void) throws -> Int {
        let columns = RecordExportRow.Column.allCases
        return try consistentRead {
            var count = 0
            var after = Int64.min
            var row = RecordExportRow(values: Array(repeating: .null, count: columns.count))
            var bytes: [UInt8] = []
            var texts: [(column: Int, start: Int, count: Int)] = []
            while true {
                let page = try session.rows(
                    """
                    SELECT \(unescaped: RecordExportRow.selectedColumns)
                    FROM karta.records JOIN karta.sources ON sources.id = records.source_id
                    WHERE records.id > \(after) ORDER BY records.id LIMIT \(unescaped: "\(Self.pageRows)")
                    """)
                for record in page {
                    let cells = record.makeRandomAccess()
                    bytes.removeAll(keepingCapacity: true)
                    texts.removeAll(keepingCapacity: true)
                    for column in columns {
                        if column.isInteger {
                            row.values[column.rawValue] =
                                try cells[column.rawValue].decode(Int64?.self).map { .integer($0) } ?? .null
                        } else if let text = try cells.optionalText(column.rawValue) {
                            texts.append((column.rawValue, bytes.count, text.utf8.count))
                            bytes.append(contentsOf: text.utf8)
                        } else {
                            row.values[column.rawValue] = .null
                        }
                    }
                    try bytes.withUnsafeBufferPointer { buffer in
                        for text in texts {
                            row.values[text.column] = .text(
                                UnsafeBufferPointer(rebasing: buffer[text.start..<text.start + text.count]))
                        }
                        try body(row)
                    }
                    after = try cells.int64(0)
                    count += 1
                }
                if page.count < Self.pageRows { return count }
            }
        }
    }

    public func districtLevelServices() throws -> [(sourceKind: SourceKind, service: DistrictService)] {
        try session.rows(
            """
            SELECT source_kind, district_code, municipality_code, primary_kind, target_group, target_group_name,
                   service_name, capacity, users, service_scope
            FROM karta.records
            WHERE planning_level = 'district' AND source_kind IN (\(SourceKind.municipalRegister.rawValue), \(SourceKind.aspExport.rawValue))
            ORDER BY district_code COLLATE "C", municipality_code COLLATE "C", primary_kind COLLATE "C",
                     service_name COLLATE "C", id
            """
        ).compactMap { row in
            let cells = row.makeRandomAccess()
            let kindKey = try cells.text(3)
            guard let sourceKind = SourceKind(rawValue: try cells.text(0)),
                let kind = ServiceKind(key: kindKey)
            else { return nil }
            let service = DistrictService(
                districtCode: try cells.text(1), hostMunicipalityCode: try cells.text(2), kind: kind,
                targetGroup: TargetGroup(code: try cells.text(4), nameBG: try cells.text(5)),
                serviceName: try cells.text(6), capacity: try cells.optionalInt(7),
                users: try cells.optionalInt(8),
                scope: try cells.optionalText(9).flatMap(ServiceScope.init(rawValue:)) ?? .district)
            return (sourceKind, service)
        }
    }

    public func municipalitiesWithRegister() throws -> Set<String> {
        Set(
            try session.rows(
                "SELECT DISTINCT municipality_code FROM karta.records WHERE source_kind = \(SourceKind.municipalRegister.rawValue)"
            ).map { try $0.decode(String.self) })
    }

    // MARK: Adopted Map

    public func adoptedMapEntries() throws -> [AdoptedMapEntry] {
        try session.rows(
            """
            SELECT adopted_map.planning_level, adopted_map.municipality_code, adopted_map.district_code,
                   adopted_map.primary_kind, adopted_map.target_group, adopted_map.target_group_name,
                   adopted_map.maximum_users, adopted_map.service_name, sources.path, adopted_map.line
            FROM karta.adopted_map JOIN karta.sources ON sources.id = adopted_map.source_id
            ORDER BY sources.path COLLATE "C", adopted_map.record_index
            """
        ).compactMap { row in
            let cells = row.makeRandomAccess()
            let kindKey = try cells.text(3)
            guard let level = PlanningLevel(rawValue: try cells.text(0)),
                let kind = ServiceKind(key: kindKey)
            else { return nil }
            return AdoptedMapEntry(
                level: level, municipalityCode: try cells.optionalText(1), districtCode: try cells.text(2),
                kind: kind,
                targetGroup: TargetGroup(code: try cells.text(4), nameBG: try cells.text(5)),
                maximumUsers: try cells.optionalInt(6), serviceName: try cells.text(7),
                sourcePath: try cells.text(8),
                line: try cells.int(9))
        }
    }

    public func hasAdoptedMap() throws -> Bool {
        try session.rows(
            "SELECT EXISTS (SELECT 1 FROM karta.sources WHERE kind = \(SourceKind.adoptedMap.rawValue))"
        ).first?.decode(Bool.self) ?? false
    }

    public func servicesWithoutUsers() throws -> [ServiceWithoutUsers] {
        try session.rows(
            """
            SELECT records.id, records.municipality_code, records.service_name, records.primary_kind,
                   records.months_without_users, sources.path, records.line
            FROM karta.records JOIN karta.sources ON sources.id = records.source_id
            WHERE records.months_without_users IS NOT NULL
            ORDER BY records.municipality_code COLLATE "C", sources.path COLLATE "C", records.line, records.id
            """
        ).map { row in
            let cells = row.makeRandomAccess()
            let kindKey = try cells.text(3)
            return ServiceWithoutUsers(
                municipalityCode: try cells.text(1), serviceName: try cells.text(2),
                kind: ServiceKind(key: kindKey) ?? .informationAndConsultation,
                months: StoredColumns.months(column: try cells.text(4)) ?? [], sourcePath: try cells.text(5),
                line: try cells.int(6), recordID: try cells.int64(0))
        }
    }

    public func planFacts(municipalityCode code: String) throws -> StoredPlanFacts {
        try consistentRead {
            let hasRegister =
                try session.rows(
                    """
                    SELECT EXISTS (SELECT 1 FROM karta.records
                      WHERE municipality_code = \(code) AND source_kind = \(SourceKind.municipalRegister.rawValue))
                    """
                ).first?.decode(Bool.self) ?? false
            let ownKind = hasRegister ? SourceKind.municipalRegister : SourceKind.aspExport
            let own = try session.rows(
                """
                SELECT records.*, sources.path AS source_path, sources.sha256 AS source_sha256
                FROM karta.records JOIN karta.sources ON sources.id = records.source_id
                WHERE records.municipality_code = \(code) AND records.source_kind = \(ownKind.rawValue)
                  AND records.financing = \(Financing.local.rawValue)
                ORDER BY records.primary_kind COLLATE "C", records.service_name COLLATE "C",
                         sources.path COLLATE "C", records.record_index
                """
            ).map { row in
                let cells = row.makeRandomAccess()
                return try StoredColumns.record(
                    text: { try cells[$0].decode(String?.self) },
                    integer: { try cells[$0].decode(Int64?.self) }
                ).record
            }
            let dates = try session.rows(
                """
                SELECT min(reporting_date COLLATE "C"), max(reporting_date COLLATE "C") FROM karta.records
                WHERE municipality_code = \(code) AND reporting_date IS NOT NULL AND reporting_date <> ''
                  AND source_kind IN (\(SourceKind.municipalRegister.rawValue), \(SourceKind.aspExport.rawValue),
                                      \(SourceKind.proposal.rawValue))
                """
            ).first?.makeRandomAccess()
            return StoredPlanFacts(
                ownBudgetServices: own, firstReportingDate: try dates?.optionalText(0),
                lastReportingDate: try dates?.optionalText(1))
        }
    }

    // MARK: Runs

    /// Newest first: runs take the writers' lock, and ``startRun(command:pipelinePath:pipelineSHA256:)``
    /// gives each a later `started_at` than the one before.
    public func runs(limit: Int) throws -> [StoredRun] {
        try session.rows(
            """
            SELECT id, started_at, finished_at, karta_version, pipeline_path, command, outcome, exit_status,
                   manifest_json
            FROM karta.runs ORDER BY started_at COLLATE "C" DESC, id COLLATE "C" DESC LIMIT \(limit)
            """
        ).map { row in
            let cells = row.makeRandomAccess()
            return StoredRun(
                id: try cells.text(0), startedAt: try cells.text(1), finishedAt: try cells.optionalText(2),
                kartaVersion: try cells.text(3), pipelinePath: try cells.optionalText(4),
                command: try cells.text(5),
                outcome: try cells.optionalText(6), exitStatus: try cells.optionalInt(7),
                manifestJSON: try cells.optionalText(8))
        }
    }

    /// The run that holds the writers' lock now: the newest run without an end, while some
    /// session holds the lock (nil when none does).
    public func runningRunID() throws -> String? {
        guard try PostgresRunLock.holder(session: session) != nil else { return nil }
        return try session.rows(
            """
            SELECT id FROM karta.runs WHERE finished_at IS NULL
            ORDER BY started_at COLLATE "C" DESC, id COLLATE "C" DESC LIMIT 1
            """
        ).first?.decode(String.self)
    }

    public func storedDraft(run id: String) throws -> (runID: String, json: String)? {
        let rows: [PostgresRow]
        switch id {
        case "latest", "previous":
            rows = try session.rows(
                """
                SELECT id, draft_json FROM karta.runs WHERE draft_json IS NOT NULL
                ORDER BY started_at COLLATE "C" DESC, id COLLATE "C" DESC LIMIT 1 OFFSET \(id == "latest" ? 0 : 1)
                """)
        default:
            rows = try session.rows(
                "SELECT id, draft_json FROM karta.runs WHERE draft_json IS NOT NULL AND left(id, length(\(id))) = \(id)"
            )
        }
        guard rows.count == 1 else { return nil }
        let (runID, json) = try rows[0].decode((String, String).self)
        return (runID, json)
    }

    public func latestRunCriteria() throws -> (runID: String, criteria: RunCriteria)? {
        guard
            let row = try session.rows(
                """
                SELECT run_criteria.run_id, run_criteria.path, run_criteria.version, run_criteria.status,
                       run_criteria.sha256, run_criteria.yaml
                FROM karta.run_criteria JOIN karta.runs ON runs.id = run_criteria.run_id
                WHERE runs.draft_json IS NOT NULL
                ORDER BY runs.started_at COLLATE "C" DESC, runs.id COLLATE "C" DESC LIMIT 1
                """
            ).first?.makeRandomAccess()
        else { return nil }
        return (
            try row.text(0),
            RunCriteria(
                path: try row.optionalText(1), version: try row.text(2), status: try row.text(3),
                sha256: try row.optionalText(4), yaml: try row.optionalText(5))
        )
    }

    // MARK: SQL pieces

    /// The sum of a column, 0 when no row has a value (SQLite's `TOTAL`).
    private static func sum(_ column: String, where condition: String? = nil) -> String {
        "coalesce(sum(\(column))\(condition.map { " FILTER (WHERE \($0))" } ?? ""), 0)::bigint"
    }

    /// Appends the selection's conditions, the first after `joining` (`WHERE` or `AND`).
    private static func append(
        _ selection: RecordSelection, to query: inout PostgresQuery, joining: String = "WHERE"
    ) {
        var joining = joining
        for (column, value) in [
            ("district_code", selection.districtCode), ("municipality_code", selection.municipalityCode),
            ("primary_kind", selection.kindKey),
        ] {
            guard let value else { continue }
            query.binds.append(value)
            query.sql += " \(joining) records.\(column) = $\(query.binds.count)"
            joining = "AND"
        }
    }
}

extension PostgresRandomAccessRow {
    func text(_ index: Int) throws -> String { try self[index].decode(String.self) }
    func optionalText(_ index: Int) throws -> String? { try self[index].decode(String?.self) }
    func int64(_ index: Int) throws -> Int64 { try self[index].decode(Int64.self) }
    func int(_ index: Int) throws -> Int { Int(try self[index].decode(Int64.self)) }
    func optionalInt(_ index: Int) throws -> Int? { try self[index].decode(Int64?.self).map { Int($0) } }
    /// An `array_agg` of ids; empty for NULL.
    func ids(_ index: Int) throws -> [Int64] { try self[index].decode([Int64]?.self) ?? [] }
}
