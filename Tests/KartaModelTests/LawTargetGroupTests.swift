import Foundation
import Testing

@testable import KartaModel

@Suite("Target groups of ЗСУ Art. 14(2)")
struct LawTargetGroupTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("mappings/target-groups.yml")

    @Test("the compiled list is mappings/target-groups.yml (run scripts/gen-target-groups.py after editing it)")
    func compiledFromTheFile() throws {
        let text = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(text == LawTargetGroupTable.yaml, "run scripts/gen-target-groups.py")
        for group in LawTargetGroup.all {
            #expect(text.contains("  - code: \(group.code)\n    article: \"\(group.article)\"\n    name: \(group.nameBG)\n"))
        }
        for (karta, law) in LawTargetGroup.kartaGroups { #expect(text.contains("\n  \(karta): \(law)\n")) }
        #expect(text.components(separatedBy: "\n  - code: ").count - 1 == LawTargetGroup.all.count)
    }

    @Test("seven groups in the Act's order, т. 1 to т. 7")
    func sevenGroups() {
        #expect(LawTargetGroup.all.map(\.article) == (1...7).map { "т. \($0)" })
        #expect(Set(LawTargetGroup.all.map(\.code)).count == 7)
    }

    @Test("every karta group maps onto one group of the Act, except everyone and unspecified")
    func everyKartaGroupHasALawGroup() {
        for group in TargetGroup.catalogue where group != .everyone && group != .unspecified {
            #expect(group.lawGroup != nil, "\(group.code)")
        }
        #expect(TargetGroup.everyone.lawGroup == nil)
        #expect(TargetGroup.unspecified.lawGroup == nil)
        #expect(TargetGroup.elderly.lawGroup?.code == "older_people")
        #expect(TargetGroup.violenceVictims.lawGroup?.article == "т. 5")
        // every law group has at least one karta group under it
        for law in LawTargetGroup.all { #expect(!law.kartaGroups.isEmpty, "\(law.code)") }
    }

    @Test("the Act's wording names karta's one group under it; a group with several names none")
    func namedByTheAct() {
        #expect(TargetGroup.named("всички деца") == .children)
        #expect(TargetGroup.named("Лица, които полагат грижи за пълнолетни лица") == .carersOfAdults)
        #expect(TargetGroup.named("older_people") == .elderly)
        #expect(TargetGroup.named("деца и пълнолетни лица с увреждания") == nil)
        #expect(TargetGroup.named("всички") == .everyone)
    }
}
