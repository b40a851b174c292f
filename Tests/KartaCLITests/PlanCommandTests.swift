import Foundation
import Testing

/// `karta plan` and the pipeline's `plans` output: a municipality's annual plan (ЗСУ Art. 37–38).
@Suite("annual municipal plans (karta plan, pipeline plans)")
struct PlanCommandTests {
    static let register = "fixtures/plans/stara-zagora-register-own-budget-cp1251-semicolon-title-totals.csv"
    static let districtServices = "fixtures/district-scope/szr-district-services-scope-cp1251-semicolon-title-totals.csv"
    static let adoptedMap = "fixtures/adopted-map/karta-2024-rms-574-cp1251-semicolon-title-totals.csv"

    /// A store with Стара Загора's register (state, own-budget and project services) and the
    /// district's district-level services; with the adopted Map when `adopted`.
    func store(adopted: Bool) throws -> (folder: URL, store: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "karta-plan-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = folder.appendingPathComponent("k.sqlite").path
        let ingest = try CLIProcess.run(
            ["ingest", Self.register, Self.districtServices, "--kind", "municipal-register", "--store", store])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        if adopted {
            let map = try CLIProcess.run(["ingest", Self.adoptedMap, "--kind", "adopted-map", "--store", store])
            #expect(map.status == 0, "\(map.stderr)")
        }
        return (folder, store)
    }

    func plan(_ arguments: [String], store: String, out: URL) throws -> CLIProcess.Result {
        try CLIProcess.run(["plan"] + arguments + ["--store", store, "--out", out.path])
    }

    /// The plan CSV's rows as libcsv reads them (through `karta inspect --json`).
    func csvRows(_ url: URL) throws -> (header: [String], rows: [[String]]) {
        let inspect = try CLIProcess.run(["inspect", url.path, "--json", "--rows", "100"])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let json = try JSONSerialization.jsonObject(with: inspect.stdoutData) as? [String: Any] ?? [:]
        #expect(json["delimiter"] as? String == ";")
        return (json["header"] as? [String] ?? [], json["rows"] as? [[String]] ?? [])
    }

    @Test("a plan has the Map's services (draft maximum without an adopted Map), own-budget services and hosted district services")
    func threeParts() throws {
        let (folder, store) = try store(adopted: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("plans")
        let result = try plan(["Стара Загора", "--year", "2026", "--format", "html", "--format", "csv"], store: store, out: out)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("SZR31.html") && result.stdout.contains("SZR31.csv"))

        let html = try String(contentsOf: out.appendingPathComponent("SZR31.html"), encoding: .utf8)
        #expect(html.contains("<h1>Годишен план за социалните услуги за 2026 г.</h1>"))
        #expect(html.contains("Община Стара Загора (SZR31), област Стара Загора"))
        #expect(html.contains("по проекта на картата (не е заредена приета карта)"))
        #expect(html.contains("<th>Критерии</th>"))
        #expect(html.contains("<tr><th>Период на данните</th><td>към 31.12.2025</td></tr>"))
        #expect(html.contains("по данни към 31.12.2025"))
        #expect(html.contains("@page { size: A4"))
        #expect(html.contains("thead { display: table-header-group; }"))

        let (header, rows) = try csvRows(out.appendingPathComponent("SZR31.csv"))
        #expect(header.first == "Година" && header.contains("Част (код)") && header.contains("Обслужва"))
        #expect(rows.allSatisfy { $0.count == header.count && $0[0] == "2026" && $0[1] == "SZR31" })
        func part(_ code: String) -> [[String]] { rows.filter { $0[3] == code } }
        // 1. the Map: assistant support for adults with disabilities, 80 state-delegated places
        let assistant = part("map").first { $0[5] == "assistant_support" && $0[7] == "adults_disabilities" }
        #expect(assistant?[10] == "80" && assistant?[11] == "draft" && assistant?[12] == "80", "\(assistant ?? [])")
        #expect(assistant?[13] == "80" && assistant?[14] == "80" && assistant?[15] == "72")
        // 2. own budget: „местна дейност" and „общински бюджет", not the project nor the state ones
        let own = part("own_budget").map { $0[9] }
        #expect(own == ["Дневен център „Златна възраст“", "Домашен помощник \"Грижа у дома\"; квартал Железник"], "\(own)")
        #expect(part("own_budget").first?[18] == "Община Стара Загора")
        // 3. hosted: the ЦНСТ in Стара Загора serves the district; Казанлък's crisis centre is not here
        let hosted = part("district_hosted")
        #expect(hosted.map { $0[9] } == ["ЦНСТ „Слънчоглед“"], "\(hosted)")
        #expect(hosted.first?[19] == "district")
        let served = hosted.first?[20].split(separator: "|").map(String.init) ?? []
        #expect(served.count == 11 && served.contains("SZR12") && served.allSatisfy { $0.hasPrefix("SZR") })
        #expect(html.contains("ЦНСТ „Слънчоглед“") && !html.contains("Кризисен център „Надежда“"))
        #expect(html.contains("Домашен помощник &quot;Грижа у дома&quot;; квартал Железник"))
    }

    @Test("a plan's Map services carry the standard, the cost, the registers' funding and waiting list")
    func costsAndFunding() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "karta-plan-money-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("k.sqlite").path
        let ingest = try CLIProcess.run(
            ["ingest", "fixtures/financing/stz-register-funding-cp1251-semicolon-title-totals.csv", "--kind",
             "municipal-register", "--store", store])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let out = folder.appendingPathComponent("plans")
        let result = try plan(
            ["Раднево", "--year", "2026", "--format", "csv", "--format", "html", "--standards",
             "mappings/standards.example.yml"], store: store, out: out)
        #expect(result.status == 0, "\(result.stderr)")
        let (header, rows) = try csvRows(out.appendingPathComponent("SZR27.csv"))
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name), "\(header)") }
        let day = try #require(rows.first { $0[3] == "map" && $0[5] == "day_care" }, "\(rows)")
        // the register: 1 234,50 лв. state, 250,00 лв. municipal (mixed financing, Art. 49), 3 waiting
        #expect(day[try column("Държавно финансиране (лв.)")] == "1234,50")
        #expect(day[try column("Общинско финансиране (лв.)")] == "250,00")
        #expect(day[try column("Чакащи")] == "3")
        // the cost is the plan's maximum users × the standard, to the stotinka
        let maximum = try #require(Int(day[try column("Максимален брой потребители")]))
        let standard = try #require(Double(day[try column("Стандарт (лв. на потребител годишно)")]
            .replacingOccurrences(of: ",", with: ".")))
        let cost = try #require(Double(day[try column("Разход по стандарти (лв.)")]
            .replacingOccurrences(of: ",", with: ".")))
        #expect(maximum > 0 && standard > 0)
        #expect(abs(cost - Double(maximum) * standard) < 0.005, "\(maximum) × \(standard) ≠ \(cost)")
        let html = try String(contentsOf: out.appendingPathComponent("SZR27.html"), encoding: .utf8)
        #expect(html.contains("<th>Стандарти за финансиране</th>"))
        #expect(html.contains("Разход по стан&shy;дарти (лв.)"))
    }

    @Test("with an adopted Map loaded, the maximum comes from the Map, beside the draft's")
    func adoptedMaximum() throws {
        let (folder, store) = try store(adopted: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("plans")
        let result = try plan(["SZR31", "--year", "2026", "--format", "csv", "--format", "html"], store: store, out: out)
        #expect(result.status == 0, "\(result.stderr)")
        let (_, rows) = try csvRows(out.appendingPathComponent("SZR31.csv"))
        let map = rows.filter { $0[3] == "map" }
        let assistant = map.first { $0[5] == "assistant_support" && $0[7] == "adults_disabilities" }
        #expect(assistant?[10] == "1000" && assistant?[11] == "adopted_map" && assistant?[12] == "80", "\(assistant ?? [])")
        // in the Map, no service today
        let dayCare = map.first { $0[5] == "day_care" && $0[7] == "adults_disabilities" }
        #expect(dayCare?[10] == "40" && dayCare?[11] == "adopted_map" && dayCare?[13] == "0", "\(dayCare ?? [])")
        let html = try String(contentsOf: out.appendingPathComponent("SZR31.html"), encoding: .utf8)
        #expect(html.contains("по приетата Национална карта на социалните услуги"))
        #expect(html.contains("<th class=\"n\">По проекта</th>"))
    }

    @Test("an unknown municipality is exit 1 with the nearest names; a bad year is exit 2")
    func unknownArea() throws {
        let (folder, store) = try store(adopted: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("plans")
        let result = try plan(["Старо Загоре", "--year", "2026"], store: store, out: out)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no municipality matches"), "\(result.stderr)")
        #expect(result.stderr.contains("Стара Загора (SZR31)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try plan(["SZR31", "--year", "26"], store: store, out: out).status == 2)
    }

    @Test("--format pdf prints through headless Chromium (skipped without chromium)", .enabled(if: Self.chromium != nil))
    func pdf() throws {
        let (folder, store) = try store(adopted: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("plans")
        let result = try plan(["SZR31", "--year", "2026", "--format", "pdf"], store: store, out: out)
        #expect(result.status == 0, "\(result.stderr)")
        let data = try Data(contentsOf: out.appendingPathComponent("SZR31.pdf"))
        #expect(data.starts(with: Array("%PDF-".utf8)) && data.count > 5_000)
    }

    @Test("--format pdf without Chromium is exit 74 with a message that says what to do")
    func pdfWithoutChromium() throws {
        let (folder, store) = try store(adopted: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("plans")
        let result = try CLIProcess.run(
            ["plan", "SZR31", "--year", "2026", "--format", "pdf", "--store", store, "--out", out.path],
            environment: ["KARTA_CHROMIUM": folder.appendingPathComponent("no-chromium").path])
        #expect(result.status == 74)
        #expect(result.stderr.contains("Chromium not found") && result.stderr.contains("--format html"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("SZR31.pdf").path))
    }

    @Test("the pipeline writes plans/<code>.html and .csv for every municipality with data, byte-identical on rerun")
    func pipelinePlans() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let run = try workspace.run(["--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let plans = workspace.out.appendingPathComponent("plans")
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: plans.path))
        // every municipality with data: sent or hosts records, or has lines in the adopted Map
        let draft = try JSONSerialization.jsonObject(
            with: Data(contentsOf: workspace.out.appendingPathComponent("map-draft.json"))) as? [String: Any] ?? [:]
        var expected = Set<String>()
        for area in draft["areas"] as? [[String: Any]] ?? [] where area["level"] as? String == "municipality" {
            let hosted = (area["hosted"] as? [String: Any])?["records"] as? Int ?? 0
            if (area["submitted_records"] as? Int ?? 0) > 0 || (area["records"] as? Int ?? 0) > 0 || hosted > 0 {
                expected.insert(area["code"] as? String ?? "")
            }
        }
        let comparison = (draft["comparison"] as? [String: Any])?["cells"] as? [[String: Any]] ?? []
        for cell in comparison where cell["level"] as? String == "municipality" && cell["adopted_maximum_users"] != nil {
            expected.insert(cell["area_code"] as? String ?? "")
        }
        #expect(expected.count >= 5, "\(expected)")
        #expect(names == Set(expected.flatMap { ["\($0).html", "\($0).csv"] }), "\(names.sorted())")
        // for the year after the period (2025)
        let html = try String(contentsOf: plans.appendingPathComponent("SZR31.html"), encoding: .utf8)
        #expect(html.contains("<h1>Годишен план за социалните услуги за 2026 г.</h1>"))
        // listed in run.json with their digests, published with the set
        let outputs = try workspace.manifest()["outputs"] as? [[String: Any]] ?? []
        let listed = outputs.compactMap { $0["path"] as? String }.filter { $0.contains("/plans/") }
        #expect(listed.count == names.count, "\(listed)")
        #expect(try PipelineWorkspace.isLink(workspace.out.appendingPathComponent("plans")))

        let before = try workspace.outputHashes().filter { $0.key.hasPrefix("plans/") }
        #expect(before.count == names.count)
        #expect(try workspace.run(["--quiet"]).status == 0)
        #expect(try workspace.outputHashes().filter { $0.key.hasPrefix("plans/") } == before)
    }

    @Test("the plans output needs a year: plans_year, else the year after the period; neither is exit 2")
    func plansYear() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        try workspace.editPipeline {
            $0.replacingOccurrences(of: "period:\n  from: 2025-01-01\n  to: 2025-12-31\n", with: "")
        }
        let refused = try CLIProcess.run(["validate", workspace.pipeline], currentDirectory: workspace.root)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("plans_year"), "\(refused.stderr)")
        try workspace.editPipeline { $0.replacingOccurrences(of: "  folder: ../out\n", with: "  folder: ../out\n  plans_year: 2027\n") }
        let run = try workspace.run(["--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: workspace.out.appendingPathComponent("plans/SZR31.html"), encoding: .utf8)
        #expect(html.contains("<h1>Годишен план за социалните услуги за 2027 г.</h1>"))
    }

    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
}
