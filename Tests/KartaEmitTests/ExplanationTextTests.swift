import KartaModel
import Testing

@testable import KartaAggregate
@testable import KartaEmit

@Suite("Lineage as text: what karta explain prints")
struct ExplanationTextTests {
    static let area = AreaReference(level: .municipality, code: "SZR31", name: "Стара Загора", population: 144213)

    static func record(_ id: Int64, line: Int, _ name: String, capacity: Int?, users: Int?) -> RecordLineage {
        RecordLineage(
            id: id, sourcePath: "registers/stara-zagora.csv", sourceSHA256: "ab", line: line, byteOffset: 0,
            serviceName: name, serviceID: nil, municipalityCode: "SZR31", sourceKind: "municipal-register",
            planningLevel: "municipal", financing: "state_delegated", capacity: capacity, users: users)
    }

    static func cell(cost: CellCost?, proposedUsers: Int?) -> MapCell {
        MapCell(
            level: .municipality, areaCode: "SZR31", kind: .residentialCare, targetGroup: .elderly, services: 2,
            capacity: 55, stateDelegatedCapacity: 55, users: 52, maximumUsers: 60, proposedUsers: proposedUsers,
            criterionValue: 57.69, status: .meets, flags: [], recordIDs: [7, 8], occupancy: 0.9455,
            placesPerThousandInhabitants: 0.38, cost: cost)
    }

    static func explanation(cost: CellCost?, proposedUsers: Int?) -> Explanation {
        let rule = CriterionRule(
            kind: .residentialCare, targetGroupCode: "elderly", level: .municipality, type: .perThousandPopulation,
            value: 0.4, tolerance: 0.1, legalReference: "чл. A", indicatorSource: "НСИ")
        let indicator = CriterionIndicator(
            name: "население на общината", value: 144213, unit: "души",
            sources: [IndicatorSource(file: "reference/municipalities.csv", officialSource: "НСИ, Преброяване 2021")])
        let node = ExplainedCell(
            label: "SZR31 Стара Загора", cell: cell(cost: cost, proposedUsers: proposedUsers),
            criterion: AppliedCriterion(rule: rule, population: 144213, targetGroupPopulation: nil, indicator: indicator),
            parts: [],
            records: [record(7, line: 5, "ЦНСТ за възрастни", capacity: 15, users: 14), record(8, line: 6, "Дом", capacity: 40, users: nil)],
            proposals: [])
        return Explanation(
            area: area, kind: .residentialCare, targetGroupCode: nil, criteriaVersion: "test-1",
            criteriaStatus: "test values", criteriaOrigin: "criteria.yml", sourcePolicy: .registers, cells: [node])
    }

    @Test("the area, the criteria, then each cell: figures, maximum users, criterion, indicator, cost, records")
    func municipalCell() {
        let cost = CellCost(mode: "residential", status: .known, standardBGN: 12345.5, costBGN: 740730)
        let text = Self.explanation(cost: cost, proposedUsers: 60).text
        #expect(
            text == """
                SZR31 Стара Загора (municipality, population 144213) — резидентна грижа
                criteria: test-1 (test values) — from criteria.yml
                sources counted: registers

                резидентна грижа / лица в надтрудоспособна възраст (elderly)
                  SZR31 Стара Загора: services 2, capacity 55 (state-delegated 55), users 52, occupancy 0.9455, 0.38 places per 1,000
                    maximum users 60 (proposal 60)
                    criterion per_1000_population: 0.4 × 144213 inhabitants / 1000 = 57.69 users (±10%) → meets [чл. A; indicator: НСИ]
                    indicator: население на общината = 144213 души — source: reference/municipalities.csv — НСИ, Преброяване 2021
                    cost: 60 users × 12345.5 BGN = 740730 BGN per year (mode residential)
                    record #7 registers/stara-zagora.csv:5 „ЦНСТ за възрастни" capacity 15, users 14, state_delegated, municipal-register
                    record #8 registers/stara-zagora.csv:6 „Дом" capacity 40, users —, state_delegated, municipal-register

                """)
    }

    @Test("an unknown cost says why and is not shown as 0; no proposal names the state-delegated capacity")
    func unknownCost() {
        let cost = CellCost(mode: nil, status: .unknownStandard, standardBGN: nil, costBGN: nil)
        let text = Self.explanation(cost: cost, proposedUsers: nil).text
        #expect(text.contains("    maximum users 60 (state-delegated capacity; no proposal)\n"))
        #expect(
            text.contains(
                "    cost: unknown — no standard for this kind, target group and mode "
                    + "(no mode of use for this kind); not counted as 0\n"))
    }

    @Test("amounts in BGN keep at most two decimals and drop trailing zeros")
    func amounts() {
        #expect(BGN.text(800) == "800")
        #expect(BGN.text(1234.5) == "1234.5")
        #expect(BGN.text(1234.05) == "1234.05")
        #expect(BGN.text(0.1 + 0.2) == "0.3")
    }
}
