import Foundation
import KartaModel

/// How the columns of a service record are written and read, the same on every backend: the
/// `kinds` keys joined by `|`, the warnings as JSON, the months without users joined by `|`.
public enum StoredColumns {
    /// The `warnings` column: a JSON array with sorted keys.
    public static func warnings(_ warnings: [RecordWarning]) -> String {
        guard !warnings.isEmpty else { return "[]" }
        if warnings.count == 1, warnings[0].code == "users_above_capacity",
            !warnings[0].message.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline })
        {
            // The common case, written by hand: the message has only digits and ASCII.
            return #"[{"code":"users_above_capacity","message":""# + warnings[0].message + #""}]"#
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(warnings) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The warnings of a `warnings` column (none when it cannot be read).
    public static func warnings(json: String) -> [RecordWarning] {
        // Most records carry no warning: skip the JSON decoder for "[]".
        json == "[]" ? [] : (try? JSONDecoder().decode([RecordWarning].self, from: Data(json.utf8))) ?? []
    }

    /// The `months_without_users` column.
    public static func months(_ months: [String]?) -> String? { months?.joined(separator: "|") }

    /// The months of a `months_without_users` column.
    public static func months(column: String?) -> [String]? {
        column.map { $0.split(separator: "|").map(String.init) }
    }

    /// The kinds of a `kinds` column, primary first (information and consultation when none is known).
    public static func kinds(column: String) -> [ServiceKind] {
        let kinds = column.split(separator: "|").compactMap { key in
            ServiceKind(key: key)
        }
        return kinds.isEmpty ? [ServiceKind.informationAndConsultation] : kinds
    }

    /// A record of `records` joined with its source, read column by column by name: `text` and
    /// `integer` give a column's value, nil for NULL.
    public static func record(text: (String) throws -> String?, integer: (String) throws -> Int64?) rethrows
        -> StoredRecord
    {
        func int(_ name: String) throws -> Int? { try integer(name).map { Int($0) } }
        func required(_ name: String) throws -> String { try text(name) ?? "" }
        let record = ServiceRecord(
            municipalityCode: try required("municipality_code"), districtCode: try required("district_code"),
            kinds: kinds(column: try required("kinds")),
            targetGroup: TargetGroup(
                code: try required("target_group"), nameBG: try required("target_group_name")),
            serviceName: try required("service_name"), capacity: try int("capacity"), users: try int("users"),
            financing: Financing(rawValue: try required("financing")) ?? .unknown,
            provider: try text("provider"), reportingDate: try text("reporting_date"),
            planningLevel: PlanningLevel(rawValue: try required("planning_level")) ?? .municipal,
            sourceKind: SourceKind(rawValue: try required("source_kind")) ?? .municipalRegister,
            serviceID: try text("service_id"), settlementEKATTE: try text("settlement_ekatte"),
            provenance: Provenance(
                sourcePath: try required("source_path"), sourceSHA256: try required("source_sha256"),
                position: SourcePosition(
                    line: try int("line") ?? 0, column: try int("column"),
                    byteOffset: try integer("byte_offset") ?? 0,
                    recordIndex: try int("record_index") ?? 0),
                runID: try required("run_id")),
            warnings: warnings(json: try text("warnings") ?? "[]"),
            register: RegisterFacts(
                stateFundingStotinki: try int("state_funding_stotinki"),
                municipalFundingStotinki: try int("municipal_funding_stotinki"),
                waitingList: try int("waiting_list"),
                monthsWithoutUsers: months(column: try text("months_without_users"))))
        return StoredRecord(
            id: try integer("id") ?? 0, sourceID: try integer("source_id") ?? 0, record: record)
    }
}
