import Foundation
import GRDB
import KartaModel
@testable import KartaStore  // builds the store with SQL: `Store.database` is internal
import Testing

@testable import KartaEmit

@Suite("The records export reads the store's columns as the record model would")
struct RecordRowReaderTests {
    /// Records whose columns the model rewrites: unknown and empty kind keys, unknown codes,
    /// warnings, a NUL byte, missing optional values, a municipality the registry does not know.
    static let oddRecords: [(kinds: String, financing: String, level: String, source: String, warnings: String)] = [
        ("no_such_kind|day_care", "state_delegated", "municipal", "municipal-register", "[]"),
        ("", "local", "district", "asp-export", "[]"),
        ("day_care||shelter", "grant", "regional", "census", "[]"),
        (
            "shelter|residential_care", "project", "municipal", "proposal",
            #"[{"code":"users_above_capacity","message":"users (5) exceed capacity (4)"},{"code":"x","message":""}]"#
        ),
        ("residential_care", "unknown", "municipal", "municipal-register", "not json"),
    ]

    @Test("every field equals RecordsExport.row of the decoded StoredRecord")
    func sameFieldsAsTheModel() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SampleStore.make(in: folder)
        try store.database.write { db in
            for (index, odd) in Self.oddRecords.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO records (source_id, municipality_code, district_code, primary_kind, kinds,
                          target_group, target_group_name, service_name, capacity, users, financing,
                          provider, planning_level, source_kind, line, byte_offset, record_index, run_id,
                          warnings)
                        VALUES (1, ?, 'SZR', 'day_care', ?, 'elderly', 'възрастни', ?, NULL, 3, ?, ?, ?, ?,
                          ?, 0, 0, 'run-1', ?)
                        """,
                    arguments: [
                        index == 0 ? "XXX99" : "SZR31", odd.kinds, "Услуга\u{0}след NUL \"№\(index)\"", odd.financing,
                        index == 1 ? "=доставчик" : nil, odd.level, odd.source, 100 + index, odd.warnings,
                    ])
            }
        }
        let expected = try store.database.read { db in
            try StoredRecord.fetchAll(db, sql: StoredRecord.selectSQL + " ORDER BY records.id").map {
                RecordsExport.row($0, registry: .bulgaria)
            }
        }
        var reader = RecordRowReader(registry: .bulgaria)
        var fields: [RecordField] = []
        var read: [[CSVValue]] = []
        try store.forEachExportRecord { row in
            reader.read(row, into: &fields)
            read.append(fields.map(\.csvValue))
        }
        #expect(read.count == 9 + Self.oddRecords.count)
        #expect(read == expected)
    }
}

extension RecordField {
    /// The field as the model-based export writes it.
    fileprivate var csvValue: CSVValue {
        switch self {
        case .empty: .empty
        case .integer(let number): .integer(Int(number))
        case .borrowed(let bytes): .text(String(decoding: bytes, as: UTF8.self))
        case .derived(let bytes): .text(String(decoding: bytes, as: UTF8.self))
        case .money(let stotinki): .decimal(Double(stotinki) / 100, places: 2)
        }
    }
}
