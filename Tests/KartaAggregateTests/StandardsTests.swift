import Foundation
import KartaModel
import Testing

@testable import KartaAggregate

@Suite("Financing standards and target-group indicators")
struct StandardsTests {
    static let yaml = """
        version: "test-2026"
        status: example
        statement: "Примерни стойности."
        legal_reference: "РМС (пример)"
        modes:
          - code: day
            name: дневна
            kinds: [day_care]
          - code: hourly
            name: почасова
            kinds: [assistant_support]
        standards:
          - kind: day_care
            target_group: elderly
            mode: day
            bgn_per_user_year: 6100
          - kind: assistant_support
            mode: hourly
            bgn_per_user_year: 5400.50
        """

    static func error(_ yaml: String) -> DataFileError? {
        do {
            _ = try StandardsLoader.parse(yaml, path: "s.yml")
            return nil
        } catch {
            return error
        }
    }

    @Test("the cost of N users: users × the standard of kind, group and the kind's mode")
    func costAPI() throws {
        let standards = try StandardsLoader.parse(Self.yaml, path: "s.yml")
        let day = standards.cost(users: 25, kind: .dayCare, targetGroupCode: "elderly")
        #expect(day.status == .known)
        #expect(day.mode == "day")
        #expect(day.standardBGN == 6100)
        #expect(day.costBGN == 152_500)
        // An entry without a target group applies to every group of its kind; stotinki are kept.
        let assistant = standards.cost(users: 3, kind: .assistantSupport, targetGroupCode: "adults_disabilities")
        #expect(assistant.costBGN == 16_201.5)
        // A group with no standard of its own and no entry for every group: unknown, never 0.
        let unknown = standards.cost(users: 12, kind: .dayCare, targetGroupCode: "children_disabilities")
        #expect(unknown.status == .unknownStandard)
        #expect(unknown.costBGN == nil)
        #expect(unknown.mode == "day")
        // A kind in no mode, and a mode asked for explicitly that has no standard.
        #expect(standards.cost(users: 1, kind: .shelter, targetGroupCode: "in_crisis").costBGN == nil)
        #expect(standards.cost(users: 1, kind: .dayCare, targetGroupCode: "elderly", mode: "hourly").costBGN == nil)
    }

    @Test("standards files with errors are refused with their file and line")
    func loaderErrors() {
        let unknownMode = Self.error(Self.yaml.replacingOccurrences(of: "mode: hourly\n", with: "mode: weekly\n"))
        #expect(unknownMode?.line == 18)
        #expect(unknownMode?.message.contains("unknown mode 'weekly'") == true)
        #expect(unknownMode?.description.hasPrefix("s.yml:18:") == true)
        let twoModes = Self.error(
            Self.yaml.replacingOccurrences(of: "kinds: [assistant_support]", with: "kinds: [assistant_support, day_care]"))
        #expect(twoModes?.message.contains("already in mode 'day'") == true)
        #expect(twoModes?.line == 11)
        let repeated = Self.error(
            Self.yaml.replacingOccurrences(of: "kind: assistant_support\n    mode: hourly", with: "kind: day_care\n    target_group: elderly\n    mode: day"))
        #expect(repeated?.message.contains("first is on line 13") == true)
        let status = Self.error(Self.yaml.replacingOccurrences(of: "status: example", with: "status: draft"))
        #expect(status?.line == 2)
        let zero = Self.error(Self.yaml.replacingOccurrences(of: "6100", with: "0"))
        #expect(zero?.message.contains("more than 0") == true)
        let negative = Self.error(Self.yaml.replacingOccurrences(of: "6100", with: "-5"))
        #expect(negative?.line == 16)
        let noStatement = Self.error(Self.yaml.replacingOccurrences(of: "statement: \"Примерни стойности.\"\n", with: ""))
        #expect(noStatement?.message.contains("missing 'statement'") == true)
        let broken = Self.error("version: [1\n")
        #expect(broken?.line != nil)
        #expect(broken?.description.hasPrefix("s.yml:") == true)
    }

    @Test("the shipped example files load and say they hold examples")
    func exampleFiles() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let standards = try StandardsLoader.load(path: root.appendingPathComponent("mappings/standards.example.yml").path)
        #expect(standards.status == .example)
        #expect(standards.statement.contains("примерни"))
        #expect(Set(standards.modes.map(\.name)).isSuperset(of: ["резидентна", "дневна", "почасова", "мобилна"]))
        let indicators = try IndicatorsLoader.load(
            path: root.appendingPathComponent("mappings/indicators.example.yml").path)
        #expect(indicators.status == .example)
        #expect(indicators.statement.contains("примерни"))
        #expect(indicators.officialSource.contains("НСИ"))
        #expect(indicators.population(of: "elderly", municipality: "SZR31") == 40200)
    }

    @Test("indicator files with errors are refused with their line")
    func indicatorErrors() {
        let base = """
            version: "t"
            status: example
            statement: "Примерни."
            official_source: "НСИ, таблица X, 2021"
            unit: души
            populations:
              SZR31:
                elderly: 40200
            """
        func error(_ yaml: String) -> DataFileError? {
            do {
                _ = try IndicatorsLoader.parse(yaml, path: "i.yml")
                return nil
            } catch {
                return error
            }
        }
        #expect(error(base) == nil)
        let unknown = error(base.replacingOccurrences(of: "SZR31", with: "XYZ99"))
        #expect(unknown?.line == 7)
        #expect(unknown?.message.contains("XYZ99") == true)
        let tooMany = error(base.replacingOccurrences(of: "40200", with: "200000"))
        #expect(tooMany?.line == 8)
        #expect(tooMany?.message.contains("144213") == true)
        let noSource = error(base.replacingOccurrences(of: "official_source: \"НСИ, таблица X, 2021\"\n", with: ""))
        #expect(noSource?.message.contains("official_source") == true)
    }

    @Test("a municipality's indicator replaces the national share; a district sums both sources")
    func indicatorReplacesShare() throws {
        let criteria = PlanningCriteria(
            version: "t", status: "t", legalReference: "t",
            targetGroupPopulation: .shares(["elderly": 0.25], source: "НСИ, дялове (пример)"), rules: [],
            minimumPackages: [], sourcePath: "mappings/criteria.yml")
        let indicators = TargetGroupIndicators(
            version: "i", status: .example, statement: "Примерни.", officialSource: "НСИ, таблица X, 2021",
            unit: "души", populations: ["SZR31": ["elderly": 40200]], sourcePath: "mappings/indicators.yml")
        let resolver = CriterionIndicators(criteria: criteria, indicators: indicators, registry: .bulgaria)
        let rule = CriterionRule(
            kind: .assistantSupport, targetGroupCode: "elderly", level: .municipality, type: .perThousandTargetGroup,
            value: 10, tolerance: 0, legalReference: "x", indicatorSource: "y")
        let own = resolver.applied(
            rule: rule, group: .elderly, areaCode: "SZR31", level: .municipality, population: 144_213)
        #expect(own.targetGroupPopulation == 40200)
        #expect(own.value == 402)
        #expect(own.indicator?.sources == [IndicatorSource(file: "mappings/indicators.yml", officialSource: "НСИ, таблица X, 2021")])
        let shared = resolver.applied(
            rule: rule, group: .elderly, areaCode: "SZR36", level: .municipality, population: 18_137)
        #expect(shared.targetGroupPopulation == 4534)  // 18 137 × 0.25, rounded
        #expect(shared.indicator?.sources.first?.file == "mappings/criteria.yml")
        // The district: SZR31 from the file, the other ten municipalities from the share.
        let district = resolver.groupPopulation(of: .elderly, areaCode: "SZR", level: .district, population: 0)
        let others = ReferenceRegistry.bulgaria.municipalities(inDistrict: "SZR").filter { $0.code != "SZR31" }
            .map { Int((Double($0.population) * 0.25).rounded(.toNearestOrAwayFromZero)) }.reduce(0, +)
        #expect(district.value == 40200 + others)
        #expect(district.sources.count == 2)
        // Without the file, the share of the municipality's population.
        let plain = CriterionIndicators(criteria: criteria, indicators: nil, registry: .bulgaria)
        #expect(
            plain.groupPopulation(of: .elderly, areaCode: "SZR31", level: .municipality, population: 144_213).value
                == 36053)
    }

}
