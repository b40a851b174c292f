import Foundation
import Testing

/// The adopted Map (input kind `adopted-map`) and every draft compared with it.
@Suite("adopted Map: ingest, comparison in every output, karta diff")
struct AdoptedMapTests {
    static let csvFixture = "fixtures/adopted-map/karta-2024-rms-574-cp1251-semicolon-title-totals.csv"
    static let xmlFixture = "fixtures/adopted-map/karta-2024-rms-574-utf8.xml"

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "karta-adopted-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("a cp1251 Map with a title line and a totals row loads into its own table, never as services")
    func ingestCSV() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("k.sqlite").path
        let result = try CLIProcess.run(
            ["ingest", Self.csvFixture, "--kind", "adopted-map", "--store", store, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        let file = (document?["files"] as? [[String: Any]])?.first ?? [:]
        #expect(file["rows_read"] as? Int == 16)
        #expect(file["loaded"] as? Int == 14)
        #expect(file["non_data"] as? Int == 1)  // „Общо"
        #expect(file["rejected"] as? Int == 1)  // „междуобщинско" is no level
        #expect((file["rejects_by_reason"] as? [String: Int])?["malformed"] == 1)
        #expect((file["bindings"] as? [String: String])?["planning_level"] == "Ниво")
        #expect(try CLIProcess.sqlite(store, "SELECT COUNT(*) FROM adopted_map").hasPrefix("14"))
        #expect(try CLIProcess.sqlite(store, "SELECT COUNT(*) FROM records").hasPrefix("0"))
        // a district-level line that names its district alone
        #expect(
            try CLIProcess.sqlite(
                store,
                "SELECT planning_level || ' ' || district_code || ' ' || IFNULL(municipality_code, '-') || ' ' || maximum_users FROM adopted_map WHERE primary_kind = 'residential_care' AND target_group = 'elderly'"
            ).hasPrefix("district SZR - 60"))
        let reject = try CLIProcess.sqlite(store, "SELECT line || ' ' || column_name || ' ' || message FROM rejects")
        #expect(reject.contains("междуобщинско") && reject.contains("Ниво"), "\(reject)")
        // the Map's lines never count as services
        let aggregate = try CLIProcess.run(["aggregate", "--level", "national", "--format", "json", "--store", store])
        let areas = (try JSONSerialization.jsonObject(with: aggregate.stdoutData) as? [String: Any])?["areas"]
        #expect((areas as? [[String: Any]])?.first?["records"] as? Int == 0, "\(aggregate.stdout)")
    }

    @Test("an XML Map reads levels from attributes and municipalities from the parent element")
    func ingestXML() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("k.sqlite").path
        let result = try CLIProcess.run(["ingest", Self.xmlFixture, "--kind", "adopted-map", "--store", store])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            try CLIProcess.sqlite(
                store,
                "SELECT planning_level || ' ' || municipality_code || ' ' || primary_kind || ' ' || maximum_users FROM adopted_map WHERE district_code = 'RSE' ORDER BY record_index"
            ) == "municipal RSE04 information_consultation 15\nmunicipal RSE27 day_care 30\ndistrict RSE27 shelter 40\n")
    }

    @Test("a Map without a maximum-users column is refused as a whole (exit 4), nothing loaded")
    func refusedWithoutMaximum() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("map-no-maximum.csv")
        try Data("Община;Ниво;Вид на услугата;Целева група\nСтара Загора;общинско;Асистентска подкрепа;\n".utf8)
            .write(to: file)
        let store = folder.appendingPathComponent("k.sqlite").path
        let result = try CLIProcess.run(["ingest", file.path, "--kind", "adopted-map", "--store", store])
        #expect(result.status == 4)
        #expect(result.stderr.contains("максимален брой потребители"), "\(result.stderr)")
        #expect(try CLIProcess.sqlite(store, "SELECT COUNT(*) FROM adopted_map").hasPrefix("0"))
    }

    @Test("make run compares the draft with the fixture Map in CSV, JSON, XML, GeoJSON and the report")
    func comparisonInEveryOutput() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let run = try workspace.run(["--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let csv = try String(contentsOf: workspace.out.appendingPathComponent("map-comparison.csv"), encoding: .utf8)
        let expectedLines = [
            // proposal 1 100 against the Map's 1 000, and 1 020 state-delegated places above it
            "municipality;SZR31;Стара Загора;assistant_support;асистентска подкрепа;adults_disabilities;пълнолетни лица с увреждания;1000;1100;100;increased;увеличение;1020;998;1",
            // in the Map, gone from the draft
            "municipality;SZR36;Чирпан;day_care;дневна грижа;elderly;лица в надтрудоспособна възраст;20;;-20;removed;отпада;0;0;0",
            "municipality;SZR12;Казанлък;day_care;дневна грижа;children_disabilities;деца и младежи с увреждания;40;35;-5;decreased;намаление;30;27;0",
            "municipality;PDV22;Пловдив;information_consultation;информиране и консултиране;children;деца;1200;1200;0;unchanged;без промяна;1200;980;0",
            // a district-level line named by its district alone
            "district;SZR;Стара Загора;residential_care;резидентна грижа;elderly;лица в надтрудоспособна възраст;60;30;-30;decreased;намаление;60;58;0",
            // hosted by Казанлък in the Map: 23 places today above its 16
            "district;SZR;Стара Загора;residential_care;резидентна грижа;adults_disabilities;пълнолетни лица с увреждания;16;16;0;unchanged;без промяна;23;23;1",
            "district;PDV;Пловдив;residential_care;резидентна грижа;children;деца;;14;14;new;нова;14;13;1",
        ]
        for line in expectedLines { #expect(csv.contains(line + "\r\n"), "missing: \(line)") }

        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: workspace.out.appendingPathComponent("map-draft.json"))) as? [String: Any]
        let comparison = json?["comparison"] as? [String: Any]
        #expect((comparison?["sources"] as? [String])?.count == 2)
        let cells = comparison?["cells"] as? [[String: Any]] ?? []
        let removed = cells.first { $0["area_code"] as? String == "SZR36" && $0["status"] as? String == "removed" }
        #expect(removed?["adopted_maximum_users"] as? Int == 20)
        #expect(removed?["draft_maximum_users"] == nil)
        #expect(removed?["exceeds_map"] as? Bool == false)
        let statuses = Set(cells.compactMap { $0["status"] as? String })
        #expect(statuses == ["new", "removed", "increased", "decreased", "unchanged"])
        let national = (comparison?["areas"] as? [[String: Any]])?.first { $0["level"] as? String == "national" }
        // the CSV lines loaded (3 514 in its totals row, less the rejected 15) and the XML lines
        #expect(national?["adopted_maximum_users"] as? Int == 3_499 + 170)

        let xml = try String(contentsOf: workspace.out.appendingPathComponent("map-draft.xml"), encoding: .utf8)
        #expect(
            xml.contains(
                #"<cell level="municipality" areaCode="SZR36" kind="day_care" targetGroup="elderly" adoptedMaximumUsers="20" difference="-20" status="removed""#
            ))
        let geojson = try String(
            contentsOf: workspace.out.appendingPathComponent("map-draft.geojson"), encoding: .utf8)
        #expect(geojson.contains(#""adopted_maximum_users" : 15"#), "Бяла (RSE04) has 15 in the Map")
        #expect(geojson.contains(#""exceeds_map_cells" : "#))

        let report = try String(contentsOf: workspace.out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("<h2>Спрямо приетата карта</h2>"))
        #expect(report.contains(#"<tr data-status="removed"><td>община</td><td>Чирпан (SZR36)</td>"#), "removed row")
        #expect(report.contains(#"class="exceeds""#))
    }

    @Test("without an adopted Map no comparison is invented: no CSV, no JSON block, the report says so")
    func noAdoptedMap() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        try workspace.editPipeline { text in
            text.replacingOccurrences(
                of: """
                      - path: ../fixtures/adopted-map
                        glob: "*.csv"
                        kind: adopted-map
                      - path: ../fixtures/adopted-map/karta-2024-rms-574-utf8.xml
                        kind: adopted-map

                    """, with: "")
        }
        #expect(try workspace.run(["--quiet"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: workspace.out.appendingPathComponent("map-comparison.csv").path))
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: workspace.out.appendingPathComponent("map-draft.json"))) as? [String: Any]
        #expect(json?["cells"] != nil)
        #expect(json?["comparison"] == nil)
        let xml = try String(contentsOf: workspace.out.appendingPathComponent("map-draft.xml"), encoding: .utf8)
        #expect(!xml.contains("<comparison"))
        let report = try String(contentsOf: workspace.out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("Не е заредена приета карта"))
    }

    @Test("karta diff takes an adopted Map file as OLD: changed cells, exceeds_map, exit 1")
    func diffAgainstAdoptedMap() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run(["--quiet"]).status == 0)
        let draft = workspace.out.appendingPathComponent("map-draft.json").path
        let text = try CLIProcess.run(["diff", Self.csvFixture, draft], environment: ["COLUMNS": "1000"])
        #expect(text.status == 1, "\(text.stderr)")
        #expect(
            text.stdout.contains(
                "  increased municipality SZR31 | асистентска подкрепа | пълнолетни лица с увреждания: maximum users 1000 → 1100 (+100)"
            ), "\(text.stdout)")
        #expect(text.stdout.contains("  removed municipality SZR36 | дневна грижа | лица в надтрудоспособна възраст"))
        #expect(text.stdout.contains("the draft differs from the adopted Map"))
        let json = try CLIProcess.run(["diff", Self.xmlFixture, draft, "--json"])
        #expect(json.status == 1)
        let object = try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any]
        let cells = object?["cells"] as? [[String: Any]] ?? []
        let shelter = cells.first {
            $0["level"] as? String == "district" && $0["area_code"] as? String == "VAR"
                && $0["kind"] as? String == "осигуряване на подслон"
        }
        #expect(shelter?["status"] as? String == "decreased")
        #expect(shelter?["difference"] as? Int == -3)
        // a file that cannot be read as a Map: exit 4
        let refused = try CLIProcess.run(["diff", "fixtures/csv/empty.csv", draft])
        #expect(refused.status == 4)
    }
}
