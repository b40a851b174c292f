import Foundation
import Testing

/// District-level services (ЗСУ Art. 33): their host municipality and whom they serve.
@Suite("district-level services: host municipality and scope")
struct DistrictScopeTests {
    static let fixture = "fixtures/district-scope/szr-district-services-scope-cp1251-semicolon-title-totals.csv"

    func loadedStore() throws -> (folder: URL, store: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "karta-scope-\(UUID().uuidString.prefix(8))")
        let store = folder.appendingPathComponent("k.sqlite").path
        let ingest = try CLIProcess.run(["ingest", Self.fixture, "--kind", "municipal-register", "--store", store, "--json"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let file = ((try JSONSerialization.jsonObject(with: ingest.stdoutData) as? [String: Any])?["files"]
            as? [[String: Any]])?.first
        #expect(file?["rows_read"] as? Int == 6)
        #expect(file?["loaded"] as? Int == 4)
        #expect(file?["rejected"] as? Int == 1)
        #expect(file?["non_data"] as? Int == 1)
        return (folder, store)
    }

    @Test("„Обхват“ gives the scope: district by default, national when said, unknown words rejected")
    func scopeColumn() throws {
        let (folder, store) = try loadedStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(
            try CLIProcess.sqlite(
                store, "SELECT planning_level || ' ' || IFNULL(service_scope, '-') FROM records ORDER BY record_index")
                == "district district\ndistrict national\ndistrict district\nmunicipal -\n")
        let reject = try CLIProcess.sqlite(store, "SELECT reason || ' ' || message FROM rejects")
        #expect(reject.hasPrefix("malformed") && reject.contains("междуобластен"), "\(reject)")
    }

    @Test("karta aggregate --level district lists each district-level service with its host and the municipalities it serves")
    func aggregateLists() throws {
        let (folder, store) = try loadedStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLIProcess.run(["aggregate", "--level", "district", "--format", "json", "--store", store])
        #expect(result.status == 0, "\(result.stderr)")
        let areas = (try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])?["areas"]
            as? [[String: Any]] ?? []
        let services = areas.first { $0["code"] as? String == "SZR" }?["district_services"] as? [[String: Any]] ?? []
        #expect(services.count == 3)
        let crisis = services.first { $0["host_municipality_code"] as? String == "SZR12" }
        #expect(crisis?["scope"] as? String == "national")
        #expect(crisis?["serves"] as? [String] == ["BG"])
        let home = services.first { $0["host_municipality_code"] as? String == "SZR36" }
        #expect(home?["scope"] as? String == "district")
        let served = home?["serves"] as? [String] ?? []
        #expect(served.count == 11 && served.contains("SZR31") && served.allSatisfy { $0.hasPrefix("SZR") })
        // the municipal-level ЦОП is not among them
        #expect(!services.contains { ($0["service_name"] as? String)?.contains("Зора") == true })
    }

    @Test("the report and the JSON draft list the district-level services with host and scope")
    func reportLists() throws {
        let (folder, store) = try loadedStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let export = try CLIProcess.run(["export", "--format", "html", "--format", "json", "--store", store, "--out", out.path])
        #expect(export.status == 0, "\(export.stderr)")
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("<h2>Услуги на областно ниво</h2>"))
        #expect(
            report.contains(
                "<td>Казанлък (SZR12)</td><td>Кризисен център „Надежда“</td><td>осигуряване на подслон</td>"),
            "host and service")
        #expect(report.contains("<td>национален</td><td>цялата страна</td>"))
        #expect(report.contains("<td>областен</td><td>областта</td>"))
        #expect(
            report.contains("Стара Загора (SZR) — 3 услуги; областните обслужват общините: Братя Даскалови, "),
            "the district's municipalities, once")
        let draft = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("map-draft.json")))
            as? [String: Any]
        #expect((draft?["district_services"] as? [[String: Any]])?.count == 3)
    }

    @Test("district-services.csv and the XML draft list them with host, scope and whom they serve")
    func csvAndXML() throws {
        let (folder, store) = try loadedStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let export = try CLIProcess.run(["export", "--format", "csv", "--format", "xml", "--store", store, "--out", out.path])
        #expect(export.status == 0, "\(export.stderr)")
        let csv = try String(contentsOf: out.appendingPathComponent("district-services.csv"), encoding: .utf8)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 4, "\(lines)")
        #expect(lines[0].hasSuffix("Капацитет (места);Потребители;Обхват (код);Обхват;Обслужва"))
        #expect(
            lines.contains(
                "SZR;Стара Загора;SZR12;Казанлък;Кризисен център „Надежда“;shelter;осигуряване на подслон;"
                    + "violence_victims;пострадали от насилие или трафик;12;9;national;национален;BG"), "\(lines)")
        let home = lines.first { $0.contains("ДСХ „Тракия“") } ?? ""
        #expect(home.contains(";SZR36;Чирпан;") && home.contains(";district;областен;") && home.contains("SZR31|"))
        let xml = try String(contentsOf: out.appendingPathComponent("map-draft.xml"), encoding: .utf8)
        #expect(xml.contains("<districtServices>"))
        #expect(xml.components(separatedBy: "<districtService ").count - 1 == 3)
        #expect(xml.contains("hostMunicipalityCode=\"SZR12\"") && xml.contains("scope=\"national\""))
        #expect(xml.contains("<serves>BG</serves>"))
    }
}
