import Foundation
import KartaAggregate
import KartaModel
import Testing

@testable import KartaEmit

@Suite("Diff between two drafts")
struct DraftDiffTests {
    func cell(
        _ area: String, _ kind: ServiceKind, services: Int, maximum: Int, level: AreaLevel = .municipality
    ) -> MapCell {
        MapCell(
            level: level, areaCode: area, kind: kind, targetGroup: .elderly, services: services,
            capacity: maximum,
            stateDelegatedCapacity: maximum, users: 0, maximumUsers: maximum, proposedUsers: nil,
            criterionValue: nil, status: .noCriterion, flags: [], recordIDs: [])
    }

    func draft(_ cells: [MapCell], base: MapDraft) -> MapDraft {
        var draft = base
        draft.cells = cells
        return draft
    }

    @Test("a draft compared with itself has no differences")
    func same() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let draft = try SampleStore.draft(in: folder)
        let diff = DraftDiff(old: draft, new: draft)
        #expect(diff.isEmpty)
        #expect(diff.text.hasSuffix("the drafts are equal\n"))
    }

    @Test("cells added, removed (zero cells count as absent) and changed, each field old → new")
    func cells() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = try SampleStore.draft(in: folder)
        var proposalOnly = cell("SZR12", .assistantSupport, services: 0, maximum: 0)
        proposalOnly.proposedUsers = 15
        proposalOnly.maximumUsers = 15
        let old = draft(
            [
                cell("SZR31", .residentialCare, services: 1, maximum: 40),
                cell("SZR31", .dayCare, services: 1, maximum: 20),
                cell("VID09", .shelter, services: 0, maximum: 0),
                proposalOnly,
            ], base: base)
        var changed = cell("SZR31", .residentialCare, services: 1, maximum: 45)
        changed.users = 3
        let new = draft(
            [
                changed,
                cell("SZR31", .dayCare, services: 0, maximum: 0),
                cell("VID09", .shelter, services: 1, maximum: 12),
            ],
            base: base)
        let diff = DraftDiff(old: old, new: new)
        #expect(diff.cellsAdded.map(\.areaCode) == ["VID09"])
        #expect(diff.cellsAdded.first?.values?["maximum_users"] == 12)
        #expect(diff.cellsRemoved.map(\.kind) == [.assistantSupport, .dayCare], "SZR12 before SZR31")
        #expect(diff.cellsRemoved.first?.values?["proposed_users"] == 15, "a proposal-only cell is listed")
        let change = try #require(diff.cellsChanged.first)
        #expect(
            Set(change.changes?.keys.map { $0 } ?? []) == [
                "capacity", "state_delegated_capacity", "users", "maximum_users",
            ])
        #expect(change.changes?["capacity"] == DraftDiff.Change(old: 40, new: 45))
        #expect(diff.text.contains("  + municipality VID09 Видин"))
        #expect(
            diff.text.contains(
                "  ~ municipality SZR31 Стара Загора | резидентна грижа | лица в надтрудоспособна възраст: "
                    + "capacity 40 → 45 (+5)"))
    }

    @Test("area totals that changed are listed at the three levels, the nation included")
    func areas() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = try SampleStore.draft(in: folder.appendingPathComponent("old"))
        let new = try SampleStore.draft(in: folder.appendingPathComponent("new"), extraResidentialPlaces: 7)
        let diff = DraftDiff(old: old, new: new)
        let codes = diff.areasChanged.map(\.code)
        let szr31 = try #require(diff.areasChanged.first { $0.code == "SZR31" })
        let szr = try #require(diff.areasChanged.first { $0.code == "SZR" })
        let nation = try #require(diff.areasChanged.first { $0.code == "BG" })
        for area in [szr31, szr, nation] {
            let capacity = try #require(area.changes["capacity"])
            #expect((capacity.new ?? 0) - (capacity.old ?? 0) == 7)
        }
        #expect(codes == ["SZR31", "SZR", "BG"], "municipalities, districts, then the nation")
    }
}
