import Testing

@testable import KartaAggregate

@Suite("Per-thousand figures")
struct PerThousandTests {
    @Test("rounds half away from zero to two decimals")
    func rounding() {
        #expect(PerThousand.ratio(1, population: 3) == 333.33)
        #expect(PerThousand.ratio(1, population: 8000) == 0.13)  // 0.125 → 0.13
        #expect(PerThousand.ratio(150, population: 136_781) == 1.10)
    }

    @Test("is absent without a population")
    func noPopulation() {
        #expect(PerThousand.ratio(5, population: nil) == nil)
        #expect(PerThousand.ratio(5, population: 0) == nil)
    }
}
