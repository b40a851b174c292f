import KartaModel

/// What the later stages (aggregate, explain, export, history, diff) read from a store: typed
/// queries returning plain Sendable rows, with no SQL or GRDB type in sight.
///
/// ``Store`` (SQLite through GRDB) and `PostgresStore` (module KartaPostgres) implement it with
/// the same results: the same rows in the same order
/// where an order is stated, the same sums (a record without capacity or users adds 0), text
/// compared and ordered as UTF-8 bytes, and ``consistentRead(_:)`` giving one snapshot to every
/// query made inside it. The record columns are those of `StoreSchema` (docs/formats.md).
/// Writing — loads and run bookkeeping — is ``StoreWriting``.
public protocol StoreReading: Sendable {
    /// Where the store is, for messages: a file path or a `postgresql://` URL (no password).
    var location: String { get }

    /// Runs `body` with every query it makes reading one snapshot of the store (a read
    /// transaction): a run committing meanwhile is seen either whole or not at all.
    func consistentRead<T>(_ body: () throws -> T) throws -> T

    /// The names of the schema steps the store has had, oldest first.
    func appliedMigrations() throws -> [String]

    // MARK: Sources and rejects

    /// Every stored source with its row accounting and rejects per reason, by path.
    func sourceSummaries() throws -> [SourceReport]
    /// The stored version of the source at `path`, if any.
    func storedSource(path: String) throws -> SourceReport?
    /// True when `path` is stored, loaded, with this SHA-256.
    func isUnchanged(path: String, sha256: String) throws -> Bool
    /// The stored rejects, optionally of one source, ordered by source path, row, insertion.
    func rejects(sourcePath: String?) throws -> [StoredReject]
    /// Every stored reject, one at a time in no stated order (memory stays flat).
    func forEachReject(_ body: (StoredReject) throws -> Void) throws
    /// For each source (by path) with at least one reject: the distinct municipality codes of
    /// its records, in no stated order.
    func municipalitiesOfSourcesWithRejects() throws -> [String: [String]]

    // MARK: Records

    /// How many service records the store holds.
    func recordCount() throws -> Int
    /// The sums of the selected records per municipality, district, primary kind, target group,
    /// planning level and source kind, in no stated order.
    func groupTotals(of selection: RecordSelection, includeLineage: Bool) throws -> [GroupTotalsRow]
    /// The two sides of reconciliation (``ReconciliationSideRule``) summed per municipality,
    /// primary kind, target group, planning level and side, in no stated order.
    func reconciliationGroups(includeLineage: Bool) throws -> [ReconciliationGroupRow]
    /// The two sides of reconciliation summed per municipality, service id (non-empty) and
    /// side, one at a time ordered by municipality code, service id, municipal side first.
    func forEachReconciliationService(
        includeLineage: Bool, _ body: (ReconciliationServiceRow) throws -> Void) throws
    /// The lineage of the records among `ids` that `selection` selects, in no stated order.
    func recordLineage(of selection: RecordSelection, ids: Set<Int64>) throws -> [RecordLineage]
    /// Every record in id order, one borrowed row at a time (memory stays flat); returns the
    /// count. The row's text is valid only during the call of `body`.
    @discardableResult
    func forEachExportRecord(_ body: (RecordExportRow) throws -> Void) throws -> Int

    /// Every register and АСП record planned at district level with its source kind, ordered by
    /// district, host municipality, kind key, service name, id; `serves` is left empty.
    func districtLevelServices() throws -> [(sourceKind: SourceKind, service: DistrictService)]
    /// The municipalities that sent at least one register record.
    func municipalitiesWithRegister() throws -> Set<String>

    // MARK: Adopted Map

    /// Every line of the adopted Maps, ordered by source path and line.
    func adoptedMapEntries() throws -> [AdoptedMapEntry]
    /// Whether an adopted Map is loaded (a source of kind `adopted-map`, even one with no lines).
    func hasAdoptedMap() throws -> Bool

    /// Services whose monthly users show three consecutive months or more without users
    /// (ЗСУ Art. 58(1) т. 2), by municipality, source path and line.
    func servicesWithoutUsers() throws -> [ServiceWithoutUsers]
    /// What one municipality's annual plan reads beside the draft: its own-budget services and
    /// the period its data cover (ЗСУ Art. 38).
    func planFacts(municipalityCode code: String) throws -> StoredPlanFacts

    // MARK: Runs

    /// Every run, newest first (at most `limit`).
    func runs(limit: Int) throws -> [StoredRun]
    /// The draft a run kept: a run id, a unique prefix of one, `latest` or `previous`.
    func storedDraft(run id: String) throws -> (runID: String, json: String)?
    /// The criteria of the newest run that recorded some and kept a draft.
    func latestRunCriteria() throws -> (runID: String, criteria: RunCriteria)?
}

/// What a pipeline run writes to a store: the rows of each source, the run's bookkeeping and the
/// one transaction it runs in.
public protocol StoreWriting: StoreReading {
    /// Loads one source in one transaction (inside a run transaction: a savepoint of it): removes
    /// the stored version of the same path with its records and rejects, lets `body` write every
    /// row through the ``SourceRowWriter``, checks `rows_read = loaded + rejected + non_data` and
    /// commits. Ids are derived (``StoredID``), never drawn from a sequence, so the same inputs
    /// give the same ids on every backend. If `body` throws, or the process dies first, the store
    /// keeps its previous state.
    @discardableResult
    func load(source: SourceInfo, _ body: (any SourceRowWriter) throws -> SourceCompletion) throws
        -> SourceLoadResult
    /// Runs `body` with every change in one transaction: committed when it returns, rolled back
    /// when it throws or the process dies first.
    func inRunTransaction<T>(_ body: () throws -> T) throws -> T
    /// Records the start of a run and returns its id (sortable by time, unique).
    func startRun(command: String, pipelinePath: String?, pipelineSHA256: String?) throws -> String
    /// Keeps the draft a run computed (JSON, lineage stripped).
    func saveDraft(runID: String, json: String) throws
    /// Records how a run ended.
    func finishRun(id: String, outcome: String, exitStatus: Int32, manifestJSON: String?) throws
    /// Records the criteria of a run (a second call replaces the first).
    func recordCriteria(runID: String, _ criteria: RunCriteria) throws
    /// Removes sources with their records and rejects; returns how many were removed.
    @discardableResult func removeSources(paths: [String]) throws -> Int
    /// Marks every run that never finished as `interrupted`; returns their ids, oldest first.
    @discardableResult func markInterruptedRuns() throws -> [String]
    /// Gives sources stored under an absolute path inside `root` their path relative to it.
    @discardableResult func rebaseSourcePaths(root: String) throws -> Int
}

/// Where the rows of one source go while ``StoreWriting/load(source:_:)`` runs; valid only
/// inside that closure.
public protocol SourceRowWriter: AnyObject {
    /// Stores an accepted record (an adopted Map's line goes to the adopted Map).
    func add(_ record: ServiceRecord) throws
    /// Stores a reject.
    func add(_ reject: Reject) throws
    /// Counts a non-data row (totals, repeated header): never stored, never summed.
    func addNonData()
    /// The load's table of row fingerprints for duplicate detection (``FingerprintTable``).
    func fingerprintTable() throws -> FingerprintTable
}

/// Which records a query reads: all, one district's or one municipality's, of one kind or all.
public struct RecordSelection: Sendable, Hashable {
    public var districtCode: String?
    public var municipalityCode: String?
    /// The primary kind's key.
    public var kindKey: String?

    public init(districtCode: String? = nil, municipalityCode: String? = nil, kindKey: String? = nil) {
        self.districtCode = districtCode
        self.municipalityCode = municipalityCode
        self.kindKey = kindKey
    }

    /// Every record.
    public static let all = RecordSelection()
}

/// The sums of the records that share municipality, district, primary kind, target group,
/// planning level and source kind. Codes are as stored (not checked against the model).
public struct GroupTotalsRow: Sendable, Hashable {
    public var municipalityCode: String
    public var districtCode: String
    public var kindKey: String
    public var targetGroupCode: String
    /// The smallest stored name of the target group (nil when every record left it blank).
    public var targetGroupName: String?
    public var planningLevel: String
    public var sourceKind: String
    public var records: Int
    /// Sum of capacity; a record without capacity adds 0.
    public var capacity: Int
    /// Sum of users; a record without users adds 0.
    public var users: Int
    /// Sum of capacity of records financed `state_delegated`.
    public var stateDelegatedCapacity: Int
    /// Records without capacity.
    public var unknownCapacity: Int
    /// What the registers carry beside capacity: funding, waiting lists, months without users.
    public var registers: RegisterTotals
    /// Record ids, ascending (empty without lineage).
    public var recordIDs: [Int64]

    public init(
        municipalityCode: String, districtCode: String, kindKey: String, targetGroupCode: String,
        targetGroupName: String?, planningLevel: String, sourceKind: String, records: Int, capacity: Int,
        users: Int, stateDelegatedCapacity: Int, unknownCapacity: Int, registers: RegisterTotals,
        recordIDs: [Int64]
    ) {
        self.municipalityCode = municipalityCode
        self.districtCode = districtCode
        self.kindKey = kindKey
        self.targetGroupCode = targetGroupCode
        self.targetGroupName = targetGroupName
        self.planningLevel = planningLevel
        self.sourceKind = sourceKind
        self.records = records
        self.capacity = capacity
        self.users = users
        self.stateDelegatedCapacity = stateDelegatedCapacity
        self.unknownCapacity = unknownCapacity
        self.registers = registers
        self.recordIDs = recordIDs
    }
}

/// Which records reconciliation compares: the municipal side is the register records that the
/// state may fund (financing `state_delegated` or `unknown`), the agency side every АСП record.
public enum ReconciliationSideRule {
    public static let municipalFinancing: [Financing] = [.stateDelegated, .unknown]

    /// The rule as an SQL condition on `records`, the same on both backends.
    public static var sqlCondition: String {
        let financing = municipalFinancing.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return """
            ((source_kind = '\(SourceKind.municipalRegister.rawValue)' AND financing IN (\(financing)))
             OR source_kind = '\(SourceKind.aspExport.rawValue)')
            """
    }
}

/// One side of reconciliation summed per municipality, primary kind, target group and planning
/// level.
public struct ReconciliationGroupRow: Sendable, Hashable {
    public var municipalityCode: String
    public var kindKey: String
    public var targetGroupCode: String
    public var targetGroupName: String?
    /// The agency (АСП) side; otherwise the municipal side.
    public var isAgency: Bool
    public var records: Int
    public var capacity: Int
    /// Record ids, ascending (empty without lineage).
    public var recordIDs: [Int64]

    public init(
        municipalityCode: String, kindKey: String, targetGroupCode: String, targetGroupName: String?,
        isAgency: Bool, records: Int, capacity: Int, recordIDs: [Int64]
    ) {
        self.municipalityCode = municipalityCode
        self.kindKey = kindKey
        self.targetGroupCode = targetGroupCode
        self.targetGroupName = targetGroupName
        self.isAgency = isAgency
        self.records = records
        self.capacity = capacity
        self.recordIDs = recordIDs
    }
}

/// One side of reconciliation summed per municipality and service id.
public struct ReconciliationServiceRow: Sendable, Hashable {
    public var municipalityCode: String
    public var serviceID: String
    public var isAgency: Bool
    public var records: Int
    public var capacity: Int
    /// Record ids, ascending (empty without lineage).
    public var recordIDs: [Int64]
    /// The distinct `primary kind key/target group code` pairs of its records.
    public var classifications: Set<String>

    public init(
        municipalityCode: String, serviceID: String, isAgency: Bool, records: Int, capacity: Int,
        recordIDs: [Int64], classifications: Set<String>
    ) {
        self.municipalityCode = municipalityCode
        self.serviceID = serviceID
        self.isAgency = isAgency
        self.records = records
        self.capacity = capacity
        self.recordIDs = recordIDs
        self.classifications = classifications
    }
}

/// One stored record as the records export reads it, its columns borrowed from the backend.
///
/// Text is UTF-8 up to the first NUL byte, valid only during the call that hands the row over;
/// codes are as stored (not checked against the model).
public struct RecordExportRow {
    /// One column's value.
    public enum Value {
        case null
        case integer(Int64)
        case text(UnsafeBufferPointer<UInt8>)
    }

    /// The columns, in the order of ``values``.
    public enum Column: Int, CaseIterable, Sendable {
        case id, municipalityCode, districtCode, kinds, targetGroup, targetGroupName, serviceName
        case capacity, users, financing, provider, reportingDate, planningLevel, sourceKind
        case serviceID, settlementEKATTE, sourcePath, sourceSHA256, line, byteOffset, recordIndex
        case warnings
        /// Amounts in stotinki (schema v8).
        case stateFundingStotinki, municipalFundingStotinki
        case waitingList
        /// The months without users, joined by `|` (ЗСУ Art. 58(1) т. 2).
        case monthsWithoutUsers

        /// Whether the column holds an integer (otherwise text).
        public var isInteger: Bool {
            switch self {
            case .id, .capacity, .users, .line, .byteOffset, .recordIndex, .stateFundingStotinki,
                .municipalFundingStotinki, .waitingList:
                true
            default: false
            }
        }
    }

    /// The values in ``Column`` order.
    public var values: [Value]

    /// The `SELECT` list of ``Column`` over `records` joined with `sources`, the same on both
    /// backends.
    public static let selectedColumns = """
        records.id, records.municipality_code, records.district_code, records.kinds,
        records.target_group, records.target_group_name, records.service_name,
        records.capacity, records.users, records.financing, records.provider,
        records.reporting_date, records.planning_level, records.source_kind,
        records.service_id, records.settlement_ekatte, sources.path, sources.sha256,
        records.line, records.byte_offset, records.record_index, records.warnings,
        records.state_funding_stotinki, records.municipal_funding_stotinki, records.waiting_list,
        records.months_without_users
        """

    public init(values: [Value]) { self.values = values }

    public subscript(column: Column) -> Value { values[column.rawValue] }
}

extension StoreWriting {
    /// Records the start of a run that no pipeline file describes (`karta ingest`).
    public func startRun(command: String) throws -> String {
        try startRun(command: command, pipelinePath: nil, pipelineSHA256: nil)
    }
}
