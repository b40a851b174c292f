import Foundation
import Testing

/// Rows without a target group meet the services of their kind (docs/aggregation.md, „Cells
/// meet across sources"), through the real binary on the `fixtures/matching` exports of Габрово:
/// Габрово's proposal leaves the assistant support's target group blank (one target group has
/// services: matched); Севлиево's does too, but two target groups have services (ambiguous).
@Suite("Target-group matching through the CLI")
struct TargetGroupMatchingTests {
    /// A store with the register, the proposal and the АСП export of `fixtures/matching`.
    static func store(in folder: URL) throws -> String {
        let store = folder.appendingPathComponent("karta.sqlite").path
        for (kind, file) in [
            ("municipal-register", "gab-register-target-groups-cp1251-semicolon-title-totals.csv"),
            ("proposal", "gab-proposal-blank-target-group-cp1251.csv"),
            ("asp-export", "gab-asp-export-blank-target-group-cp1251.csv"),
        ] {
            let result = try CLIProcess.run([
                "ingest", "fixtures/matching/\(file)", "--kind", kind, "--store", store, "--json",
            ])
            #expect(result.status == 0, "\(file): \(result.stderr)")
            #expect(result.stdout.contains("\"rejected\" : 0"), "\(file): \(result.stdout)")
        }
        return store
    }

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try CLIProcess.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try #require(JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
    }

    /// The explained cells of `area` for assistant support: target group code → cell object.
    static func assistantCells(_ store: String, _ area: String) throws -> [String: [String: Any]] {
        let object = try json(["explain", area, "assistant_support", "--json", "--store", store])
        var cells: [String: [String: Any]] = [:]
        for node in object["cells"] as? [[String: Any]] ?? [] {
            guard let cell = node["cell"] as? [String: Any],
                let group = (cell["target_group"] as? [String: Any])?["code"] as? String
            else { continue }
            cells[group] = cell
        }
        return cells
    }

    static func maximumUsers(_ store: String) throws -> [String: Int] {
        let object = try json(["aggregate", "--format", "json", "--store", store])
        var result: [String: Int] = [:]
        for area in object["areas"] as? [[String: Any]] ?? [] {
            result[area["code"] as? String ?? ""] = area["maximum_users"] as? Int
        }
        return result
    }

    @Test("a proposal with a blank target group meets the one service of its kind: counted once, noted")
    func blankProposal() throws {
        let folder = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Self.store(in: folder)
        // 220 proposed for the assistant support (200 places) + 30 for the day centre — not 450.
        #expect(try Self.maximumUsers(store)["GAB05"] == 250)
        let cells = try Self.assistantCells(store, "GAB05")
        let adults = try #require(cells["adults_disabilities"])
        #expect(adults["services"] as? Int == 1)
        #expect(adults["proposed_users"] as? Int == 220)
        #expect(adults["maximum_users"] as? Int == 220)
        let flags = adults["flags"] as? [String] ?? []
        #expect(flags.contains("target_group_matched"))
        #expect(!flags.contains("service_disappears") && !flags.contains("new_service"))
        #expect((cells["unspecified"]?["proposed_users"] as? Int) == nil, "no separate proposal-only cell")
        let text = try CLIProcess.run(["explain", "GAB05", "assistant_support", "--store", store])
        #expect(text.stdout.contains("target group: a row without one was matched to this cell"))
    }

    @Test("several target groups could match: one ambiguous_target_group flag, the proposal counted once")
    func ambiguous() throws {
        let folder = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Self.store(in: folder)
        // Севлиево: 170 proposed without a target group (children 100 + adults 50 exist) + 20.
        #expect(try Self.maximumUsers(store)["GAB29"] == 190)
        let cells = try Self.assistantCells(store, "GAB29")
        let blank = try #require(cells["unspecified"])
        #expect(blank["flags"] as? [String] == ["ambiguous_target_group"])
        #expect(blank["maximum_users"] as? Int == 170)
        for group in ["children_disabilities", "adults_disabilities"] {
            let candidate = try #require(cells[group])
            #expect(candidate["maximum_users"] as? Int == 0, "\(group): the blank proposal holds its maximum")
            #expect(!(candidate["flags"] as? [String] ?? []).contains("service_disappears"))
        }
        // The district's and the nation's totals add the municipalities once.
        let districts = try Self.json([
            "aggregate", "--level", "district", "--format", "json", "--store", store,
        ])
        let gab = (districts["areas"] as? [[String: Any]] ?? []).first { $0["code"] as? String == "GAB" }
        #expect(gab?["maximum_users"] as? Int == 250 + 190)
        #expect(gab?["capacity"] as? Int == 230 + 170)
    }

    @Test("an АСП row with a blank target group meets the register's one target group in the reconciliation")
    func blankAgencyRow() throws {
        let folder = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Self.store(in: folder)
        let out = folder.appendingPathComponent("out")
        let export = try CLIProcess.run([
            "export", "--what", "reconciliation", "--format", "json", "--out", out.path, "--store", store,
        ])
        #expect(export.status == 0, "\(export.stderr)")
        let data = try Data(contentsOf: out.appendingPathComponent("reconciliation.json"))
        let report = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = report["cells"] as? [[String: Any]] ?? []
        func cell(_ municipality: String, _ group: String) -> [String: Any]? {
            cells.first {
                $0["municipality_code"] as? String == municipality
                    && $0["kind"] as? String == "асистентска подкрепа"
                    && ($0["target_group"] as? [String: Any])?["code"] as? String == group
            }
        }
        let gabrovo = try #require(cell("GAB05", "adults_disabilities"))
        #expect(gabrovo["status"] as? String == "match")
        #expect(gabrovo["target_group_matched"] as? Bool == true)
        #expect(cell("GAB05", "unspecified") == nil)
        // Севлиево: two target groups on the register side — the АСП row stays on its own.
        #expect(cell("GAB29", "unspecified")?["status"] as? String == "only_agency")
        #expect(cell("GAB29", "children_disabilities")?["status"] as? String == "only_municipal")
    }
}
