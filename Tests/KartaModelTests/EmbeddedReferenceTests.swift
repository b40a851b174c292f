import Foundation
import Testing

@testable import KartaModel

@Suite("Embedded reference data")
struct EmbeddedReferenceTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private func file(_ name: String) throws -> Data {
        try Data(contentsOf: Self.root.appendingPathComponent("reference/\(name)"))
    }

    @Test("the embedded texts equal reference/*.csv byte for byte")
    func embeddedCopiesAreCurrent() throws {
        #expect(try file("districts.csv") == Data(EmbeddedReference.districts.utf8), "run scripts/gen-reference.py")
        #expect(
            try file("municipalities.csv") == Data(EmbeddedReference.municipalities.utf8),
            "run scripts/gen-reference.py")
        #expect(try file("national.csv") == Data(EmbeddedReference.national.utf8), "run scripts/gen-reference.py")
        #expect(
            try file("municipality-aliases.csv") == Data(EmbeddedReference.municipalityAliases.utf8),
            "run scripts/gen-reference.py")
    }

    @Test("the embedded files parse without error into the whole registry, aliases included")
    func embeddedParses() throws {
        let registry = try ReferenceRegistry.embedded()
        #expect(registry.districts.count == 28)
        #expect(registry.municipalities.count == 265)
        #expect(registry.nationalPopulation == 6_519_789)
        #expect(registry.populationDate == "2021-09-07")
        // A quoted field with a comma and doubled quotes, as libcsv unquotes it.
        let sofia = try #require(registry.aliases.first { $0.alias == "София-град" })
        #expect(sofia.code == "SOF46")
        #expect(sofia.source.contains("„София-град\", which is the one municipality"))
        #expect(registry.district(code: "SZR")?.nameBG == "Стара Загора")
        #expect(registry.municipality(code: "DOB15")?.nameEN == "Dobrich-selska")
    }

    private func rejects(
        _ sources: ReferenceRegistry.Sources, file: String, row: Int, containing text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            _ = try ReferenceRegistry.embedded(sources)
            Issue.record("malformed \(file) was accepted", sourceLocation: sourceLocation)
        } catch {
            #expect(error.file == file, sourceLocation: sourceLocation)
            #expect(error.row == row, sourceLocation: sourceLocation)
            #expect(error.reason.contains(text), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("a population that is not a whole number fails with the file and row")
    func badPopulation() {
        var sources = ReferenceRegistry.Sources()
        sources.districts = sources.districts.replacingOccurrences(of: "VID,BG311,Видин,Vidin,10971,75408", with: "VID,BG311,Видин,Vidin,10971,75 408")
        rejects(sources, file: "districts.csv", row: 2, containing: "population is not a whole number")
    }

    @Test("a row with a field too many, a missing column, an open quote each fail loudly")
    func malformedRows() {
        var sources = ReferenceRegistry.Sources()
        sources.national = "code,nuts0,name_bg,name_en,population,population_date\nBG,BG,България,Bulgaria,6519789,2021-09-07,x\n"
        rejects(sources, file: "national.csv", row: 2, containing: "7 fields where the header has 6")
        sources = ReferenceRegistry.Sources()
        sources.municipalityAliases = "alias,code\nСофия,SOF46\n"
        rejects(sources, file: "municipality-aliases.csv", row: 1, containing: "no column source")
        sources = ReferenceRegistry.Sources()
        sources.municipalityAliases = "alias,code,source\nСофия,SOF46,\"open quote\n"
        rejects(sources, file: "municipality-aliases.csv", row: 2, containing: "libcsv")
    }

    @Test("a repeated code, an unknown district, an alias of no municipality each fail loudly")
    func inconsistentRows() {
        var sources = ReferenceRegistry.Sources()
        sources.districts += "VID,BG399,Друг,Other,10971,1,2021-09-07\n"
        rejects(sources, file: "districts.csv", row: 30, containing: "code VID repeats row 2")
        sources = ReferenceRegistry.Sources()
        sources.municipalities = sources.municipalities.replacingOccurrences(of: "BGS01,00151,BGS,", with: "BGS01,00151,XXX,")
        rejects(sources, file: "municipalities.csv", row: 2, containing: "district_code XXX")
        sources = ReferenceRegistry.Sources()
        sources.municipalityAliases += "Никъде,ZZZ99,test\n"
        rejects(sources, file: "municipality-aliases.csv", row: 11, containing: "code ZZZ99")
        sources = ReferenceRegistry.Sources()
        sources.national += "BG,BG,България,Bulgaria,1,2021-09-07\n"
        rejects(sources, file: "national.csv", row: 0, containing: "2 data rows")
    }
}
