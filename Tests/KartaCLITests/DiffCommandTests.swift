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

    @Test("lists changed maximum users per cell, municipality and district; exit 0")
    func changes() throws {
        let folder = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = try export(folder, "old", residentialPlaces: 40)
        let new = try export(folder, "new", residentialPlaces: 46)
        let text = try CLIProcess.run(["diff", old.path, new.appendingPathComponent("map-draft.json").path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(
            text.stdout.contains(
                "municipality SZR31 Стара Загора | резидентна грижа | лица в надтрудоспособна възраст: 40 -> 46"
            ))
        #expect(text.stdout.contains("  ~ district SZR Стара Загора: "))
        #expect(text.stdout.contains("(+6)"))
        let json = try CLIProcess.run(["diff", old.path, new.path, "--json"])
        #expect(json.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let areas = try #require(object["changedAreas"] as? [[String: Any]])
        #expect(areas.map { $0["code"] as? String } == ["SZR31", "SZR"])
        #expect(areas.allSatisfy { $0["difference"] as? Int == 6 })
    }

    @Test("identical drafts: no differences, exit 0")
    func same() throws {
        let folder = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = try export(folder, "old", residentialPlaces: 40)
        let result = try CLIProcess.run(["diff", old.path, old.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("no differences\n"))
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
}
