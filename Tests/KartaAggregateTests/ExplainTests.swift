import Foundation
import KartaModel
import Testing

@testable import KartaAggregate

@Suite("Lineage: karta explain")
struct ExplainTests {
    func explainer() throws -> (SampleStore, Explainer) {
        let sample = try SampleStore()
        let criteria = try CriteriaLoader.parse(CriteriaTests.yaml, path: "test.yml")
        return (sample, Explainer(builder: MapDraftBuilder(store: sample.builder.store, criteria: criteria)))
    }

    @Test("a municipal cell: figures, criterion, records with file and line")
    func municipality() throws {
        let (sample, explainer) = try explainer()
        let explanation = try explainer.explain(area: "SZR31", kind: .residentialCare)
        #expect(explanation.cells.count == 1)
        let cell = explanation.cells[0]
        #expect(cell.records.map(\.id) == [sample.id("cnst"), sample.id("dom")])
        #expect(
            cell.records.map { "\($0.sourcePath):\($0.line)" } == [
                "registers/stara-zagora.csv:5", "registers/stara-zagora.csv:6",
            ])
        #expect(cell.proposals.map(\.line) == [3])
        #expect(cell.criterion?.value == 57.69)
        #expect(cell.criterion?.indicator?.value == 144213)
        #expect(cell.criterion?.indicator?.sourceText.hasPrefix("reference/municipalities.csv — НСИ") == true)
        #expect(cell.cell.maximumUsers == 60 && cell.cell.proposedUsers == 60)
        #expect(explanation.criteriaVersion == "test-1" && explanation.sourcePolicy == .registers)
    }

    @Test("a district cell sums its municipalities and its district-level services")
    func district() throws {
        let (sample, explainer) = try explainer()
        let explanation = try explainer.explain(area: "област Стара Загора", kind: .residentialCare)
        #expect(explanation.area.code == "SZR")
        let adults = try #require(explanation.cells.first { $0.cell.targetGroup == .adultsWithDisabilities })
        #expect(adults.parts.map(\.label) == ["SZR: planned at district level"])
        #expect(adults.parts[0].records.map(\.id) == [sample.id("districtCnst")])
        let elderly = try #require(explanation.cells.first { $0.cell.targetGroup == .elderly })
        #expect(elderly.parts.map(\.label) == ["SZR31 Стара Загора"])
        #expect(elderly.cell.capacity == 55)
    }

    @Test("the national figure goes down through districts and municipalities to the records")
    func national() throws {
        let (sample, explainer) = try explainer()
        let explanation = try explainer.explain(area: "BG", kind: .shelter, targetGroup: "in_crisis")
        #expect(explanation.cells.count == 1)
        let national = explanation.cells[0]
        #expect(national.cell.capacity == 10)
        #expect(national.parts.map(\.label) == ["JAM област Ямбол"])
        #expect(national.parts[0].criterion?.value == 5.49)
        #expect(national.parts[0].parts.map(\.label) == ["JAM26 Ямбол"])
        #expect(national.parts[0].parts[0].records.map(\.id) == [sample.id("crisis")])
    }

    @Test("names resolve to areas; unknown names fail with suggestions")
    func areas() throws {
        #expect(try AreaReference.resolve("Казанлък").code == "SZR12")
        #expect(try AreaReference.resolve("szr").level == .district)
        #expect(try AreaReference.resolve("България").code == "BG")
        #expect(throws: AggregationError.self) { try AreaReference.resolve("Бяла") }
        #expect {
            try AreaReference.resolve("Казанлъкк")
        } throws: { error in
            "\(error)".contains("Казанлък (SZR12)")
        }
    }

    @Test("the JSON form carries the same lineage")
    func json() throws {
        let (sample, explainer) = try explainer()
        let explanation = try withExtendedLifetime(sample) {
            try explainer.explain(area: "SZR31", kind: .residentialCare)
        }
        let data = try JSONEncoder().encode(explanation)
        let decoded = try JSONDecoder().decode(Explanation.self, from: data)
        #expect(decoded == explanation)
    }
}
