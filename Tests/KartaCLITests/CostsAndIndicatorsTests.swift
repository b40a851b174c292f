import Foundation
import Testing

/// Costs under the financing standards (ЗСУ Art. 45) and criteria indicators with their source
/// (НПСУ Art. 3), through `karta run` on the bundled fixtures and the example data files.
@Suite("Costs and indicators through the CLI", .serialized)
struct CostsAndIndicatorsTests {
    /// The published JSON draft of a run.
    static func draft(_ workspace: PipelineWorkspace) throws -> [String: Any] {
        let data = try Data(contentsOf: workspace.out.appendingPathComponent("map-draft.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func cells(_ draft: [String: Any]) -> [[String: Any]] { draft["cells"] as? [[String: Any]] ?? [] }

    static func areas(_ draft: [String: Any]) -> [[String: Any]] { draft["areas"] as? [[String: Any]] ?? [] }

    static func cell(_ draft: [String: Any], _ area: String, _ kind: String, _ group: String) -> [String: Any]? {
        cells(draft).first {
            $0["area_code"] as? String == area && $0["kind"] as? String == kind
                && ($0["target_group"] as? [String: Any])?["code"] as? String == group
        }
    }

    static func cost(_ cell: [String: Any]) -> [String: Any]? { cell["cost"] as? [String: Any] }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return false }
        return abs(a - b) < 0.005
    }

    @Test("the draft of `karta run` costs every cell: maximum users × standard, summed per area and nationally")
    func runDraftCarriesCosts() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let run = try workspace.run(["--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let draft = try Self.draft(workspace)
        let metadata = try #require(draft["metadata"] as? [String: Any])
        #expect(metadata["standards_version"] as? String == "example-2026.1")
        #expect(metadata["standards_status"] as? String == "example")
        #expect(metadata["criteria_version"] as? String == "example-2026.1")
        var known = 0
        for cell in Self.cells(draft) {
            let cost = try #require(Self.cost(cell), "every cell is costed when standards are given")
            let users = cell["maximum_users"] as? Int ?? -1
            if cost["status"] as? String == "known" {
                known += 1
                let standard = try #require(cost["standard_bgn_per_user_year"] as? Double)
                #expect(Self.close(cost["cost_bgn"] as? Double, Double(users) * standard))
            } else {
                #expect(cost["status"] as? String == "unknown_standard")
                #expect(cost["cost_bgn"] == nil, "an unknown cost is absent, never 0")
            }
        }
        #expect(known > 10)
        // Assistant support is paid 5 400,50 лв. per user per year in the example file (mode hourly).
        // Стара Загора proposes 1 100 users (fixtures/proposals): 1 100 × 5 400,50 = 5 940 550 лв.
        let assistant = try #require(Self.cell(draft, "SZR31", "асистентска подкрепа", "adults_disabilities"))
        let assistantCost = try #require(Self.cost(assistant))
        #expect(assistantCost["mode"] as? String == "hourly")
        #expect(assistantCost["standard_bgn_per_user_year"] as? Double == 5400.5)
        #expect(assistant["maximum_users"] as? Int == 1100)
        #expect(assistantCost["cost_bgn"] as? Double == 5_940_550)
        // Area totals: the sum of the area's cells at its level; the nation's, of the national cells.
        for code in ["SZR31", "SZR", "BG"] {
            let area = try #require(Self.areas(draft).first { $0["code"] as? String == code })
            let level = area["level"] as? String
            let own = Self.cells(draft).filter { $0["area_code"] as? String == code && $0["level"] as? String == level }
            let areaCost = try #require(area["cost"] as? [String: Any])
            let sum = own.compactMap { Self.cost($0)?["cost_bgn"] as? Double }.reduce(0, +)
            #expect(Self.close(areaCost["known_cost_bgn"] as? Double, sum), "\(code)")
            #expect(sum > 0, "\(code)")
            let unknown = own.filter { Self.cost($0)?["status"] as? String == "unknown_standard" }
            #expect(areaCost["unknown_cost_cells"] as? Int == unknown.count, "\(code)")
        }
        // The other formats carry the costs too.
        let out = workspace.out
        let csv = try String(contentsOf: out.appendingPathComponent("map-municipalities.csv"), encoding: .utf8)
        #expect(csv.contains("Разход по стандарти (лв.)") && csv.contains("hourly"))
        let areasCSV = try String(contentsOf: out.appendingPathComponent("areas.csv"), encoding: .utf8)
        #expect(areasCSV.contains("Клетки с неизвестен разход"))
        let xml = try String(contentsOf: out.appendingPathComponent("map-draft.xml"), encoding: .utf8)
        #expect(xml.contains("<standards version=\"example-2026.1\" status=\"example\""))
        #expect(xml.contains("<cost status=\"known\" mode=\"hourly\" standardBgnPerUserYear=\"5400.50\""))
        let geojson = try String(contentsOf: out.appendingPathComponent("map-draft.geojson"), encoding: .utf8)
        #expect(geojson.contains("\"known_cost_bgn\""))
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("<h2>Разходи по стандарти</h2>"))
        #expect(report.contains("Стандарти за финансиране: версия <b>example-2026.1</b>"))
        #expect(report.contains("Стойностите са примерни"))
    }

    @Test("a cell with no standard has an unknown cost: counted and listed, never 0")
    func unknownStandard() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        // Only assistant support has a standard; day care has a mode but no amount.
        try """
        version: "only-assistant"
        status: example
        statement: "Примерни стойности."
        legal_reference: "РМС (пример)"
        modes:
          - code: hourly
            name: почасова
            kinds: [assistant_support]
          - code: day
            name: дневна
            kinds: [day_care]
        standards:
          - kind: assistant_support
            mode: hourly
            bgn_per_user_year: 5000
        """.write(
            to: workspace.root.appendingPathComponent("mappings/standards.example.yml"), atomically: true,
            encoding: .utf8)
        let run = try workspace.run(["--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let draft = try Self.draft(workspace)
        let dayCare = Self.cells(draft).filter { $0["kind"] as? String == "дневна грижа" }
        #expect(!dayCare.isEmpty)
        for cell in dayCare {
            let cost = try #require(Self.cost(cell))
            #expect(cost["status"] as? String == "unknown_standard")
            #expect(cost["mode"] as? String == "day")
            #expect(cost["cost_bgn"] == nil && cost["standard_bgn_per_user_year"] == nil)
        }
        let szr31 = try #require(Self.areas(draft).first { $0["code"] as? String == "SZR31" })
        let areaCost = try #require(szr31["cost"] as? [String: Any])
        let own = Self.cells(draft).filter { $0["area_code"] as? String == "SZR31" }
        let unknown = own.filter { Self.cost($0)?["status"] as? String == "unknown_standard" }
        #expect(unknown.count > 0)
        #expect(areaCost["unknown_cost_cells"] as? Int == unknown.count)
        #expect(areaCost["unknown_cost_users"] as? Int == unknown.reduce(0) { $0 + ($1["maximum_users"] as? Int ?? 0) })
        let knownSum = own.compactMap { Self.cost($0)?["cost_bgn"] as? Double }.reduce(0, +)
        #expect(Self.close(areaCost["known_cost_bgn"] as? Double, knownSum))
        let report = try String(contentsOf: workspace.out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("Клетки без стандарт (неизвестен разход)"))
        #expect(report.contains("data-kind=\"day_care\""))
        let csv = try String(contentsOf: workspace.out.appendingPathComponent("map-municipalities.csv"), encoding: .utf8)
        #expect(csv.contains("unknown_standard"))
    }

    @Test("a municipality's indicator replaces the national share, and every criterion names its source")
    func indicatorReplacesShare() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run(["--quiet"]).status == 0)
        let draft = try Self.draft(workspace)
        let metadata = try #require(draft["metadata"] as? [String: Any])
        let indicators = try #require(metadata["indicators"] as? [String: Any])
        #expect(indicators["status"] as? String == "example")
        #expect(indicators["source_path"] as? String == "mappings/indicators.example.yml")
        // SZR31: 40 200 elderly in the indicators file (the share would give 144 213 × 0.235 = 33 890).
        let szr31 = try #require(Self.cell(draft, "SZR31", "асистентска подкрепа", "elderly"))
        #expect(szr31["criterion_value"] as? Double == 381.9)
        let indicator = try #require(szr31["criterion_indicator"] as? [String: Any])
        #expect(indicator["value"] as? Int == 40200)
        #expect(indicator["unit"] as? String == "души")
        let sources = try #require(indicator["sources"] as? [[String: Any]])
        #expect(sources.count == 1)
        #expect(sources.first?["file"] as? String == "mappings/indicators.example.yml")
        #expect((sources.first?["official_source"] as? String)?.hasPrefix("НСИ") == true)
        // SZR36 is not in the file: the criteria's share, 18 137 × 0.235 = 4 262.
        let szr36 = try #require(Self.cell(draft, "SZR36", "асистентска подкрепа", "elderly"))
        #expect(szr36["criterion_value"] as? Double == 40.49)
        let shared = try #require(szr36["criterion_indicator"] as? [String: Any])
        #expect(shared["value"] as? Int == 4262)
        #expect((shared["sources"] as? [[String: Any]])?.first?["file"] as? String == "mappings/criteria.example.yml")
        // A per-1,000-inhabitants rule names the census population and its file.
        let dayCare = try #require(Self.cell(draft, "SZR31", "дневна грижа", "children_disabilities"))
        let population = try #require(dayCare["criterion_indicator"] as? [String: Any])
        #expect(population["value"] as? Int == 144213)
        #expect(
            (population["sources"] as? [[String: Any]])?.first?["file"] as? String == "reference/municipalities.csv")
        // The XML carries the same indicator.
        let xml = try String(contentsOf: workspace.out.appendingPathComponent("map-draft.xml"), encoding: .utf8)
        #expect(xml.contains("<criterionIndicator name=\"лица в надтрудоспособна възраст\" value=\"40200\" unit=\"души\">"))
        #expect(xml.contains("<source file=\"mappings/indicators.example.yml\""))
    }

    @Test("explain shows the indicator's value, unit and source, and the cell's cost")
    func explainShowsIndicatorSource() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run(["--quiet"]).status == 0)
        let text = try CLIProcess.run(
            ["explain", "SZR31", "асистентска подкрепа", "--target-group", "elderly", "--store", workspace.store.path],
            currentDirectory: workspace.root, environment: ["COLUMNS": "1000"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(
            text.stdout.contains(
                "indicator: лица в надтрудоспособна възраст = 40200 души — source: mappings/indicators.example.yml — НСИ"))
        #expect(text.stdout.contains("standards: example-2026.1 (example)"))
        #expect(text.stdout.contains("indicators: example-2021.1"))
        #expect(text.stdout.contains("× 5400.5 BGN = "))
        let json = try CLIProcess.run(
            ["explain", "SZR31", "асистентска подкрепа", "--target-group", "elderly", "--json", "--store",
             workspace.store.path],
            currentDirectory: workspace.root)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        #expect(object["standards_version"] as? String == "example-2026.1")
        let cell = try #require((object["cells"] as? [[String: Any]])?.first)
        let indicator = (cell["criterion"] as? [String: Any])?["indicator"] as? [String: Any]
        #expect(indicator?["value"] as? Int == 40200)
    }

    @Test("a broken standards file is refused with its file and line (exit 2), by run and by export")
    func brokenStandardsFile() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run(["--quiet"]).status == 0)
        let bad = workspace.root.appendingPathComponent("mappings/bad-standards.yml")
        try """
        version: "x"
        status: example
        statement: "Примерни."
        legal_reference: "РМС"
        modes:
          - code: day
            name: дневна
            kinds: [day_care]
        standards:
          - kind: day_care
            mode: weekly
            bgn_per_user_year: 100
        """.write(to: bad, atomically: true, encoding: .utf8)
        let export = try CLIProcess.run(
            ["export", "--format", "json", "--standards", bad.path, "--out", workspace.root.appendingPathComponent("x").path,
             "--store", workspace.store.path],
            currentDirectory: workspace.root)
        #expect(export.status == 2)
        #expect(export.stderr.contains("bad-standards.yml:11: unknown mode 'weekly'"), "\(export.stderr)")
        try workspace.editPipeline {
            $0.replacingOccurrences(of: "standards.example.yml", with: "bad-standards.yml")
        }
        let run = try workspace.run(["--quiet"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("bad-standards.yml") && run.stderr.contains("weekly"), "\(run.stderr)")
    }
}
