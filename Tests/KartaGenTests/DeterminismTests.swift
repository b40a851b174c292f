import Foundation
import Testing

@testable import KartaGen

@Suite("karta-gen is deterministic")
struct DeterminismTests {
    @Test("the same seed writes identical bytes in every file")
    func sameSeedSameBytes() throws {
        let first = try GeneratedDataset(seed: 42)
        let second = try GeneratedDataset(seed: 42)
        defer { first.remove(); second.remove() }
        #expect(first.expected == second.expected)
        for file in first.expected.files + [] {
            #expect(try first.bytes(file.path) == second.bytes(file.path), "\(file.path) differs")
        }
        #expect(try first.bytes("expected.json") == second.bytes("expected.json"))
    }

    @Test("another seed writes other services")
    func otherSeedOtherBytes() throws {
        let first = try GeneratedDataset(seed: 1)
        let second = try GeneratedDataset(seed: 2)
        defer { first.remove(); second.remove() }
        #expect(try first.bytes("asp-export.xml") != second.bytes("asp-export.xml"))
        #expect(
            first.expected.totals["municipal-register"]?.capacity
                != second.expected.totals["municipal-register"]?.capacity)
    }

    @Test("scale multiplies services in every municipality")
    func scaleIsLinear() {
        let one = DatasetPlan(seed: 1, scale: 1)
        let ten = DatasetPlan(seed: 1, scale: 10)
        #expect(one.serviceCounts.count == 265)
        #expect((4_000...5_200).contains(one.totalServices))
        #expect(ten.totalServices == one.totalServices * 10)
        #expect(one.serviceCounts.allSatisfy { $0 >= 4 })
    }

    @Test("single-file mode writes the same rows as the 265 municipal files")
    func singleFileHoldsTheSameRows() throws {
        let perMunicipality = try GeneratedDataset(seed: 5)
        let national = try GeneratedDataset(seed: 5, singleFile: true)
        defer { perMunicipality.remove(); national.remove() }
        let split = try #require(perMunicipality.expected.totals["municipal-register"])
        let whole = try #require(national.expected.totals["municipal-register"])
        #expect(whole.loaded == split.loaded)
        #expect(whole.rejectsByReason == split.rejectsByReason)
        #expect(whole.capacityByDistrict == split.capacityByDistrict)
        #expect(whole.nonData == 1)
        #expect(split.nonData == 265)
        let variants = national.expected.files.filter { $0.kind == "municipal-register" }
        #expect(variants.map(\.path) == ["national-register-cp1251.csv", "national-register-utf8.csv"])
        #expect(variants[0].rowsRead == variants[1].rowsRead)
    }
}
