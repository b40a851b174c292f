import Foundation
import Testing

/// The target groups of ЗСУ Art. 14(2) as karta's canonical list, through the real binary.
@Suite("target groups of the law (ЗСУ Art. 14(2))")
struct LawTargetGroupsTests {
    @Test("karta reference --target-groups lists the seven groups with karta's codes under each")
    func referenceLists() throws {
        let result = try CLIProcess.run(["reference", "--target-groups", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        let groups = document?["groups"] as? [[String: Any]] ?? []
        #expect(groups.count == 7)
        #expect(groups.map { $0["article"] as? String } == (1...7).map { "т. \($0)" })
        let disabilities = groups.first { $0["code"] as? String == "people_with_disabilities" }
        #expect(disabilities?["karta_groups"] as? [String] == ["children_disabilities", "adults_disabilities"])
        #expect(document?["not_one_group"] as? [String] == ["everyone", "unspecified"])
        #expect((document?["legal_reference"] as? String)?.contains("чл. 14, ал. 2") == true)
    }

    @Test("a register worded as the Act loads into karta's groups; cells name their law group in the CSV")
    func registerWordedAsTheAct() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "karta-law-groups-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("k.sqlite").path
        let ingest = try CLIProcess.run([
            "ingest", "fixtures/matching/law-target-groups-utf8-semicolon.csv", "--kind", "municipal-register",
            "--store", store,
        ])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(
            try CLIProcess.sqlite(store, "SELECT target_group FROM records ORDER BY record_index")
                == "children\ncarers_of_adults\nelderly\neveryone\n")
        let out = folder.appendingPathComponent("out")
        let export = try CLIProcess.run([
            "export", "--format", "csv", "--plain-csv", "--store", store, "--out", out.path,
        ])
        #expect(export.status == 0, "\(export.stderr)")
        let csv = try String(contentsOf: out.appendingPathComponent("map-municipalities.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(lines.first?.contains(",law_target_group,") == true, "the column is added after the others")
        // the law group's field, counted with every quoted field (names, sources with commas)
        // taken as one
        let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false) ?? []
        let column = try #require(header.firstIndex(of: "law_target_group"))
        var lawOf: [String: String] = [:]
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            for code in ["children", "carers_of_adults", "elderly", "everyone"] where line.contains(",\(code),") {
                let unquoted = line.replacingOccurrences(
                    of: "\"([^\"]|\"\")*\"", with: "Q", options: .regularExpression)
                lawOf[code] = String(unquoted.split(separator: ",", omittingEmptySubsequences: false)[column])
            }
        }
        #expect(lawOf["children"] == "all_children")
        #expect(lawOf["carers_of_adults"] == "carers_of_adults")
        #expect(lawOf["elderly"] == "older_people")
        #expect(lawOf["everyone"] == "")
    }
}
