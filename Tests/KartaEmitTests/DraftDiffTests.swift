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
        #expect(diff.text.hasSuffix("no differences\n"))
    }

    @Test("services that appear, disappear or change their maximum users are listed")
    func cells() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = try SampleStore.draft(in: folder)
        let old = draft(
            [
                cell("SZR31", .residentialCare, services: 1, maximum: 40),
                cell("SZR31", .dayCare, services: 1, maximum: 20),
                cell("VID09", .shelter, services: 0, maximum: 0),
            ], base: base)
        let new = draft(
            [
                cell("SZR31", .residentialCare, services: 1, maximum: 45),
                cell("VID09", .shelter, services: 1, maximum: 12),
            ],
            base: base)
        let diff = DraftDiff(old: old, new: new)
        #expect(diff.addedServices.map(\.areaCode) == ["VID09"])
        #expect(diff.removedServices.map(\.kind) == [.dayCare])
        #expect(diff.changedMaximumUsers.map { [$0.oldMaximumUsers, $0.newMaximumUsers] } == [[40, 45]])
        #expect(diff.text.contains("  + municipality VID09 Видин"))
        #expect(
            diff.text.contains(
                "  ~ municipality SZR31 Стара Загора | резидентна грижа | лица в надтрудоспособна възраст: 40 -> 45"
            ))
    }

    @Test("municipalities and districts whose maximum users changed are listed with the difference")
    func areas() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = try SampleStore.draft(in: folder.appendingPathComponent("old"))
        let new = try SampleStore.draft(in: folder.appendingPathComponent("new"), extraResidentialPlaces: 7)
        let diff = DraftDiff(old: old, new: new)
        let codes = diff.changedAreas.map(\.code)
        let szr31 = try #require(diff.changedAreas.first { $0.code == "SZR31" })
        let szr = try #require(diff.changedAreas.first { $0.code == "SZR" })
        #expect(szr31.difference == szr.difference)
        #expect(codes.firstIndex(of: "SZR31")! < codes.firstIndex(of: "SZR")!, "municipalities first")
        #expect(!codes.contains("BG"))
    }
}
