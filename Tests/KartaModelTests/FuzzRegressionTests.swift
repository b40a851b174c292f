import Testing

@testable import KartaModel

/// Inputs the normalizer fuzzer found (fuzz/crashers/normalizer/): a municipality cell of tens of
/// thousands of letters took seconds (it measured its edit distance to all 530 names of the
/// registry); a megabyte cell would have taken minutes.
@Suite("Fuzz regressions: reference registry")
struct ReferenceFuzzRegressionTests {
    let registry = ReferenceRegistry.bulgaria

    @Test("a 1,000,000-letter municipality or district is not found and suggests nothing")
    func hugeNameNotFound() {
        let huge = String(repeating: "а", count: 1_000_000)
        guard case .notFound(let suggestions) = registry.resolveMunicipality(huge, districtHint: huge) else {
            Issue.record("expected notFound")
            return
        }
        #expect(suggestions.isEmpty)
        guard case .notFound(let none) = registry.resolveDistrict(huge) else {
            Issue.record("expected notFound")
            return
        }
        #expect(none.isEmpty)
    }

    @Test("near misses still get their suggestions")
    func nearMisses() {
        guard case .notFound(let suggestions) = registry.resolveMunicipality("Казанлъкх") else {
            Issue.record("expected notFound")
            return
        }
        #expect(suggestions.first?.code == "SZR12")
        guard case .notFound(let districts) = registry.resolveDistrict("Стара Загор") else {
            Issue.record("expected notFound")
            return
        }
        #expect(districts.first?.code == "SZR")
    }
}
