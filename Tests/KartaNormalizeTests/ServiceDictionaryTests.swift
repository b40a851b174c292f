import Foundation
import KartaModel
import Testing

@testable import KartaNormalize

@Suite("Service dictionary")
struct ServiceDictionaryTests {
    let dictionary: ServiceDictionary

    init() throws { dictionary = try ServiceDictionary.standard() }

    func classify(_ kind: String?, _ name: String? = nil, target: String? = nil) -> ServiceClassification {
        dictionary.classify(kindText: kind, nameText: name, targetText: target)
    }

    @Test("pre-2020 facility names map to kinds and target groups by name cues")
    func facilityNames() {
        #expect(
            classify("Център за настаняване от семеен тип за деца без увреждания")
                == .service(kinds: [.residentialCare], targetGroup: .children, planningLevel: .district))
        #expect(
            classify("ЦНСТ за деца и младежи с увреждания")
                == .service(
                    kinds: [.residentialCare], targetGroup: .childrenWithDisabilities,
                    planningLevel: .district))
        #expect(
            classify("Дневен център за пълнолетни лица с увреждания")
                == .service(
                    kinds: [.dayCare], targetGroup: .adultsWithDisabilities, planningLevel: .municipal))
        #expect(
            classify("Дом за стари хора")
                == .service(kinds: [.residentialCare], targetGroup: .elderly, planningLevel: .district))
    }

    @Test("ЦОП has two kinds, the first primary")
    func twoKinds() {
        guard case .service(let kinds, _, _) = classify("ЦОП") else {
            Issue.record("ЦОП not classified")
            return
        }
        #expect(kinds == [.informationAndConsultation, .therapyAndRehabilitation])
    }

    @Test("budget-activity codes are stripped")
    func budgetPrefix() {
        #expect(
            classify("4002. Асистентска подкрепа")
                == .service(kinds: [.assistantSupport], targetGroup: .unspecified, planningLevel: .municipal))
    }

    @Test("the kind column is read first, the name is the fallback")
    func fallback() {
        guard case .service(let kinds, _, _) = classify("Социална услуга", "ЦСРИ „Надежда\"") else {
            Issue.record("fallback to the name failed")
            return
        }
        #expect(kinds == [.therapyAndRehabilitation])
        guard case .service(let first, _, _) = classify("Кризисен център", "Дневен център") else {
            Issue.record("kind column not used")
            return
        }
        #expect(first == [.shelter])
    }

    @Test("a target-group column wins over name cues")
    func targetColumn() {
        guard case .service(_, let group, _) = classify("Дневен център за деца", target: "стари хора") else {
            Issue.record("not classified")
            return
        }
        #expect(group == .elderly)
    }

    @Test(
        "things that are not social services under ЗСУ are unknown, with a note",
        arguments: [
            "Лична помощ", "Клуб на пенсионера", "Обществена трапезария", "ДМСГД",
            "Дом за медико-социални грижи за деца",
        ])
    func nonServices(name: String) {
        guard case .unknown(let note) = classify(name) else {
            Issue.record("\(name) classified as a service")
            return
        }
        #expect(note != nil)
    }

    @Test("an unknown name is unknown without a note")
    func unknownName() {
        #expect(classify("Боулинг клуб") == .unknown(note: nil))
    }

    @Test("the embedded dictionary and mapping are the files in mappings/")
    func embeddedCopiesAreCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let services = try String(
            contentsOf: root.appendingPathComponent("mappings/services.yml"), encoding: .utf8)
        let mapping = try String(
            contentsOf: root.appendingPathComponent("mappings/default.yml"), encoding: .utf8)
        #expect(services == EmbeddedMappings.serviceDictionary, "run scripts/gen-mappings.py")
        #expect(mapping == EmbeddedMappings.defaultMapping, "run scripts/gen-mappings.py")
    }

    @Test("patterns and texts meet on one transliteration: a word-final „ия\" and Latin look-alikes")
    func oneTransliteration() {
        let written = classify("Център за социална рехабилитация и интеграция", target: "пълнолетни лица с увреждания")
        guard case .service(let kinds, _, _) = written else {
            Issue.record("ЦСРИ not classified: \(written)")
            return
        }
        #expect(kinds == [.therapyAndRehabilitation])
        // The official transliteration of the name („ия" → „ia") finds the same pattern.
        #expect(
            classify("Tsentar za sotsialna rehabilitatsia i integratsia", target: "пълнолетни лица с увреждания")
                == written)
        // A Cyrillic word typed with Latin look-alikes (e, o, p, c) finds it too.
        #expect(
            classify("Цeнтър зa coциaлнa рeхaбилитaция и интeгрaция", target: "пълнолетни лица с увреждания")
                == written)
        #expect(classify("Terapia i rehabilitatsia") == classify("Терапия и рехабилитация"))
        #expect(classify("Terapia i rehabilitatsia") != .unknown(note: nil))
    }

    @Test("a dictionary naming an unknown kind is refused with the file and the kind")
    func badDictionary() {
        #expect(throws: MappingFileError.self) {
            try ServiceDictionary(yaml: "services:\n  - patterns: [X]\n    kinds: [танци]\n", origin: "x.yml")
        }
    }
}
