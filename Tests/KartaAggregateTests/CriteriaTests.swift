import Foundation
import KartaModel
import Testing

@testable import KartaAggregate

@Suite("Planning criteria")
struct CriteriaTests {
    /// Rules chosen so that the sample store shows every status.
    static let yaml = """
        version: "test-1"
        status: "test values"
        legal_reference: "НПСУ, ПМС № 133/2021"
        target_group_population:
          source: "test shares"
          shares:
            in_crisis: 0.01
        rules:
          - kind: residential_care
            target_group: elderly
            level: municipality
            rule: per_1000_population
            value: 0.4
            tolerance: 0.1
            legal_reference: "чл. A"
            indicator_source: "НСИ"
          - kind: информиране и консултиране
            target_group: families
            level: municipality
            rule: fixed_minimum
            value: 40
            legal_reference: "чл. B"
            indicator_source: "общински анализ"
          - kind: day_care
            target_group: elderly
            level: municipality
            rule: per_1000_population
            value: 0.1
            tolerance: 0.1
            legal_reference: "чл. C"
            indicator_source: "НСИ"
          - kind: shelter
            target_group: in_crisis
            level: district
            rule: per_1000_target_group
            value: 5
            tolerance: 0.1
            legal_reference: "чл. D"
            indicator_source: "НСИ"
        minimum_packages:
          municipality:
            - assistant_support
            - community_work
          district:
            - kind: shelter
              target_group: in_crisis
        """

    func draft() throws -> (SampleStore, MapDraft) {
        let sample = try SampleStore()
        let criteria = try CriteriaLoader.parse(Self.yaml, path: "test.yml")
        return (sample, try MapDraftBuilder(store: sample.builder.store, criteria: criteria).build())
    }

    func cell(
        _ draft: MapDraft, _ level: AreaLevel, _ area: String, _ kind: ServiceKind, _ group: TargetGroup
    )
        throws -> MapCell
    {
        try #require(
            draft.cells.first {
                $0.level == level && $0.areaCode == area && $0.kind == kind && $0.targetGroup == group
            })
    }

    @Test("within tolerance of the criterion: meets (SZR31 residential: 60 vs 0.4 × 144213 / 1000 = 57.69)")
    func meets() throws {
        let (_, draft) = try draft()
        let cell = try cell(draft, .municipality, "SZR31", .residentialCare, .elderly)
        #expect(cell.criterionValue == 57.69)
        #expect(cell.maximumUsers == 60)
        #expect(cell.status == .meets)
    }

    @Test("under a fixed minimum: below (SZR31 ЦОП 30 < 40)")
    func below() throws {
        let (_, draft) = try draft()
        let cell = try cell(draft, .municipality, "SZR31", .informationAndConsultation, .families)
        #expect(cell.criterionValue == 40)
        #expect(cell.status == .below)
    }

    @Test("a proposal over the criterion: above, flagged (SZR31 day care 25 vs 14.42)")
    func above() throws {
        let (_, draft) = try draft()
        let cell = try cell(draft, .municipality, "SZR31", .dayCare, .elderly)
        #expect(cell.criterionValue == 14.42)
        #expect(cell.status == .above)
        #expect(cell.flags == [.newService, .proposalExceedsCriterion])
    }

    @Test("per 1,000 of the target group uses its population share (JAM: 5 × 1097 / 1000 = 5.49)")
    func perTargetGroup() throws {
        let (_, draft) = try draft()
        let cell = try cell(draft, .district, "JAM", .shelter, .peopleInCrisis)
        #expect(cell.criterionValue == 5.49)
        #expect(cell.status == .above)
        #expect(cell.placesPerThousandTargetGroup == 9.12)  // 10 × 1000 / 1097
        let szr = try self.cell(draft, .district, "SZR", .shelter, .peopleInCrisis)
        #expect(szr.status == .missingFromMinimumPackage)  // SZR has no crisis shelter
        #expect(szr.capacity == 0)
    }

    @Test("a kind of the minimum package the area lacks: missing_minimum_package")
    func missingPackage() throws {
        let (_, draft) = try draft()
        let community = try cell(draft, .municipality, "SZR31", .communityWork, .unspecified)
        #expect(community.status == .missingFromMinimumPackage)
        #expect(community.services == 0)
        #expect(
            !draft.cells.contains {
                $0.areaCode == "SZR31" && $0.kind == .assistantSupport
                    && $0.status == .missingFromMinimumPackage
            })
        let opan = draft.cells.filter { $0.areaCode == "SZR23" && $0.status == .missingFromMinimumPackage }
        #expect(opan.map(\.kind) == [.communityWork, .assistantSupport])
    }

    @Test("no rule for the kind and group: no_criterion")
    func noCriterion() throws {
        let (_, draft) = try draft()
        let cell = try cell(draft, .municipality, "SZR31", .assistantSupport, .elderly)
        #expect(cell.status == .noCriterion)
        #expect(cell.criterionValue == nil)
        #expect(draft.cells(at: .national).allSatisfy { $0.status == .noCriterion })
    }

    @Test("a rule with no service behind it gives a zero cell below the criterion")
    func ruleWithoutService() throws {
        let (_, draft) = try draft()
        let cell = try cell(draft, .municipality, "JAM26", .residentialCare, .elderly)
        #expect(cell.services == 0)
        #expect(cell.status == .below)
    }

    @Test("the draft carries the criteria version and status")
    func versionInOutput() throws {
        let (_, draft) = try draft()
        #expect(draft.metadata.criteriaVersion == "test-1")
        #expect(draft.metadata.criteriaStatus == "test values")
    }

    @Test("the example file in mappings/ loads and says it is an example")
    func exampleFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let criteria = try CriteriaLoader.load(
            path: root.appendingPathComponent("mappings/criteria.example.yml").path)
        #expect(criteria.status.contains("НЕ са нормите на Наредбата"))
        #expect(criteria.legalReference.contains("133"))
        #expect(!criteria.rules.isEmpty)
        #expect(criteria.minimumPackage(at: .municipality).contains { $0.kind == .assistantSupport })
    }

    @Test("an unknown rule type is refused with its line")
    func unknownRule() {
        let yaml = Self.yaml.replacingOccurrences(of: "rule: fixed_minimum", with: "rule: per_household")
        #expect {
            try CriteriaLoader.parse(yaml, path: "bad.yml")
        } throws: { error in
            let error = error as? CriteriaFileError
            return error?.line == 20 && error?.message.contains("per_household") == true
        }
    }

    @Test("broken YAML is refused with its line")
    func brokenYAML() {
        let yaml = "version: \"1\"\nstatus: [unclosed\nrules: []\n"
        #expect {
            try CriteriaLoader.parse(yaml, path: "bad.yml")
        } throws: { error in
            let error = error as? CriteriaFileError
            return error?.line != nil && error?.description.hasPrefix("bad.yml:") == true
        }
    }

    @Test("a repeated rule, an unknown kind and a misspelt key are refused")
    func otherErrors() {
        let repeated = Self.yaml.replacingOccurrences(of: "kind: day_care", with: "kind: residential_care")
        #expect {
            try CriteriaLoader.parse(repeated, path: "x.yml")
        } throws: { error in
            (error as? CriteriaFileError)?.message.contains("first is on line 9") == true
        }
        #expect(throws: CriteriaFileError.self) {
            try CriteriaLoader.parse(
                Self.yaml.replacingOccurrences(of: "kind: day_care", with: "kind: spa"), path: "x.yml")
        }
        #expect(throws: CriteriaFileError.self) {
            try CriteriaLoader.parse(
                Self.yaml.replacingOccurrences(of: "tolerance: 0.1", with: "tolerence: 0.1"), path: "x.yml")
        }
    }
}
