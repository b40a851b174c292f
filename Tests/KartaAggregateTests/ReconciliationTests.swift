import KartaModel
import Testing

@testable import KartaAggregate

@Suite("Reconciliation of municipal registers and АСП exports")
struct ReconciliationTests {
    func report() throws -> (SampleStore, ReconciliationReport) {
        let sample = try SampleStore()
        return (sample, try MapDraftBuilder(store: sample.builder.store).build().reconciliation)
    }

    @Test("cells are compared per municipality × kind × target group, in a stable order")
    func cells() throws {
        let (_, report) = try report()
        let lines = report.cells.map {
            "\($0.municipalityCode) \($0.kind.key) \($0.targetGroup.code) \($0.status.rawValue) \($0.capacityDifference)"
        }
        #expect(
            lines == [
                "JAM26 residential_care elderly only_agency -12",
                "JAM26 shelter in_crisis only_municipal 10",
                "SZR12 day_care children_disabilities only_municipal 20",
                "SZR12 residential_care adults_disabilities only_municipal 14",
                "SZR31 information_consultation families capacity_difference 5",
                "SZR31 therapy_rehabilitation children only_agency -5",
                "SZR31 residential_care elderly match 0",
            ])
        #expect(
            report.cellCounts
                == ReconciliationCounts(match: 1, capacityDifference: 1, onlyMunicipal: 3, onlyAgency: 2))
    }

    @Test("a match lists the records of both sides")
    func matchLineage() throws {
        let (sample, report) = try report()
        let match = try #require(report.cells.first { $0.status == .match })
        #expect(match.municipal?.recordIDs == [sample.id("cnst"), sample.id("dom")])
        #expect(match.agency?.recordIDs == [sample.id("aspCnst"), sample.id("aspDom")])
        #expect(match.municipal?.capacity == 55)
    }

    @Test("without lineage (the draft `karta run` publishes) no side names its records; figures are the same")
    func withoutLineage() throws {
        let (sample, withIDs) = try report()
        let without = try MapDraftBuilder(
            store: sample.builder.store, options: AggregationOptions(includeLineage: false)
        ).build().reconciliation
        let sides =
            (without.cells.flatMap { [$0.municipal, $0.agency] }
            + without.services.flatMap { [$0.municipal, $0.agency] }).compactMap { $0 }
        #expect(!sides.isEmpty)
        #expect(sides.allSatisfy { $0.recordIDs.isEmpty })
        #expect(withIDs.services.contains { $0.municipal?.recordIDs.isEmpty == false })
        func figures(_ report: ReconciliationReport) -> [String] {
            report.cells.map { "\($0.municipalityCode) \($0.status) \($0.municipal?.capacity ?? -1)" }
                + report.services.map { "\($0.serviceID) \($0.status) \($0.classificationAgrees)" }
        }
        #expect(figures(without) == figures(withIDs))
        #expect(without.serviceCounts == withIDs.serviceCounts)
    }

    @Test("locally funded services are not expected in the agency's data")
    func localServicesIgnored() throws {
        let (_, report) = try report()
        #expect(!report.cells.contains { $0.kind == .assistantSupport })
    }

    @Test("services are matched by service id where both sides carry one")
    func byServiceID() throws {
        let (_, report) = try report()
        let lines = report.services.map {
            "\($0.municipalityCode) \($0.serviceID) \($0.status.rawValue) \($0.capacityDifference)"
        }
        #expect(
            lines == [
                "SZR31 S-1 match 0",
                "SZR31 S-2 match 0",
                "SZR31 S-3 capacity_difference 5",
                "SZR31 S-9 only_agency -5",
            ])
        #expect(report.services.first { $0.serviceID == "S-3" }?.classificationAgrees == true)
        #expect(
            report.serviceCounts
                == ReconciliationCounts(match: 2, capacityDifference: 1, onlyMunicipal: 0, onlyAgency: 1))
    }

    @Test("an id on the municipal side only is reported when the agency side carries ids")
    func onlyMunicipalByID() throws {
        let sample = try SampleStore()
        let register = try sample.builder.source("registers/stara-zagora-2.csv")
        try sample.builder.record(
            source: register, municipality: "SZR31", kinds: [.dayCare], capacity: 12, serviceID: "S-7",
            line: 2)
        let kazanlak = try sample.builder.source("registers/kazanlak-2.csv")
        try sample.builder.record(
            source: kazanlak, municipality: "SZR12", kinds: [.dayCare], capacity: 12, serviceID: "K-1",
            line: 2)
        try sample.builder.finish()
        let report = try MapDraftBuilder(store: sample.builder.store).build().reconciliation
        #expect(report.services.contains { $0.serviceID == "S-7" && $0.status == .onlyMunicipal })
        #expect(!report.services.contains { $0.serviceID == "K-1" })  // no АСП ids in SZR12: nothing to match
    }
}
