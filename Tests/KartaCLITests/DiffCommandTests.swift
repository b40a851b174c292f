import Foundation
import Testing

@Suite("karta diff")
struct DiffCommandTests {
    /// Exports the draft of a sample store with `residentialPlaces` into `folder/name`.
    func export(_ folder: URL, _ name: String, residentialPlaces: Int) throws -> URL {
        let store = folder.appendingPathComponent("\(name).sqlite").path
        try EmitSampleStore.make(at: store, residentialPlaces: residentialPlaces)
        let out = folder.appendingPathComponent(name)
        let result = try CLIProcess.run(["export", "--format", "json", "--store", store, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        return out
    }

    /// Two published drafts of the bundled pipeline: `old` as shipped; `new` after a register
    /// adds 10 places to Стара Загора's ЦОП, Чирпан's proposal for its ЦОП rises 25 → 35, Чирпан
    /// proposes an assistant support it does not have (a proposal-only cell) and the criteria
    /// file's version changes.
    static func twoDrafts(_ workspace: PipelineWorkspace, _ folder: URL) throws -> (old: URL, new: URL) {
        #expect(try workspace.run(["--quiet"]).status == 0)
        let old = folder.appendingPathComponent("old")
        try FileManager.default.copyItem(at: workspace.out, to: old)
        try Data(
            """
            Община;Вид на услугата;Наименование на услугата;Капацитет;Заети места;Финансиране
            Стара Загора;Център за обществена подкрепа;ЦОП „Изгрев“;10;9;държавно делегирана дейност

            """.utf8
        ).write(to: workspace.root.appendingPathComponent("fixtures/registers/szr31-cop-addition-utf8.csv"))
        try Data(
            """
            Община;Вид на услугата;Целева група;Максимален брой потребители;Ниво на планиране
            Чирпан;Център за обществена подкрепа;;35;общинско
            Чирпан;Асистентска подкрепа;;40;общинско

            """.utf8
        ).write(to: workspace.root.appendingPathComponent("fixtures/proposals/szr36-proposal-utf8.csv"))
        let proposal = workspace.root.appendingPathComponent("fixtures/proposals/szr-proposal-cp1251.csv")
        let bytes = try Data(contentsOf: proposal)
        // Drop Чирпан's ЦОП line (Windows-1251 „Чирпан;Център за обществена подкрепа;;25").
        let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
        let chirpanCOP = Data([0xD7, 0xE8, 0xF0, 0xEF, 0xE0, 0xED, 0x3B, 0xD6])  // „Чирпан;Ц"
        let kept = lines.filter { !$0.starts(with: chirpanCOP) }
        #expect(kept.count == lines.count - 1)
        try Data(kept.joined(separator: [10])).write(to: proposal)
        let criteria = workspace.root.appendingPathComponent("mappings/criteria.example.yml")
        try String(contentsOf: criteria, encoding: .utf8).replacingOccurrences(
            of: "version: \"example-2026.1\"", with: "version: \"example-2026.2\""
        ).write(to: criteria, atomically: true, encoding: .utf8)
        #expect(try workspace.run(["--quiet"]).status == 0)
        return (old, workspace.out)
    }

    @Test(
        "cells added (proposal-only too), every changed field, area totals at three levels, criteria; exit 1")
    func everything() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let folder = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (old, new) = try Self.twoDrafts(workspace, folder)
        let text = try CLIProcess.run(["diff", old.path, new.appendingPathComponent("map-draft.json").path])
        #expect(text.status == 1, "the drafts differ: \(text.stderr)")
        #expect(text.stdout.contains("criteria version: example-2026.1 → example-2026.2"))
        #expect(
            text.stdout.contains(
                "  + municipality SZR36 Чирпан | асистентска подкрепа | неуточнена: services 0"))
        #expect(text.stdout.contains("proposed_users 40"))
        #expect(text.stdout.contains("capacity 60 → 70 (+10)"))
        #expect(text.stdout.contains("  ~ national BG България: "))
        #expect(text.stdout.hasSuffix("the drafts differ\n"))

        let json = try CLIProcess.run(["diff", old.path, new.path, "--json"])
        #expect(json.status == 1)
        let object = try #require(JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        #expect(object["equal"] as? Bool == false)
        let criteria = try #require(object["criteria_version"] as? [String: String])
        #expect(criteria == ["old": "example-2026.1", "new": "example-2026.2"])
        let added = object["cells_added"] as? [[String: Any]] ?? []
        let proposalOnly = try #require(
            added.first {
                $0["area_code"] as? String == "SZR36" && $0["kind"] as? String == "асистентска подкрепа"
            })
        #expect((proposalOnly["values"] as? [String: Int])?["maximum_users"] == 40)
        let changed = object["cells_changed"] as? [[String: Any]] ?? []
        func change(_ area: String, _ level: String) -> [String: [String: Int]]? {
            changed.first {
                $0["area_code"] as? String == area && $0["level"] as? String == level
                    && $0["kind"] as? String == "информиране и консултиране"
            }?["changes"] as? [String: [String: Int]]
        }
        #expect(change("SZR31", "municipality")?["capacity"] == ["old": 60, "new": 70])
        #expect(change("SZR31", "municipality")?["services"] == ["old": 1, "new": 2])
        #expect(change("SZR36", "municipality")?["proposed_users"] == ["old": 25, "new": 35])
        #expect(change("SZR36", "municipality")?["maximum_users"] == ["old": 25, "new": 35])
        let areas = object["areas_changed"] as? [[String: Any]] ?? []
        for (code, level) in [("SZR31", "municipality"), ("SZR", "district"), ("BG", "national")] {
            let area = try #require(areas.first { $0["code"] as? String == code }, "\(code)")
            #expect(area["level"] as? String == level)
            let capacity = (area["changes"] as? [String: [String: Int]])?["capacity"]
            #expect(capacity.map { ($0["new"] ?? 0) - ($0["old"] ?? 0) } == 10, "\(code)")
        }
    }

    @Test("a proposal-only cell that vanishes is listed as removed; stored runs compare too")
    func removed() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let folder = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (old, new) = try Self.twoDrafts(workspace, folder)
        let result = try CLIProcess.run(["diff", new.path, old.path, "--json"])
        #expect(result.status == 1)
        let object = try #require(JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let removed = object["cells_removed"] as? [[String: Any]] ?? []
        #expect(
            removed.contains {
                $0["area_code"] as? String == "SZR36" && $0["kind"] as? String == "асистентска подкрепа"
                    && ($0["values"] as? [String: Int])?["proposed_users"] == 40
            })
        let stored = try CLIProcess.run(["diff", "previous", "latest", "--store", workspace.store.path])
        #expect(stored.status == 1, "\(stored.stderr)")
        #expect(stored.stdout.contains("capacity 60 → 70 (+10)"))
    }

    @Test("identical drafts: the drafts are equal, exit 0")
    func same() throws {
        let folder = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = try export(folder, "old", residentialPlaces: 40)
        let result = try CLIProcess.run(["diff", old.path, old.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("the drafts are equal\n"))
        let json = try CLIProcess.run(["diff", old.path, old.path, "--json"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"equal\" : true"))
    }

    @Test("a capacity change alone makes the drafts differ (exit 1)")
    func capacityOnly() throws {
        let folder = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = try export(folder, "old", residentialPlaces: 40)
        let new = try export(folder, "new", residentialPlaces: 46)
        let result = try CLIProcess.run(["diff", old.path, new.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("capacity 40 → 46 (+6)"))
    }

    @Test("a service whose capacity becomes unknown shows as unknown_capacity_services old → new")
    func unknownCapacity() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let folder = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try workspace.run(["--quiet"]).status == 0)
        let old = folder.appendingPathComponent("old")
        try FileManager.default.copyItem(at: workspace.out, to: old)
        try Data(
            """
            Община;Вид на услугата;Наименование на услугата;Капацитет;Заети места;Финансиране
            Стара Загора;Център за обществена подкрепа;ЦОП „Изгрев“;н/д;9;държавно делегирана дейност

            """.utf8
        ).write(to: workspace.root.appendingPathComponent("fixtures/registers/szr31-cop-unknown-utf8.csv"))
        #expect(try workspace.run(["--quiet"]).status == 0)
        let result = try CLIProcess.run(["diff", old.path, workspace.out.path, "--json"])
        #expect(result.status == 1, "\(result.stderr)")
        let compact = result.stdout.filter { !$0.isWhitespace }
        #expect(compact.contains("\"unknown_capacity_services\":{\"new\":1,\"old\":0}"), "\(result.stdout)")
    }

    @Test("a file that is not a draft is refused with its path (exit 4)")
    func notADraft() throws {
        let folder = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bogus = folder.appendingPathComponent("bogus.json")
        try Data("{\"cells\": 3}".utf8).write(to: bogus)
        let result = try CLIProcess.run(["diff", bogus.path, bogus.path])
        #expect(result.status == 4)
        #expect(result.stderr.contains("bogus.json: not a karta Map draft"))
    }

    @Test("a draft written before the one JSON style (format 1, camelCase) still reads: diff with itself is empty")
    func formatOneDraftReads() throws {
        let old = "fixtures/drafts/map-draft-format1-karta-977c7a8.json"
        let same = try CLIProcess.run(["diff", old, old])
        #expect(same.status == 0, "\(same.stderr)")
        #expect(!same.stderr.contains("not a karta Map draft"))
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        #expect(try workspace.run(["--quiet"]).status == 0)
        let today = try CLIProcess.run(
            ["diff", old, workspace.out.appendingPathComponent("map-draft.json").path, "--json"])
        #expect(today.status == 1, "\(today.stderr)")  // today's fixtures hold more files
        let object = try JSONSerialization.jsonObject(with: today.stdoutData) as? [String: Any]
        #expect(object?["schema_version"] as? String == "karta/diff/v1")
    }
}
