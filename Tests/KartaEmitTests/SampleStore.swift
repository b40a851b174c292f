import Foundation
import GRDB
import KartaAggregate
@testable import KartaStore  // builds the store with SQL: `Store.database` is internal

/// A small store built with SQL (following `StoreSchema`): two municipal registers, an АСП
/// export and a proposal, with hostile text in source paths and service names — what the emit
/// tests write drafts from.
enum SampleStore {
    /// A source path a municipality could send: a formula and a script in the file name.
    static let hostilePath = "fixtures/=HYPERLINK(\"http://x\")<script>alert(1)</script>.csv"
    static let hostileServiceName = "=HYPERLINK(\"http://x\")"
    static let scriptServiceName = "<script>alert(1)</script>"

    static func make(in folder: URL, extraResidentialPlaces: Int = 0) throws -> Store {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try Store(path: folder.appendingPathComponent("karta.sqlite").path)
        try store.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (id, started_at, karta_version, command)
                    VALUES ('run-1', '2026-01-01T00:00:00Z', '0.1.0', 'ingest')
                    """)
            let sources: [(String, String, String, Int, Int, Int)] = [
                ("fixtures/stara-zagora-register.csv", "municipal-register", "csv", 5, 4, 1),
                (hostilePath, "municipal-register", "csv", 3, 2, 1),
                ("fixtures/asp-export.xml", "asp-export", "xml", 2, 2, 0),
                ("fixtures/proposal-szr31.csv", "proposal", "csv", 1, 1, 0),
                ("fixtures/adopted-map.csv", "adopted-map", "csv", 3, 3, 0),
            ]
            for (index, source) in sources.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO sources (path, sha256, size, kind, format, status, rows_read, loaded,
                          rejected, non_data, run_id)
                        VALUES (?, ?, 100, ?, ?, 'loaded', ?, ?, ?, 0, 'run-1')
                        """,
                    arguments: [
                        source.0, String(repeating: String(index + 1), count: 64), source.1, source.2,
                        source.3, source.4, source.5,
                    ])
            }
            // (source, municipality, district, kind, group, group name, name, capacity, users, financing, service id)
            let records:
                [(Int, String, String, String, String, String, String, Int?, Int?, String, String?)] = [
                    (
                        1, "SZR31", "SZR", "residential_care", "elderly", "лица в надтрудоспособна възраст",
                        "Дом за стари хора „Здраве\"", 40 + extraResidentialPlaces, 38, "state_delegated",
                        "S-1"
                    ),
                    (
                        1, "SZR31", "SZR", "assistant_support", "elderly", "лица в надтрудоспособна възраст",
                        "Асистентска подкрепа", 30, 25, "state_delegated", "S-2"
                    ),
                    (
                        1, "SZR31", "SZR", "day_care", "adults_disabilities", "пълнолетни лица с увреждания",
                        hostileServiceName, 20, 18, "local", nil
                    ),
                    (
                        1, "SZR12", "SZR", "therapy_rehabilitation", "children_disabilities",
                        "деца и младежи с увреждания", "ЦСРИ; Казанлък", 25, 30, "state_delegated", nil
                    ),
                    (
                        2, "VID09", "VID", "shelter", "homeless", "бездомни лица и семейства",
                        scriptServiceName,
                        12, 9, "state_delegated", nil
                    ),
                    (
                        2, "VID09", "VID", "information_consultation", "children", "деца", "ЦОП -5", 15, 11,
                        "project", nil
                    ),
                    (
                        3, "SZR31", "SZR", "residential_care", "elderly", "лица в надтрудоспособна възраст",
                        "ДСХ", 35, 35, "state_delegated", "S-1"
                    ),
                    (
                        3, "SZR31", "SZR", "assistant_support", "elderly", "лица в надтрудоспособна възраст",
                        "АП", 30, 24, "state_delegated", "S-2"
                    ),
                    (
                        4, "SZR31", "SZR", "assistant_support", "elderly", "лица в надтрудоспособна възраст",
                        "Асистентска подкрепа", nil, 45, "state_delegated", nil
                    ),
                ]
            let kindOf: [Int: String] = [
                1: "municipal-register", 2: "municipal-register", 3: "asp-export", 4: "proposal",
            ]
            for (index, record) in records.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO records (source_id, municipality_code, district_code, primary_kind, kinds,
                          target_group, target_group_name, service_name, capacity, users, financing,
                          planning_level, source_kind, service_id, line, byte_offset, record_index, run_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'municipal', ?, ?, ?, ?, ?, 'run-1')
                        """,
                    arguments: [
                        record.0, record.1, record.2, record.3, record.3, record.4, record.5, record.6,
                        record.7,
                        record.8, record.9, kindOf[record.0], record.10, index + 2, index * 80, index,
                    ])
            }
            // The adopted Map: a cell below the current state-delegated places (exceeds_map), a
            // cell the draft drops, a district-level cell named by its district alone.
            try db.execute(
                sql: """
                    INSERT INTO adopted_map (source_id, planning_level, municipality_code, district_code,
                      primary_kind, target_group, target_group_name, maximum_users, service_name, line,
                      byte_offset, record_index, run_id)
                    VALUES (5, 'municipal', 'SZR31', 'SZR', 'residential_care', 'elderly',
                              'лица в надтрудоспособна възраст', 30, 'Дом за стари хора', 2, 40, 0, 'run-1'),
                           (5, 'municipal', 'SZR12', 'SZR', 'day_care', 'children_disabilities',
                              'деца и младежи с увреждания', 20, 'Дневен център', 3, 90, 1, 'run-1'),
                           (5, 'district', NULL, 'VID', 'shelter', 'homeless', 'бездомни лица и семейства', 12,
                              'Приют', 4, 140, 2, 'run-1')
                    """)
            try db.execute(
                sql: """
                    INSERT INTO rejects (source_id, line, byte_offset, record_index, reason, message, raw_text, run_id)
                    VALUES (1, 7, 400, 5, 'unknown_service', 'unknown service', 'Клуб на пенсионера;10', 'run-1'),
                           (2, 4, 200, 2, 'negative_capacity', 'capacity below zero', 'x;-3', 'run-1')
                    """)
        }
        // What registers carry (StoreSchema v8): money with both parts, a waiting list, and a
        // service with three months without users.
        try store.database.write { db in
            try db.execute(
                sql: """
                    UPDATE records SET state_funding_stotinki = 12345650, municipal_funding_stotinki = 250005,
                      waiting_list = 7
                    WHERE source_id = 1 AND service_id = 'S-1';
                    UPDATE records SET state_funding_stotinki = 980000, waiting_list = 2,
                      months_without_users = 'октомври 2025|ноември 2025|декември 2025'
                    WHERE service_name = 'ЦСРИ; Казанлък';
                    """)
        }
        return store
    }

    static func draft(in folder: URL, extraResidentialPlaces: Int = 0) throws -> MapDraft {
        try draft(store: make(in: folder, extraResidentialPlaces: extraResidentialPlaces))
    }

    static func draft(store: Store) throws -> MapDraft {
        // Parsed with a relative path so that the draft (and the golden files) do not depend on
        // where the checkout lives.
        let yaml = try String(
            contentsOf: packageRoot.appendingPathComponent("mappings/criteria.example.yml"), encoding: .utf8)
        let criteria = try CriteriaLoader.parse(yaml, path: "mappings/criteria.example.yml")
        let standards = try StandardsLoader.parse(
            try String(
                contentsOf: packageRoot.appendingPathComponent("mappings/standards.example.yml"), encoding: .utf8),
            path: "mappings/standards.example.yml")
        let indicators = try IndicatorsLoader.parse(
            try String(
                contentsOf: packageRoot.appendingPathComponent("mappings/indicators.example.yml"), encoding: .utf8),
            path: "mappings/indicators.example.yml")
        return try MapDraftBuilder(
            store: store, criteria: criteria, standards: standards, indicators: indicators
        ).build()
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("karta-emit-\(UUID().uuidString)")
    }
}
