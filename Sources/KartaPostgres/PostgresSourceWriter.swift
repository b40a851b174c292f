import KartaModel
import KartaStore
import PostgresNIO

/// Writes the rows of one source to PostgreSQL inside ``PostgresStore/load(source:_:)``: records,
/// rejects and adopted-Map lines go in multi-row INSERTs of ``batchRows`` rows, so that a file
/// costs a few hundred round trips, not one per row. Valid only inside that closure.
final class PostgresSourceWriter: SourceRowWriter {
    private(set) var loaded = 0
    private(set) var rejected = 0
    private(set) var nonData = 0
    private(set) var rejectsByReason: [RejectReason: Int] = [:]

    private let session: PostgresSession
    private let sourceID: Int64
    private let makeFingerprintTable: () throws -> FingerprintTable
    private var fingerprints: FingerprintTable?
    private var records = PendingRows(table: "records", columns: PostgresSourceWriter.recordColumns)
    private var rejects = PendingRows(table: "rejects", columns: PostgresSourceWriter.rejectColumns)
    private var adoptedMap = PendingRows(
        table: "adopted_map", columns: PostgresSourceWriter.adoptedMapColumns)

    /// Rows per INSERT: 29 record columns × 1,000 stays under PostgreSQL's 65,535 parameters.
    static let batchRows = 1_000

    init(session: PostgresSession, sourceID: Int64, fingerprintTable: @escaping () throws -> FingerprintTable)
    {
        self.session = session
        self.sourceID = sourceID
        self.makeFingerprintTable = fingerprintTable
    }

    func fingerprintTable() throws -> FingerprintTable {
        if let fingerprints { return fingerprints }
        let table = try makeFingerprintTable()
        fingerprints = table
        return table
    }

    func add(_ record: ServiceRecord) throws {
        let position = record.provenance.position
        if record.sourceKind == .adoptedMap {
            adoptedMap.add { binds in
                binds.append(StoredID.record(source: sourceID, recordIndex: position.recordIndex))
                binds.append(sourceID)
                binds.appendText(record.planningLevel.rawValue)
                binds.appendText(record.municipalityCode.isEmpty ? nil : record.municipalityCode)
                binds.appendText(record.districtCode)
                binds.appendText(record.primaryKind.key)
                binds.appendText(record.targetGroup.code)
                binds.appendText(record.targetGroup.nameBG)
                binds.append(record.capacity)
                binds.appendText(record.serviceName)
                binds.append(position.line)
                binds.append(position.byteOffset)
                binds.append(position.recordIndex)
                binds.appendText(record.provenance.runID)
            }
            loaded += 1
            try flushIfFull(&adoptedMap)
            return
        }
        records.add { binds in
            binds.append(StoredID.record(source: sourceID, recordIndex: position.recordIndex))
            binds.append(sourceID)
            binds.appendText(record.municipalityCode)
            binds.appendText(record.districtCode)
            binds.appendText(record.primaryKind.key)
            binds.appendText(record.kinds.count == 1 ? record.primaryKind.key : record.storedKinds)
            binds.appendText(record.targetGroup.code)
            binds.appendText(record.targetGroup.nameBG)
            binds.appendText(record.serviceName)
            binds.append(record.capacity)
            binds.append(record.users)
            binds.appendText(record.financing.rawValue)
            binds.appendText(record.provider)
            binds.appendText(record.reportingDate)
            binds.appendText(record.planningLevel.rawValue)
            binds.appendText(record.sourceKind.rawValue)
            binds.appendText(record.serviceID)
            binds.appendText(record.settlementEKATTE)
            binds.append(position.line)
            binds.append(position.column)
            binds.append(position.byteOffset)
            binds.append(position.recordIndex)
            binds.appendText(record.provenance.runID)
            binds.appendText(StoredColumns.warnings(record.warnings))
            binds.appendText(record.scope?.rawValue)
            binds.append(record.register.stateFundingStotinki)
            binds.append(record.register.municipalFundingStotinki)
            binds.append(record.register.waitingList)
            binds.appendText(StoredColumns.months(record.register.monthsWithoutUsers))
        }
        loaded += 1
        try flushIfFull(&records)
    }

    func add(_ reject: Reject) throws {
        let position = reject.provenance.position
        let id = StoredID.reject(source: sourceID, index: rejected)
        rejects.add { binds in
            binds.append(id)
            binds.append(sourceID)
            binds.append(position.line)
            binds.append(position.column)
            binds.append(position.byteOffset)
            binds.append(position.recordIndex)
            binds.appendText(reject.column)
            binds.appendText(reject.reason.rawValue)
            binds.appendText(reject.message)
            binds.appendText(reject.rawText)
            binds.appendText(reject.provenance.runID)
        }
        rejected += 1
        rejectsByReason[reject.reason, default: 0] += 1
        try flushIfFull(&rejects)
    }

    func addNonData() {
        nonData += 1
    }

    /// Writes what is still pending; ``PostgresStore/load(source:_:)`` calls it when the rows are
    /// done, and throws the fingerprint table's first error.
    func finish() throws {
        for pending in [records, rejects, adoptedMap] where pending.count > 0 {
            try session.execute(pending.insert())
        }
        records.removeAll()
        rejects.removeAll()
        adoptedMap.removeAll()
        if let error = fingerprints?.error { throw error }
    }

    private func flushIfFull(_ pending: inout PendingRows) throws {
        guard pending.count == Self.batchRows else { return }
        try session.execute(pending.insert())
        pending.removeAll()
    }

    static let recordColumns = [
        "id", "source_id", "municipality_code", "district_code", "primary_kind", "kinds", "target_group",
        "target_group_name", "service_name", "capacity", "users", "financing", "provider", "reporting_date",
        "planning_level", "source_kind", "service_id", "settlement_ekatte", "line", "\"column\"",
        "byte_offset",
        "record_index", "run_id", "warnings", "service_scope", "state_funding_stotinki",
        "municipal_funding_stotinki", "waiting_list", "months_without_users",
    ]
    static let rejectColumns = [
        "id", "source_id", "line", "column_index", "byte_offset", "record_index", "column_name", "reason",
        "message",
        "raw_text", "run_id",
    ]
    static let adoptedMapColumns = [
        "id", "source_id", "planning_level", "municipality_code", "district_code", "primary_kind",
        "target_group",
        "target_group_name", "maximum_users", "service_name", "line", "byte_offset", "record_index", "run_id",
    ]
}

/// Rows waiting for one multi-row INSERT into a table of the `karta` schema.
struct PendingRows {
    let table: String
    let columns: [String]
    private(set) var count = 0
    private var binds = PostgresBindings()

    init(table: String, columns: [String]) {
        self.table = table
        self.columns = columns
    }

    /// Adds one row: `row` appends exactly one value per column.
    mutating func add(_ row: (inout PostgresBindings) -> Void) {
        row(&binds)
        count += 1
    }

    mutating func removeAll() {
        binds = PostgresBindings()
        count = 0
    }

    /// `INSERT INTO karta.TABLE (…) VALUES ($1, …), (…)` with the pending rows.
    func insert() -> PostgresQuery {
        let width = columns.count
        let tuples = (0..<count).map { row in
            "(" + (1...width).map { "$\(row * width + $0)" }.joined(separator: ", ") + ")"
        }
        return PostgresQuery(
            unsafeSQL:
                "INSERT INTO karta.\(table) (\(columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))",
            binds: binds)
    }
}

extension PostgresBindings {
    /// Appends a text as SQLite gives it back: up to its first NUL byte. PostgreSQL refuses a
    /// NUL in text, and SQLite's readers stop at it, so both backends return the same text.
    mutating func appendText(_ text: String?) {
        guard let text else {
            appendNull()
            return
        }
        if let nul = text.utf8.firstIndex(of: 0) {
            append(String(text[..<nul]))
        } else {
            append(text)
        }
    }
}
