import Testing

@testable import KartaModel

/// `NameKey` is the one transliteration: every name karta compares is folded by it.
@Suite("Name keys: one transliteration for areas, headers and services")
struct NameKeyTests {
    @Test("a word-final „ия\" is „ia\" (streamlined system), elsewhere „я\" is „ya\"")
    func finalIya() {
        #expect(NameKey.fold("София") == "sofia")
        #expect(NameKey.fold("България") == "balgaria")
        #expect(NameKey.fold("Терапия и рехабилитация") == "terapia i rehabilitatsia")
        #expect(NameKey.fold("ТЕРАПИЯ, РЕХАБИЛИТАЦИЯ.") == "terapia rehabilitatsia")
        #expect(NameKey.fold("Софията") == "sofiyata")
        #expect(NameKey.fold("Ямбол") == "yambol")
        #expect(NameKey.fold("Кия") == "kia")
    }

    @Test("case, spacing, punctuation and typographic dashes and quotes fold away")
    func spacingAndPunctuation() {
        #expect(NameKey.fold("Община  СТАРА-Загора") == "obshtina stara zagora")
        #expect(NameKey.fold("  „Стара Загора“ — ") == "stara zagora")
        #expect(NameKey.fold("Stara\u{00A0}Zagora") == "stara zagora")
        #expect(NameKey.fold("4002. Асистентска подкрепа") == "4002 asistentska podkrepa")
        #expect(NameKey.fold("Добрич-селска") == "dobrich selska")
    }

    @Test("Latin look-alikes inside a Cyrillic word are read as Cyrillic")
    func homoglyphs() {
        #expect(NameKey.fold("Cофия") == "sofia")  // Latin C
        #expect(NameKey.fold("Капацитeт") == NameKey.fold("Капацитет"))  // Latin e
        #expect(NameKey.fold("Sofia") == "sofia")  // a Latin word stays Latin
    }

    @Test("municipalities' Bulgarian and English names give one key, „ия\" names included")
    func municipalityNames() {
        let registry = ReferenceRegistry.bulgaria
        for (bulgarian, english) in [
            ("Провадия", "Provadia"), ("Мизия", "Mizia"), ("Долна Митрополия", "Dolna Mitropolia"),
            ("Стара Загора", "Stara Zagora"), ("Айтос", "Aytos"),
        ] {
            #expect(NameKey.fold(bulgarian) == NameKey.fold(english), "\(bulgarian)")
            guard case .found(let byBulgarian) = registry.resolveMunicipality(bulgarian),
                case .found(let byEnglish) = registry.resolveMunicipality(english)
            else {
                Issue.record("\(bulgarian) / \(english) not found")
                continue
            }
            #expect(byBulgarian.code == byEnglish.code)
        }
        let differing = registry.municipalities.filter { NameKey.fold($0.nameBG) != NameKey.fold($0.nameEN) }
        #expect(differing.map(\.nameEN) == [], "official English names are the transliteration")
    }

    @Test("service kinds are found by their name in either alphabet, „ия\" included")
    func serviceKinds() {
        #expect(ServiceKind(named: "Терапия и рехабилитация") == .therapyAndRehabilitation)
        #expect(ServiceKind(named: "terapia i rehabilitatsia") == .therapyAndRehabilitation)
        #expect(ServiceKind(named: "ТЕРАПИЯ  И  РЕХАБИЛИТАЦИЯ") == .therapyAndRehabilitation)
        for kind in ServiceKind.allCases {
            #expect(ServiceKind(named: kind.rawValue.uppercased()) == kind)
        }
    }
}
