import Foundation
import GRDB
@testable import KartaStore  // builds the store with SQL: `Store.database` is internal

/// A small store for the export and diff end-to-end tests, built with SQL following
/// `StoreSchema`: one register of Стара Загора (a formula in a service name) and one АСП export.
enum EmitSampleStore {
    static func make(at path: String, residentialPlaces: Int = 40) throws {
        let store = try Store(path: path)
        try store.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (id, started_at, karta_version, command)
                    VALUES ('run-1', '2026-01-01T00:00:00Z', '0.1.0', 'ingest');
                    INSERT INTO sources (path, sha256, size, kind, format, status, rows_read, loaded, rejected, non_data, run_id)
                    VALUES ('fixtures/szr31-register.csv', '\(String(repeating: "a", count: 64))', 10, 'municipal-register', 'csv', 'loaded', 3, 2, 1, 0, 'run-1'),
                           ('fixtures/asp.xml', '\(String(repeating: "b", count: 64))', 10, 'asp-export', 'xml', 'loaded', 1, 1, 0, 0, 'run-1');
                    INSERT INTO rejects (source_id, line, byte_offset, record_index, reason, message, raw_text, run_id)
                    VALUES (1, 4, 90, 2, 'unknown_service', 'unknown service', 'Клуб на пенсионера', 'run-1');
                    """)
            let rows: [[(any DatabaseValueConvertible)?]] = [
                [
                    1, "SZR31", "SZR", "residential_care", "elderly", "лица в надтрудоспособна възраст",
                    "Дом за стари хора",
                    residentialPlaces, 35, "state_delegated", "municipal-register",
                ],
                [
                    1, "SZR31", "SZR", "day_care", "adults_disabilities", "пълнолетни лица с увреждания",
                    "=HYPERLINK(\"http://x\")", 20, 18, "state_delegated", "municipal-register",
                ],
                [
                    2, "SZR31", "SZR", "residential_care", "elderly", "лица в надтрудоспособна възраст",
                    "ДСХ", 38, 35,
                    "state_delegated", "asp-export",
                ],
            ]
            for (index, row) in rows.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO records (source_id, municipality_code, district_code, primary_kind, kinds, target_group,
                          target_group_name, service_name, capacity, users, financing, planning_level, source_kind,
                          line, byte_offset, record_index, run_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'municipal', ?, ?, ?, ?, 'run-1')
                        """,
                    arguments: StatementArguments(
                        [
                            row[0], row[1], row[2], row[3], row[3], row[4], row[5], row[6], row[7], row[8],
                            row[9], row[10],
                            index + 2, index * 40, index,
                        ]))
            }
        }
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "karta-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
