import GRDB
import KartaModel

/// What a municipality's annual plan reads from the store beside the draft: the services it
/// funds from its own budget, and the period its data cover.
public struct StoredPlanFacts: Sendable, Hashable {
    /// Register records (АСП records when the municipality sent no register) financed as a
    /// local activity (местна дейност), by primary kind, service name and file position.
    public var ownBudgetServices: [ServiceRecord]
    /// The earliest and latest reporting dates of the municipality's register, АСП and proposal
    /// records (ISO `YYYY-MM-DD`); nil when none carries a date.
    public var firstReportingDate: String?
    public var lastReportingDate: String?

    public init(ownBudgetServices: [ServiceRecord], firstReportingDate: String?, lastReportingDate: String?) {
        self.ownBudgetServices = ownBudgetServices
        self.firstReportingDate = firstReportingDate
        self.lastReportingDate = lastReportingDate
    }
}

extension Store {
    /// The facts of one municipality's annual plan (ЗСУ Art. 38) that the draft does not carry.
    public func planFacts(municipalityCode code: String) throws -> StoredPlanFacts {
        try read { db in
            let hasRegister =
                try Bool.fetchOne(
                    db,
                    sql:
                        "SELECT EXISTS (SELECT 1 FROM records WHERE municipality_code = ? AND source_kind = ?)",
                    arguments: [code, SourceKind.municipalRegister.rawValue]) ?? false
            let ownKind = hasRegister ? SourceKind.municipalRegister : SourceKind.aspExport
            let own = try StoredRecord.fetchAll(
                db,
                sql: StoredRecord.selectSQL + """
                     WHERE records.municipality_code = ? AND records.source_kind = ? AND records.financing = ?
                    ORDER BY records.primary_kind, records.service_name, sources.path, records.record_index
                    """,
                arguments: [code, ownKind.rawValue, Financing.local.rawValue])
            let dates = try Row.fetchOne(
                db,
                sql: """
                    SELECT MIN(reporting_date), MAX(reporting_date) FROM records
                    WHERE municipality_code = ? AND reporting_date IS NOT NULL AND reporting_date <> ''
                      AND source_kind IN (?, ?, ?)
                    """,
                arguments: [
                    code, SourceKind.municipalRegister.rawValue, SourceKind.aspExport.rawValue,
                    SourceKind.proposal.rawValue,
                ])
            return StoredPlanFacts(
                ownBudgetServices: own.map(\.record), firstReportingDate: dates?[0],
                lastReportingDate: dates?[1])
        }
    }
}
