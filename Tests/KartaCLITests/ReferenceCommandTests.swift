import Foundation
import Testing

@Suite("karta reference and --version", .serialized)
struct ReferenceCommandTests {
    @Test("--version prints the version")
    func version() throws {
        let result = try CLIProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(
            result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test("--help shows an example")
    func help() throws {
        let result = try CLIProcess.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("karta run pipelines/national-map.yml"))
    }

    @Test("--help prose has no hard line breaks: on a wide terminal a paragraph is one line")
    func helpWraps() throws {
        for command in ["run", "export", "ingest", "diff"] {
            let result = try CLIProcess.run([command, "--help"], environment: ["COLUMNS": "1000"])
            #expect(result.status == 0)
            let overview = result.stdout.components(separatedBy: "\n\n").dropFirst().first ?? ""
            #expect(overview.count > 100 && !overview.contains("\n"), "\(command): \(overview)")
        }
    }

    @Test("reference --municipalities --json lists all 265 with codes and population")
    func municipalitiesJSON() throws {
        let result = try CLIProcess.run(["reference", "--municipalities", "--json"])
        #expect(result.status == 0)
        let rows = (try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])?["municipalities"] as? [[String: Any]]
        #expect(rows?.count == 265)
        #expect(
            rows?.contains { $0["code"] as? String == "SZR31" && $0["name_bg"] as? String == "Стара Загора" }
                == true)
    }

    @Test("reference --district SZR lists the district's municipalities in a table")
    func districtTable() throws {
        let result = try CLIProcess.run(["reference", "--district", "SZR"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("SZR31"))
        #expect(!result.stdout.contains("SOF46"))
    }

    @Test("an ambiguous name fails with the candidates")
    func ambiguous() throws {
        let result = try CLIProcess.run(["reference", "--resolve", "Бяла"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("RSE04"))
        #expect(result.stderr.contains("VAR05"))
    }
}
