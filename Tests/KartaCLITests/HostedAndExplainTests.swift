import Foundation
import Testing

/// District-level services in the municipality that hosts them (ЗСУ Art. 55), and `explain`
/// reproducing the published draft — through `karta run` on the bundled fixtures.
@Suite("Hosted services and explain after a run", .serialized)
struct HostedAndExplainTests {
    @Test("aggregate --level municipality shows district-level services apart, under \"hosted\"")
    func aggregateHosted() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let run = try workspace.run(["--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        func areas(_ level: String) throws -> [String: [String: Any]] {
            let result = try CLIProcess.run(
                ["aggregate", "--level", level, "--format", "json", "--store", workspace.store.path],
                currentDirectory: workspace.root)
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
            #expect(object["criteria_version"] as? String == "example-2026.1")
            var byCode: [String: [String: Any]] = [:]
            for area in object["areas"] as? [[String: Any]] ?? [] {
                byCode[area["code"] as? String ?? ""] = area
            }
            return byCode
        }
        let municipalities = try areas("municipality")
        let szr31 = try #require(municipalities["SZR31"])
        let hosted = try #require(szr31["hosted"] as? [String: Any])
        // ЦНСТ „Надежда" 14, ЦНСТДМУ „Слънце" 14, ДСХ „Здравец" 60, Кризисен център 10.
        #expect(hosted["records"] as? Int == 4)
        #expect(hosted["capacity"] as? Int == 98)
        #expect((hosted["by_kind"] as? [String: Int])?["резидентна грижа"] == 88)
        #expect(
            (szr31["by_kind"] as? [String: Int])?["резидентна грижа"] == nil, "not a municipal-level service")
        #expect(szr31["population"] as? Int == 144213)
        #expect(szr31["places_per_1000"] as? Double == 8.11)
        // The district counts its municipalities and the services they host, each once.
        let district = try #require(try areas("district")["SZR"])
        let inSZR = municipalities.values.filter { ($0["code"] as? String ?? "").hasPrefix("SZR") }
        let sum = inSZR.reduce(0) {
            $0 + ($1["capacity"] as? Int ?? 0) + (($1["hosted"] as? [String: Any])?["capacity"] as? Int ?? 0)
        }
        #expect(district["capacity"] as? Int == sum)
        #expect(district["hosted"] == nil)
        let table = try CLIProcess.run(
            ["aggregate", "--store", workspace.store.path], currentDirectory: workspace.root,
            environment: ["COLUMNS": "1000"])
        #expect(table.stdout.hasPrefix("Код  "))
        #expect(
            table.stdout.contains("Капацитет (места)") && table.stdout.contains("Областни услуги в общината"))
        #expect(table.stdout.contains("criteria: example-2026.1"))
    }

    @Test("the README's example works: explain SZR31 \"резидентна грижа\" finds the hosted services")
    func readmeExample() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run(["--quiet"]).status == 0)
        let result = try CLIProcess.run(
            ["explain", "SZR31", "резидентна грижа"], currentDirectory: workspace.root,
            environment: ["KARTA_STORE": "out/karta.sqlite", "COLUMNS": "1000"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("no cells"))
        #expect(result.stdout.contains("hosted in SZR31: services planned at district level"))
        #expect(result.stdout.contains("planned at district level (SZR)"))
        #expect(result.stdout.contains("„ЦНСТ „Надежда“\""))
        #expect(result.stdout.contains("„ДСХ „Здравец“\""))
        #expect(!result.stdout.contains("ЦНСТПЛПР"), "Казанлък's service is not hosted in SZR31")
        let json = try CLIProcess.run(
            ["explain", "SZR31", "residential_care", "--json"], currentDirectory: workspace.root,
            environment: ["KARTA_STORE": "out/karta.sqlite"])
        let object = try #require(JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let hosted = object["hosted"] as? [[String: Any]] ?? []
        #expect(hosted.count == 3)
        #expect(hosted.allSatisfy { ($0["cell"] as? [String: Any])?["level"] as? String == "district" })
    }

    @Test("explain run from another folder uses the criteria the run recorded, and says so")
    func explainElsewhere() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run(["--quiet"]).status == 0)
        let elsewhere = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        // The criteria file changes after the run: explain must still use what the run used.
        let criteria = workspace.root.appendingPathComponent("mappings/criteria.example.yml")
        let text = try String(contentsOf: criteria, encoding: .utf8)
        try text.replacingOccurrences(of: "example-2026.1", with: "edited-later").write(
            to: criteria, atomically: true, encoding: .utf8)
        let result = try CLIProcess.run(
            ["explain", "SZR31", "assistant_support", "--store", workspace.store.path],
            currentDirectory: elsewhere)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("criteria: example-2026.1"))
        #expect(result.stdout.contains("— from run "))
        #expect(result.stdout.contains("criterion per_1000_target_group"), "the criteria were applied")
        #expect(!result.stdout.contains("criteria: none"))
        // --criteria still wins.
        let chosen = try CLIProcess.run(
            [
                "explain", "SZR31", "assistant_support", "--store", workspace.store.path, "--criteria",
                criteria.path,
            ],
            currentDirectory: elsewhere)
        #expect(chosen.stdout.contains("criteria: edited-later"))
        // export prints the version it used and writes it into the draft.
        let out = elsewhere.appendingPathComponent("out")
        let export = try CLIProcess.run(
            ["export", "--format", "json", "--out", out.path, "--store", workspace.store.path],
            currentDirectory: elsewhere)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("criteria: example-2026.1"))
        let draft = try String(contentsOf: out.appendingPathComponent("map-draft.json"), encoding: .utf8)
        #expect(draft.contains("\"criteria_version\" : \"example-2026.1\""))
    }
}
