import Testing

@testable import KartaModel

@Suite("Reference registry")
struct ReferenceRegistryTests {
    let registry = ReferenceRegistry.bulgaria

    @Test("holds exactly 28 districts and 265 municipalities")
    func counts() {
        #expect(registry.districts.count == 28)
        #expect(registry.municipalities.count == 265)
        #expect(Set(registry.municipalities.map(\.code)).count == 265)
        // EKATTE names the administrative centre; three centres seat two or three municipalities.
        #expect(Set(registry.municipalities.map(\.ekatte)).count == 261)
    }

    @Test("an EKATTE shared by several municipalities is ambiguous, never guessed")
    func sharedEKATTE() {
        guard case .ambiguous(let candidates) = registry.resolveMunicipality("56784") else {
            Issue.record("expected ambiguous")
            return
        }
        #expect(candidates.map(\.code) == ["PDV17", "PDV22", "PDV26"])
    }

    @Test("district populations sum to the national census figure, 6,519,789")
    func populationSums() {
        #expect(registry.districts.map(\.population).reduce(0, +) == 6_519_789)
        #expect(registry.nationalPopulation == 6_519_789)
        for district in registry.districts {
            let sum = registry.municipalities(inDistrict: district.code).map(\.population).reduce(0, +)
            #expect(sum == district.population, "municipalities of \(district.code) sum to \(sum)")
        }
    }

    @Test("every municipality's district exists and its code starts with the district code")
    func municipalitiesBelongToDistricts() {
        for municipality in registry.municipalities {
            #expect(registry.district(code: municipality.districtCode) != nil)
            #expect(municipality.code.hasPrefix(municipality.districtCode))
        }
    }

    @Test(
        "resolves municipalities written the ways exports write them",
        arguments: [
            ("SZR31", "SZR31"), ("szr31", "SZR31"), ("68134", "SOF46"), ("Стара Загора", "SZR31"),
            ("СТАРА ЗАГОРА", "SZR31"), ("Община Стара Загора", "SZR31"), ("общ. Стара-Загора", "SZR31"),
            ("Stara Zagora", "SZR31"), ("Municipality of Stara Zagora", "SZR31"),
            ("stara zagora municipality", "SZR31"), ("  Столична  ", "SOF46"), ("Targovishte", "TGV35"),
            ("Сърница", "PAZ39"), ("Byala Slatina", "VRC08"), ("Бяла Слатина", "VRC08"),
        ])
    func resolvesNames(written: String, code: String) {
        #expect(registry.resolveMunicipality(written).unit?.code == code)
    }

    @Test("Бяла is ambiguous without a district and resolves with one")
    func ambiguity() {
        guard case .ambiguous(let candidates) = registry.resolveMunicipality("Бяла") else {
            Issue.record("expected ambiguous")
            return
        }
        #expect(candidates.map(\.code) == ["RSE04", "VAR05"])
        #expect(registry.resolveMunicipality("Бяла", districtHint: "Русе").unit?.code == "RSE04")
        #expect(registry.resolveMunicipality("Byala", districtHint: "VAR").unit?.code == "VAR05")
        #expect(
            registry.resolveMunicipality("община Бяла", districtHint: "област Варна").unit?.code == "VAR05")
    }

    @Test("an unknown name is not found and suggests the nearest names")
    func notFound() {
        guard case .notFound(let suggestions) = registry.resolveMunicipality("Стара Загор") else {
            Issue.record("expected notFound")
            return
        }
        #expect(suggestions.first?.code == "SZR31")
        guard case .notFound(let none) = registry.resolveMunicipality("Атлантида Гранде") else {
            Issue.record("expected notFound")
            return
        }
        #expect(none.isEmpty)
    }

    @Test("resolves districts by code, NUTS 3 and name, with prefixes; Sofia city and Sofia district differ")
    func districts() {
        #expect(registry.resolveDistrict("SZR").unit?.code == "SZR")
        #expect(registry.resolveDistrict("BG344").unit?.code == "SZR")
        #expect(registry.resolveDistrict("област Стара Загора").unit?.code == "SZR")
        #expect(registry.resolveDistrict("София (столица)").unit?.code == "SOF")
        #expect(registry.resolveDistrict("София-град").unit?.code == "SOF")
        #expect(registry.resolveDistrict("Sofia").unit?.code == "SFO")
        #expect(registry.resolveDistrict("Област София").unit?.code == "SFO")
    }
}

@Suite("Municipality aliases and name variants")
struct MunicipalityAliasTests {
    let registry = ReferenceRegistry.bulgaria

    @Test(
        "Sofia's names, renamed municipalities, prefixes and look-alike letters resolve",
        arguments: [
            ("София", "SOF46"), ("гр. София", "SOF46"), ("София-град", "SOF46"), ("Столична община", "SOF46"),
            ("Община гр. София", "SOF46"), ("Sofia", "SOF46"), ("Добричка", "DOB15"), ("Община Добричка", "DOB15"),
            ("град Казанлък", "SZR12"), ("с. Николаево", "SZR38"), ("община Чирпан", "SZR36"),
            ("Cтара Загора", "SZR31"),  // Latin C
        ])
    func resolves(written: String, code: String) {
        #expect(registry.resolveMunicipality(written).unit?.code == code, "\(written)")
    }

    @Test("every alias has a source and names a known municipality")
    func aliasesHaveSources() {
        #expect(registry.aliases.count >= 7)
        for alias in registry.aliases {
            #expect(!alias.source.isEmpty)
            #expect(registry.municipality(code: alias.code) != nil)
        }
    }

    @Test("an alias appears among the suggestions for a misspelling")
    func aliasSuggestions() {
        guard case .notFound(let suggestions) = registry.resolveMunicipality("Добрчка") else {
            Issue.record("expected notFound")
            return
        }
        #expect(suggestions.first?.code == "DOB15")
    }
}
