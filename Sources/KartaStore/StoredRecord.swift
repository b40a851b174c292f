import Foundation
import GRDB
import KartaModel

/// A service record as stored: the canonical record and its row id (used by lineage).
public struct StoredRecord: Sendable, Hashable {
    public var id: Int64
    public var sourceID: Int64
    public var record: ServiceRecord
}

extension StoredRecord: FetchableRecord {
    /// Decodes a row of `records` joined with `sources` (columns `source_path`, `source_sha256`).
    public init(row: Row) throws {
        id = row["id"]
        sourceID = row["source_id"]
        let kindKeys: String = row["kinds"]
        let kinds = kindKeys.split(separator: "|").compactMap { key in
            ServiceKind.allCases.first { $0.key == key }
        }
        let warningsJSON: String = row["warnings"]
        // Most records carry no warning: skip the JSON decoder for "[]" (a hot path in exports).
        let warnings =
            warningsJSON == "[]"
            ? [] : (try? JSONDecoder().decode([RecordWarning].self, from: Data(warningsJSON.utf8))) ?? []
        record = ServiceRecord(
            municipalityCode: row["municipality_code"], districtCode: row["district_code"],
            kinds: kinds.isEmpty ? [ServiceKind.informationAndConsultation] : kinds,
            targetGroup: TargetGroup(code: row["target_group"], nameBG: row["target_group_name"]),
            serviceName: row["service_name"], capacity: row["capacity"], users: row["users"],
            financing: Financing(rawValue: row["financing"]) ?? .unknown,
            provider: row["provider"], reportingDate: row["reporting_date"],
            planningLevel: PlanningLevel(rawValue: row["planning_level"]) ?? .municipal,
            sourceKind: SourceKind(rawValue: row["source_kind"]) ?? .municipalRegister,
            serviceID: row["service_id"], settlementEKATTE: row["settlement_ekatte"],
            provenance: Provenance(
                sourcePath: row["source_path"], sourceSHA256: row["source_sha256"],
                position: SourcePosition(
                    line: row["line"], column: row["column"], byteOffset: row["byte_offset"],
                    recordIndex: row["record_index"]),
                runID: row["run_id"]),
            warnings: warnings,
            register: RegisterFacts(
                stateFundingStotinki: row["state_funding_stotinki"],
                municipalFundingStotinki: row["municipal_funding_stotinki"], waitingList: row["waiting_list"],
                monthsWithoutUsers: (row["months_without_users"] as String?).map {
                    $0.split(separator: "|").map(String.init)
                }))
    }

    /// The SQL that selects records with the columns ``init(row:)`` needs.
    public static let selectSQL = """
        SELECT records.*, sources.path AS source_path, sources.sha256 AS source_sha256
        FROM records JOIN sources ON sources.id = records.source_id
        """
}

extension ServiceRecord {
    /// The `kinds` column: ASCII keys, primary first, joined by `|`.
    public var storedKinds: String { kinds.map(\.key).joined(separator: "|") }
}
