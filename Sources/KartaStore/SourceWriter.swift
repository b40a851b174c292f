import Foundation
import GRDB
import KartaModel

/// Writes the rows of one source inside the transaction of ``Store/load(source:_:)``, with
/// prepared statements reused for every row. Valid only inside that closure.
public final class SourceWriter {
    public private(set) var loaded = 0
    public private(set) var rejected = 0
    public private(set) var nonData = 0
    public private(set) var rejectsByReason: [RejectReason: Int] = [:]

    let sourceID: Int64
    private let insertRecord: Statement
    private let insertReject: Statement

    init(db: Database, sourceID: Int64) throws {
        self.sourceID = sourceID
        insertRecord = try db.makeStatement(
            sql: """
                INSERT INTO records (
                  source_id, municipality_code, district_code, primary_kind, kinds, target_group,
                  target_group_name, service_name, capacity, users, financing, provider,
                  reporting_date, planning_level, source_kind, service_id, settlement_ekatte,
                  line, "column", byte_offset, record_index, run_id, warnings)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        insertReject = try db.makeStatement(
            sql: """
                INSERT INTO rejects (
                  source_id, line, column_index, byte_offset, record_index, column_name, reason,
                  message, raw_text, run_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
    }

    /// Stores an accepted record.
    public func add(_ record: ServiceRecord) throws {
        let position = record.provenance.position
        let arguments: StatementArguments = [
            sourceID, record.municipalityCode, record.districtCode, record.primaryKind.key,
            record.storedKinds, record.targetGroup.code, record.targetGroup.nameBG, record.serviceName,
            record.capacity, record.users, record.financing.rawValue, record.provider,
            record.reportingDate, record.planningLevel.rawValue, record.sourceKind.rawValue,
            record.serviceID, record.settlementEKATTE, position.line, position.column,
            position.byteOffset, position.recordIndex, record.provenance.runID,
            Self.warningsJSON(record.warnings),
        ]
        insertRecord.setUncheckedArguments(arguments)
        try insertRecord.execute()
        loaded += 1
    }

    /// Stores a reject.
    public func add(_ reject: Reject) throws {
        let position = reject.provenance.position
        let arguments: StatementArguments = [
            sourceID, position.line, position.column, position.byteOffset, position.recordIndex,
            reject.column, reject.reason.rawValue, reject.message, reject.rawText, reject.provenance.runID,
        ]
        insertReject.setUncheckedArguments(arguments)
        try insertReject.execute()
        rejected += 1
        rejectsByReason[reject.reason, default: 0] += 1
    }

    /// Counts a non-data row (totals, repeated header): never stored, never summed.
    public func addNonData() {
        nonData += 1
    }

    private static func warningsJSON(_ warnings: [RecordWarning]) -> String {
        guard !warnings.isEmpty else { return "[]" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(warnings) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}
