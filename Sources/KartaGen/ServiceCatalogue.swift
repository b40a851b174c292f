import KartaModel

/// One kind of service as municipalities write it in their registers, with what karta should
/// make of it and the sizes such services usually have.
struct ServiceType: Sendable {
    /// „Вид на услугата" as written (names from DOMAIN.md's table, sometimes abbreviated).
    let writtenKind: String
    /// The short form used at the start of a service's own name.
    let shortName: String
    /// The kinds karta classifies it as; the first is the primary kind.
    let kinds: [ServiceKind]
    let targetGroups: [TargetGroup]
    let capacity: ClosedRange<Int>
    /// Extra places per 10,000 inhabitants (assistant support grows with the municipality).
    let capacityPer10k: Int
    /// Probability that the service is state-delegated (the rest: local or project).
    let stateDelegated: Double
    /// Relative frequency among services.
    let weight: Int
}

/// The services the generator writes, and the words it writes them with.
enum ServiceCatalogue {
    static let types: [ServiceType] = [
        ServiceType(
            writtenKind: "Център за настаняване от семеен тип за деца без увреждания", shortName: "ЦНСТ",
            kinds: [.residentialCare], targetGroups: [.children], capacity: 8...15, capacityPer10k: 0,
            stateDelegated: 0.95, weight: 8),
        ServiceType(
            writtenKind: "ЦНСТ за деца и младежи с увреждания", shortName: "ЦНСТ",
            kinds: [.residentialCare], targetGroups: [.childrenWithDisabilities], capacity: 8...14,
            capacityPer10k: 0, stateDelegated: 0.95, weight: 7),
        ServiceType(
            writtenKind: "Център за настаняване от семеен тип за пълнолетни лица с увреждания",
            shortName: "ЦНСТПЛУ", kinds: [.residentialCare], targetGroups: [.adultsWithDisabilities],
            capacity: 10...15, capacityPer10k: 0, stateDelegated: 0.95, weight: 6),
        ServiceType(
            writtenKind: "Защитено жилище", shortName: "ЗЖ", kinds: [.residentialCare],
            targetGroups: [.adultsWithDisabilities], capacity: 6...10, capacityPer10k: 0,
            stateDelegated: 0.9, weight: 6),
        ServiceType(
            writtenKind: "Преходно жилище", shortName: "ПЖ", kinds: [.residentialCare],
            targetGroups: [.childrenAtRisk, .adultsWithDisabilities], capacity: 6...10,
            capacityPer10k: 0, stateDelegated: 0.8, weight: 2),
        ServiceType(
            writtenKind: "Наблюдавано жилище", shortName: "НЖ", kinds: [.residentialCare],
            targetGroups: [.childrenAtRisk], capacity: 4...8, capacityPer10k: 0, stateDelegated: 0.8,
            weight: 2),
        ServiceType(
            writtenKind: "Дом за стари хора", shortName: "ДСХ", kinds: [.residentialCare],
            targetGroups: [.elderly], capacity: 25...90, capacityPer10k: 0, stateDelegated: 0.85,
            weight: 5),
        ServiceType(
            writtenKind: "Дом за пълнолетни лица с умствена изостаналост", shortName: "ДПЛУИ",
            kinds: [.residentialCare], targetGroups: [.adultsWithDisabilities], capacity: 30...80,
            capacityPer10k: 0, stateDelegated: 1.0, weight: 2),
        ServiceType(
            writtenKind: "Дневен център за деца и младежи с увреждания", shortName: "ДЦДМУ",
            kinds: [.dayCare], targetGroups: [.childrenWithDisabilities], capacity: 15...40,
            capacityPer10k: 0, stateDelegated: 0.9, weight: 7),
        ServiceType(
            writtenKind: "Дневен център за пълнолетни лица с увреждания", shortName: "ДЦПЛУ",
            kinds: [.dayCare], targetGroups: [.adultsWithDisabilities], capacity: 15...40,
            capacityPer10k: 0, stateDelegated: 0.85, weight: 6),
        ServiceType(
            writtenKind: "Дневен център за стари хора", shortName: "ДЦСХ", kinds: [.dayCare],
            targetGroups: [.elderly], capacity: 20...50, capacityPer10k: 0, stateDelegated: 0.4,
            weight: 5),
        ServiceType(
            writtenKind: "Център за социална рехабилитация и интеграция", shortName: "ЦСРИ",
            kinds: [.therapyAndRehabilitation],
            targetGroups: [.childrenWithDisabilities, .adultsWithDisabilities], capacity: 20...60,
            capacityPer10k: 1, stateDelegated: 0.9, weight: 7),
        ServiceType(
            writtenKind: "ЦСРИ", shortName: "ЦСРИ", kinds: [.therapyAndRehabilitation],
            targetGroups: [.adultsWithDisabilities], capacity: 20...50, capacityPer10k: 1,
            stateDelegated: 0.9, weight: 3),
        ServiceType(
            writtenKind: "Център за обществена подкрепа", shortName: "ЦОП",
            kinds: [.informationAndConsultation, .therapyAndRehabilitation],
            targetGroups: [.children, .families, .childrenAtRisk], capacity: 30...80,
            capacityPer10k: 2, stateDelegated: 0.9, weight: 8),
        ServiceType(
            writtenKind: "ЦОП", shortName: "ЦОП",
            kinds: [.informationAndConsultation, .therapyAndRehabilitation],
            targetGroups: [.families], capacity: 30...60, capacityPer10k: 2, stateDelegated: 0.9,
            weight: 3),
        ServiceType(
            writtenKind: "Кризисен център", shortName: "КЦ", kinds: [.shelter],
            targetGroups: [.violenceVictims, .childrenAtRisk], capacity: 6...12, capacityPer10k: 0,
            stateDelegated: 0.95, weight: 4),
        ServiceType(
            writtenKind: "Център за временно настаняване", shortName: "ЦВН", kinds: [.shelter],
            targetGroups: [.homeless], capacity: 15...60, capacityPer10k: 1, stateDelegated: 0.8,
            weight: 2),
        ServiceType(
            writtenKind: "Приют", shortName: "Приют", kinds: [.shelter], targetGroups: [.homeless],
            capacity: 10...30, capacityPer10k: 0, stateDelegated: 0.3, weight: 1),
        ServiceType(
            writtenKind: "Асистентска подкрепа", shortName: "АП", kinds: [.assistantSupport],
            targetGroups: [.adultsWithDisabilities, .elderly], capacity: 10...40, capacityPer10k: 9,
            stateDelegated: 1.0, weight: 9),
        ServiceType(
            writtenKind: "Социален асистент", shortName: "СА", kinds: [.assistantSupport],
            targetGroups: [.elderly], capacity: 10...60, capacityPer10k: 2, stateDelegated: 0.1,
            weight: 3),
        ServiceType(
            writtenKind: "Домашен помощник", shortName: "ДП", kinds: [.assistantSupport],
            targetGroups: [.elderly], capacity: 10...60, capacityPer10k: 2, stateDelegated: 0.1,
            weight: 3),
        ServiceType(
            writtenKind: "Мобилна превантивна общностна работа", shortName: "МПОР",
            kinds: [.communityWork], targetGroups: [.everyone], capacity: 20...100,
            capacityPer10k: 2, stateDelegated: 0.6, weight: 2),
        ServiceType(
            writtenKind: "Информиране и консултиране", shortName: "ИК",
            kinds: [.informationAndConsultation], targetGroups: [.everyone], capacity: 20...100,
            capacityPer10k: 1, stateDelegated: 0.3, weight: 2),
    ]

    /// Names that are not social services under ЗСУ: a row naming one is `unknown_service`.
    static let notSocialServices = [
        "Клуб на пенсионера", "Лична помощ", "Обществена трапезария",
        "Дом за медико-социални грижи за деца",
    ]

    /// Names written where a municipality should be, that name no municipality.
    static let unknownMunicipalities = [
        "Златни пясъци", "Горно Нанадолнище", "Слънчев бряг", "Община Боровец", "Пампорово",
    ]

    /// Capacities that are not numbers (rejected as `malformed`). Never a "not given" marker such
    /// as „н/д" or „-": the default mapping reads those as a missing value (`missing_field`).
    static let nonNumbers = ["дванадесет", "няколко", "петнадесет", "много", "12 места"]

    static let properNames = [
        "Детелина", "Слънце", "Надежда", "Усмивка", "Дъга", "Бъдеще", "Здравец", "Люляк",
        "Изгрев", "Зорница", "Светлина", "Кокиче", "Мечта", "Родолюбие", "Вяра", "Любов",
        "Милосърдие", "Св. Николай", "Св. Иван Рилски", "Св. Георги", "Добро утро", "Вдъхновение",
        "Шанс", "Подкрепа", "Хармония", "Приятели",
    ]

    static let organisations = [
        "Сдружение \"Надежда\"", "Фондация „Благовест\", гр. София", "Сдружение „Шанс и закрила\"",
        "БЧК", "Фондация \"За нашите деца\"", "Сдружение „Самаряни\"", "Фондация „Лумос\", клон България",
        "ЕТ „Грижа\"", "Сдружение „Карин дом\"",
    ]

    static let financingNames: [Financing: String] = [
        .stateDelegated: "държавно делегирана дейност", .local: "местна дейност", .project: "проект",
    ]

    /// The АСП XML's spelling of financing.
    static let aspFinancing = "държавно делегирана"

    static let reportingDate = "31.12.2025"
    static let reportingDateISO = "2025-12-31"

    static let registerHeader = [
        "Област", "Община", "Вид на услугата", "Наименование на услугата", "Целева група", "Капацитет",
        "Брой потребители", "Финансиране", "Доставчик", "ЕКАТТЕ", "Дата",
    ]

    static let proposalHeader = ["Община", "Вид на услугата", "Целева група", "Максимален брой потребители"]

    static let totalWeight = types.reduce(0) { $0 + $1.weight }

    /// Picks a type by weight.
    static func pickType(_ random: inout SeededGenerator) -> Int {
        var roll = random.index(below: totalWeight)
        for (index, type) in types.enumerated() {
            if roll < type.weight { return index }
            roll -= type.weight
        }
        return types.count - 1
    }
}
