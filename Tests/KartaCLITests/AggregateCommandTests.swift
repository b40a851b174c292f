import Foundation
import GRDB
@testable import KartaStore  // builds the store with SQL: `Store.database` is internal
import Testing

/// A store file made with plain SQL (the loading code lives elsewhere): Стара Загора with two
/// residential services and a ЦОП, Казанлък with a day centre and a district-level ЦНСТ,
/// Ямбол with a crisis centre, and an АСП export that must not be counted.
private func makeStore() throws -> (directory: URL, path: String) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("karta-cli-agg-\(UUID())")
    let path = directory.appendingPathComponent("karta.sqlite").path
    let store = try Store(path: path)
    try store.database.write { db in
        func source(_ path: String, _ kind: String, loaded: Int) throws -> Int64 {
            try db.execute(
                sql: """
                    INSERT INTO sources (path, sha256, size, kind, format, status, rows_read, loaded, rejected, non_data, run_id)
                    VALUES (?, ?, 1, ?, 'csv', 'loaded', ?, ?, 0, 0, 'r1')
                    """, arguments: [path, String(repeating: "0", count: 64), kind, loaded, loaded])
            return db.lastInsertedRowID
        }
        func record(
            _ source: Int64, _ municipality: String, _ district: String, _ kinds: String, _ group: String,
            _ name: String, _ capacity: Int, _ users: Int, level: String = "municipal",
            kind: String = "municipal-register",
            line: Int
        ) throws {
            try db.execute(
                sql: """
                    INSERT INTO records (source_id, municipality_code, district_code, primary_kind, kinds, target_group,
                        target_group_name, service_name, capacity, users, financing, planning_level, source_kind,
                        line, byte_offset, record_index, run_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'state_delegated', ?, ?, ?, 0, 0, 'r1')
                    """,
                arguments: [
                    source, municipality, district, String(kinds.split(separator: "|")[0]), kinds, group,
                    group, name,
                    capacity, users, level, kind, line,
                ])
        }
        let szr = try source("registers/stara-zagora.csv", "municipal-register", loaded: 3)
        try record(szr, "SZR31", "SZR", "residential_care", "elderly", "ЦНСТ за възрастни", 15, 14, line: 5)
        try record(szr, "SZR31", "SZR", "residential_care", "elderly", "Дом за стари хора", 40, 38, line: 6)
        try record(
            szr, "SZR31", "SZR", "information_consultation|therapy_rehabilitation", "families", "ЦОП", 30, 25,
            line: 7)
        let kaz = try source("registers/kazanlak.csv", "municipal-register", loaded: 2)
        try record(kaz, "SZR12", "SZR", "day_care", "children_disabilities", "ДЦ за деца", 20, 20, line: 4)
        try record(
            kaz, "SZR12", "SZR", "residential_care", "adults_disabilities", "ЦНСТ", 14, 12, level: "district",
            line: 5)
        let jam = try source("registers/yambol.csv", "municipal-register", loaded: 1)
        try record(jam, "JAM26", "JAM", "shelter", "in_crisis", "Кризисен център", 10, 6, line: 3)
        let asp = try source("asp/asp.csv", "asp-export", loaded: 1)
        try record(
            asp, "SZR31", "SZR", "residential_care", "elderly", "ЦНСТ", 99, 99, kind: "asp-export", line: 2)
    }
    return (directory, path)
}

@Suite("karta aggregate and karta explain", .serialized)
struct AggregateCommandTests {
    @Test("aggregate --format json prints the DESIGN.md object for municipalities")
    func municipalityJSON() throws {
        let (directory, path) = try makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLIProcess.run(["aggregate", "--format", "json", "--store", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                {
                  "areas" : [
                    {
                      "by_kind" : {
                        "осигуряване на подслон" : 10
                      },
                      "capacity" : 10,
                      "code" : "JAM26",
                      "has_data" : true,
                      "hosted" : {
                        "by_kind" : {

                        },
                        "capacity" : 0,
                        "records" : 0,
                        "unknown_capacity_services" : 0,
                        "users" : 0
                      },
                      "maximum_users" : 10,
                      "maximum_users_per_1000" : 0.16,
                      "name" : "Ямбол",
                      "places_per_1000" : 0.16,
                      "population" : 61766,
                      "records" : 1,
                      "registers" : {
                        "mixed_financing_services" : 0,
                        "municipal_funding_bgn" : 0,
                        "services_without_users_three_months" : 0,
                        "state_funding_bgn" : 0,
                        "waiting_list" : 0
                      },
                      "state_delegated_capacity" : 10,
                      "state_delegated_per_1000" : 0.16,
                      "unknown_capacity_services" : 0,
                      "users" : 6,
                      "users_per_1000" : 0.1
                    },
                    {
                      "by_kind" : {
                        "дневна грижа" : 20
                      },
                      "capacity" : 20,
                      "code" : "SZR12",
                      "has_data" : true,
                      "hosted" : {
                        "by_kind" : {
                          "резидентна грижа" : 14
                        },
                        "capacity" : 14,
                        "records" : 1,
                        "unknown_capacity_services" : 0,
                        "users" : 12
                      },
                      "maximum_users" : 20,
                      "maximum_users_per_1000" : 0.3,
                      "name" : "Казанлък",
                      "places_per_1000" : 0.3,
                      "population" : 65721,
                      "records" : 1,
                      "registers" : {
                        "mixed_financing_services" : 0,
                        "municipal_funding_bgn" : 0,
                        "services_without_users_three_months" : 0,
                        "state_funding_bgn" : 0,
                        "waiting_list" : 0
                      },
                      "state_delegated_capacity" : 20,
                      "state_delegated_per_1000" : 0.3,
                      "unknown_capacity_services" : 0,
                      "users" : 20,
                      "users_per_1000" : 0.3
                    },
                    {
                      "by_kind" : {
                        "информиране и консултиране" : 30,
                        "резидентна грижа" : 55
                      },
                      "capacity" : 85,
                      "code" : "SZR31",
                      "has_data" : true,
                      "hosted" : {
                        "by_kind" : {

                        },
                        "capacity" : 0,
                        "records" : 0,
                        "unknown_capacity_services" : 0,
                        "users" : 0
                      },
                      "maximum_users" : 85,
                      "maximum_users_per_1000" : 0.59,
                      "name" : "Стара Загора",
                      "places_per_1000" : 0.59,
                      "population" : 144213,
                      "records" : 3,
                      "registers" : {
                        "mixed_financing_services" : 0,
                        "municipal_funding_bgn" : 0,
                        "services_without_users_three_months" : 0,
                        "state_funding_bgn" : 0,
                        "waiting_list" : 0
                      },
                      "state_delegated_capacity" : 85,
                      "state_delegated_per_1000" : 0.59,
                      "unknown_capacity_services" : 0,
                      "users" : 77,
                      "users_per_1000" : 0.53
                    }
                  ],
                  "criteria_version" : "example-2026.1",
                  "karta_version" : "0.1.0",
                  "level" : "municipality",
                  "schema_version" : "karta/aggregate/v1"
                }

                """)
    }

    @Test("district and national JSON include the district-level service and sum consistently")
    func districtAndNationalJSON() throws {
        let (directory, path) = try makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let district = try CLIProcess.run(
            ["aggregate", "--level", "district", "--format", "json"], environment: ["KARTA_STORE": path])
        #expect(district.status == 0, "\(district.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: district.stdoutData) as? [String: Any])
        #expect(object["level"] as? String == "district")
        let areas = try #require(object["areas"] as? [[String: Any]])
        #expect(areas.map { $0["code"] as? String } == ["JAM", "SZR"])
        #expect(areas[1]["records"] as? Int == 5)
        #expect(areas[1]["capacity"] as? Int == 119)
        #expect((areas[1]["by_kind"] as? [String: Int])?["резидентна грижа"] == 69)
        let national = try CLIProcess.run([
            "aggregate", "--level", "national", "--format", "json", "--store", path,
        ])
        #expect(national.stdout.contains("\"code\" : \"BG\""))
        #expect(national.stdout.contains("\"capacity\" : 129"))
        let again = try CLIProcess.run([
            "aggregate", "--level", "national", "--format", "json", "--store", path,
        ])
        #expect(again.stdoutData == national.stdoutData)
    }

    @Test("aggregate --format csv has one column per kind")
    func csv() throws {
        let (directory, path) = try makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLIProcess.run([
            "aggregate", "--level", "district", "--format", "csv", "--store", path,
        ])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(
            lines[0].hasPrefix(
                "level,code,name,population,records,capacity,users,state_delegated_capacity,places_per_1000,capacity_information_consultation"
            ))
        #expect(lines[2] == "district,SZR,Стара Загора,296507,5,119,109,119,0.4,30,0,0,0,0,0,20,69,0,0,0,0,0.00,0.00,0,0,0")
    }

    @Test("a missing store is a usage error (exit 2) and nothing is created")
    func missingStore() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "karta-none-\(UUID()).sqlite"
        ).path
        let result = try CLIProcess.run(["aggregate", "--store", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no store at"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("explain prints the cell, its criterion and the source lines")
    func explainText() throws {
        let (directory, path) = try makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A wide terminal: the lines as explain writes them (TerminalWidthTests checks 80 columns).
        let result = try CLIProcess.run(
            ["explain", "SZR31", "резидентна грижа", "--store", path], environment: ["COLUMNS": "1000"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                SZR31 Стара Загора (municipality, population 144213) — резидентна грижа
                criteria: example-2026.1 (примерни стойности — НЕ са нормите на Наредбата; заменете ги с нормите от глава втора) — from mappings/criteria.example.yml
                standards: example-2026.1 (example) — from mappings/standards.example.yml
                sources counted: registers

                резидентна грижа / лица в надтрудоспособна възраст (elderly)
                  SZR31 Стара Загора: services 2, capacity 55 (state-delegated 55), users 52, occupancy 0.9455, 0.38 places per 1,000
                    maximum users 55 (state-delegated capacity; no proposal)
                    criterion: none → no_criterion
                    cost: 55 users × 14600 BGN = 803000 BGN per year (mode residential)
                    record #1 registers/stara-zagora.csv:5 „ЦНСТ за възрастни" capacity 15, users 14, state_delegated, municipal-register
                    record #2 registers/stara-zagora.csv:6 „Дом за стари хора" capacity 40, users 38, state_delegated, municipal-register

                """)
    }

    @Test("explain --json for a district names the district-level records")
    func explainJSON() throws {
        let (directory, path) = try makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLIProcess.run([
            "explain", "SZR", "residential_care", "--target-group", "adults_disabilities", "--json",
            "--store", path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        #expect(object["criteria_version"] as? String == "example-2026.1")
        let cells = try #require(object["cells"] as? [[String: Any]])
        #expect(cells.count == 1)
        let part = try #require((cells[0]["parts"] as? [[String: Any]])?.first)
        #expect(part["label"] as? String == "SZR: planned at district level")
        let records = try #require(part["records"] as? [[String: Any]])
        #expect(
            records.map { "\($0["source_path"] ?? ""):\($0["line"] ?? "")" } == ["registers/kazanlak.csv:5"])
    }

    @Test("explain refuses an unknown area with suggestions (exit 2)")
    func unknownArea() throws {
        let (directory, path) = try makeStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLIProcess.run(["explain", "Казанлъкк", "--store", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Казанлък (SZR12)"))
    }
}
