import Foundation
import KartaModel
import Testing

@testable import KartaAggregate

@Suite("Rollups: municipality, district, national")
struct RollupTests {
    @Test("municipal totals are the hand-computed ones")
    func municipalTotals() throws {
        let sample = try SampleStore()
        let areas = try MapDraftBuilder(store: sample.builder.store).summaries(level: .municipality)
        #expect(areas.map(\.code) == ["JAM26", "SZR12", "SZR31"])
        let szr31 = try #require(areas.first { $0.code == "SZR31" })
        #expect(
            (szr31.records, szr31.capacity, szr31.users, szr31.stateDelegatedCapacity) == (4, 185, 167, 85))
        #expect(szr31.name == "Стара Загора")
        #expect(
            szr31.capacityByKind.map(\.kind) == [
                .informationAndConsultation, .residentialCare, .assistantSupport,
            ])
        #expect(szr31.capacityByKind.map(\.capacity) == [30, 55, 100])
        let szr12 = try #require(areas.first { $0.code == "SZR12" })
        #expect((szr12.records, szr12.capacity, szr12.users) == (1, 20, 20))
    }

    @Test("a district sums its municipalities plus its district-level services; national sums districts")
    func levelsAreConsistent() throws {
        let sample = try SampleStore()
        let builder = MapDraftBuilder(store: sample.builder.store)
        let districts = try builder.summaries(level: .district)
        #expect(districts.map(\.code) == ["JAM", "SZR"])
        let szr = try #require(districts.first { $0.code == "SZR" })
        #expect((szr.records, szr.capacity, szr.users, szr.districtLevelRecords) == (6, 219, 199, 1))
        #expect(szr.capacityByKind.map(\.capacity) == [30, 20, 69, 100])
        let national = try builder.summaries(level: .national)
        #expect(national.count == 1)
        #expect(
            (national[0].code, national[0].records, national[0].capacity, national[0].users) == (
                "BG", 7, 229, 205
            ))

        let draft = try builder.build()
        for district in draft.areas.filter({ $0.level == .district }) {
            let municipalities = draft.areas.filter {
                $0.level == .municipality && $0.districtCode == district.code
            }
            let municipalCapacity = municipalities.reduce(0) { $0 + $1.capacity }
            let districtLevel = draft.cells(at: .district).filter { $0.areaCode == district.code }
            #expect(districtLevel.reduce(0) { $0 + $1.capacity } == district.capacity)
            let plannedAtDistrict = district.code == "SZR" ? 14 : 0
            #expect(municipalCapacity + plannedAtDistrict == district.capacity, "district \(district.code)")
        }
        let bg = try #require(draft.area(code: "BG"))
        let districtSum = draft.areas.filter { $0.level == .district }.reduce(0) { $0 + $1.capacity }
        #expect(bg.capacity == districtSum)
        #expect(
            bg.maximumUsers == draft.areas.filter { $0.level == .district }.reduce(0) { $0 + $1.maximumUsers }
        )
    }

    @Test("the district-level service counts in the district, not in its host municipality")
    func districtLevelService() throws {
        let sample = try SampleStore()
        let draft = try MapDraftBuilder(store: sample.builder.store).build()
        let kazanlakResidential = draft.cells.filter { $0.areaCode == "SZR12" && $0.kind == .residentialCare }
        #expect(kazanlakResidential.isEmpty)
        let cell = try #require(
            draft.cells.first {
                $0.level == .district && $0.areaCode == "SZR" && $0.kind == .residentialCare
                    && $0.targetGroup == .adultsWithDisabilities
            })
        #expect((cell.services, cell.capacity, cell.users, cell.maximumUsers) == (1, 14, 12, 14))
        #expect(cell.recordIDs == [sample.id("districtCnst")])
    }

    @Test("a municipality without services is in the draft with zeros, and not in `aggregate` output")
    func municipalityWithoutServices() throws {
        let sample = try SampleStore()
        let builder = MapDraftBuilder(store: sample.builder.store)
        let draft = try builder.build()
        let opan = try #require(draft.area(code: "SZR23"))
        #expect(
            (opan.name, opan.records, opan.capacity, opan.users, opan.population) == ("Опан", 0, 0, 0, 2418))
        #expect(opan.placesPerThousandInhabitants == 0)
        #expect(draft.areas.count == 265 + 28 + 1)
        #expect(try !builder.summaries(level: .municipality).contains { $0.code == "SZR23" })
        #expect(
            try builder.summaries(level: .municipality, includeEmpty: true).contains { $0.code == "SZR23" })
    }

    @Test("a record counts its capacity under its primary kind only")
    func primaryKind() throws {
        let sample = try SampleStore()
        let draft = try MapDraftBuilder(store: sample.builder.store).build()
        #expect(!draft.cells.contains { $0.kind == .therapyAndRehabilitation && $0.areaCode == "SZR31" })
        let cop = try #require(
            draft.cells.first { $0.areaCode == "SZR31" && $0.kind == .informationAndConsultation })
        #expect(cop.capacity == 30)
    }

    @Test("occupancy and places per 1,000 are rounded as documented")
    func populationRelative() throws {
        let sample = try SampleStore()
        let draft = try MapDraftBuilder(store: sample.builder.store).build()
        let cell = try #require(
            draft.cells.first {
                $0.level == .municipality && $0.areaCode == "SZR31" && $0.kind == .residentialCare
            })
        #expect(cell.occupancy == 0.9455)  // 52 / 55
        #expect(cell.placesPerThousandInhabitants == 0.38)  // 55 × 1000 / 144213 = 0.3814
        #expect(cell.placesPerThousandTargetGroup == nil)  // no criteria: no target-group population
    }

    @Test(
        "АСП records are not counted by default; registers-then-agency fills municipalities without a register"
    )
    func sourcePolicy() throws {
        let sample = try SampleStore()
        let onlyAgency = try sample.builder.source("asp/bolyarovo.csv", kind: .aspExport)
        try sample.builder.record(
            source: onlyAgency, municipality: "JAM03", kinds: [.dayCare], capacity: 7, line: 2)
        try sample.builder.finish()
        let store = sample.builder.store
        #expect(try MapDraftBuilder(store: store).summaries(level: .national)[0].capacity == 229)
        let fallback = MapDraftBuilder(
            store: store, options: AggregationOptions(sourcePolicy: .registersThenAgency))
        let municipalities = try fallback.summaries(level: .municipality)
        #expect(municipalities.first { $0.code == "JAM03" }?.capacity == 7)
        #expect(municipalities.first { $0.code == "SZR31" }?.capacity == 185)  // has a register: АСП ignored
        let agency = MapDraftBuilder(store: store, options: AggregationOptions(sourcePolicy: .agency))
        #expect(try agency.summaries(level: .national)[0].capacity == 15 + 40 + 25 + 5 + 12 + 7)
    }

    @Test("the same store gives an equal draft and byte-identical JSON")
    func deterministic() throws {
        let sample = try SampleStore()
        let criteria = try CriteriaLoader.parse(CriteriaTests.yaml, path: "test.yml")
        let first = try MapDraftBuilder(store: sample.builder.store, criteria: criteria).build()
        let second = try MapDraftBuilder(store: sample.builder.store, criteria: criteria).build()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(first) == encoder.encode(second))
        let order = first.cells.map { ($0.level, $0.areaCode, $0.kind, $0.targetGroup.code) }
        #expect(order.elementsEqual(order.sorted { $0 < $1 }, by: { $0 == $1 }))
    }

    @Test("the draft lists its sources with SHA-256 and the rejects per municipality and reason")
    func metadataAndRejects() throws {
        let sample = try SampleStore()
        let draft = try MapDraftBuilder(store: sample.builder.store).build()
        #expect(
            draft.metadata.sources.map(\.path) == [
                "asp/asp-2025.csv", "proposals/stara-zagora.csv", "registers/kazanlak.csv",
                "registers/stara-zagora.csv",
                "registers/yambol.csv",
            ])
        #expect(draft.metadata.sources.allSatisfy { $0.sha256.count == 64 })
        #expect(draft.metadata.criteriaVersion == "none")
        #expect(
            draft.rejects.map { "\($0.municipalityCode ?? "-") \($0.reason) \($0.count)" } == [
                "SZR31 malformed 1", "SZR31 unknown_service 2",
            ])
    }
}

@Suite("Cell keys")
struct CellKeyTests {
    @Test("kind ordinals follow the Act's order")
    func ordinals() {
        #expect(ServiceKind.allCases.map(\.ordinal) == Array(0..<ServiceKind.allCases.count))
    }
}
