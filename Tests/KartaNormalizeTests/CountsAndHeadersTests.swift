import KartaModel
import Testing

@testable import KartaNormalize

@Suite("Counts and header binding")
struct CountsAndHeadersTests {
    @Test(
        "thousands separators make whole counts",
        arguments: [
            ("1,200", 1200), ("1.200", 1200), ("1 250", 1250), ("1\u{A0}250", 1250), ("1\u{202F}250", 1250),
            ("1.200.000", 1_200_000), ("1,200,000", 1_200_000), ("12", 12), ("12,0", 12), ("1.200,00", 1200),
            ("-25", -25), ("0", 0),
        ])
    func wholeCounts(text: String, expected: Int) {
        #expect(BulgarianNumber.count(text) == .whole(expected))
    }

    @Test("a fractional count is a fraction, never rounded", arguments: ["12,5", "12.5", "1 250,5", "0,500", "1,2"])
    func fractions(text: String) {
        #expect(BulgarianNumber.count(text) == .fraction)
    }

    @Test("text is not a count", arguments: ["", "двадесет", "12 места", "1..2", "н/д"])
    func notCounts(text: String) {
        #expect(BulgarianNumber.count(text) == .notANumber)
    }

    func binding(_ header: [String]) throws -> [CanonicalField: String] {
        ColumnBinding.candidate(header: header, format: .csv, mapping: try ColumnMapping.standard()).bindings
    }

    @Test("qualifiers, trailing words, word order, articles and look-alike letters bind")
    func headerVariants() throws {
        #expect(try binding(["Капацитет (брой места)"])[.capacity] != nil)
        #expect(try binding(["Capacity (places)"])[.capacity] != nil)
        #expect(try binding(["Капацитет на услугата"])[.capacity] != nil)
        #expect(try binding(["Места, брой"])[.capacity] != nil)
        #expect(try binding(["Брой на местата"])[.capacity] != nil)
        #expect(try binding(["КАПАЦИТЕТ"])[.capacity] != nil)
        #expect(try binding(["Kапацитет"])[.capacity] != nil)  // Latin K
        #expect(try binding(["Наименование на общината"])[.municipality] != nil)
        #expect(try binding(["Name of municipality"])[.municipality] != nil)
    }

    @Test("each header goes to the field it names best, never to two fields")
    func bestField() throws {
        let bound = try binding([
            "Потребители (целева група)", "Брой заети места", "Капацитет", "Вид на социалната услуга",
            "Service provider", "Дата на откриване",
        ])
        #expect(bound[.targetGroup] == "Потребители (целева група)")
        #expect(bound[.users] == "Брой заети места")
        #expect(bound[.capacity] == "Капацитет")
        #expect(bound[.serviceKind] == "Вид на социалната услуга")
        #expect(bound[.provider] == "Service provider")
        #expect(bound[.reportingDate] == nil, "an opening date is not the reporting date")
        #expect(bound[.serviceName] == nil)
    }

    @Test("a register needs a capacity column; a proposal any of its three count columns")
    func requiredPerKind() throws {
        let mapping = try ColumnMapping.standard()
        let header = ["Община", "Вид на услугата", "Брой потребители"]
        #expect(throws: MissingColumnsError.self) {
            try ColumnBinding.bind(header: header, format: .csv, mapping: mapping, path: "r.csv", kind: .municipalRegister)
        }
        #expect(throws: Never.self) {
            try ColumnBinding.bind(header: header, format: .csv, mapping: mapping, path: "p.csv", kind: .proposal)
        }
    }
}
