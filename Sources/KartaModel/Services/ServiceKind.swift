/// A kind of social service by activity, as listed in the Social Services Act (ЗСУ), Art. 15,
/// plus integrated health-social services.
///
/// The raw value is the Bulgarian name used in the Map and in every output keyed by kind.
public enum ServiceKind: String, Sendable, Codable, CaseIterable, Comparable {
    case informationAndConsultation = "информиране и консултиране"
    case advocacyAndMediation = "застъпничество и посредничество"
    case communityWork = "общностна работа"
    case therapyAndRehabilitation = "терапия и рехабилитация"
    case trainingInSkills = "обучение за придобиване на умения"
    case supportForWorkSkills = "подкрепа за придобиване на трудови умения"
    case dayCare = "дневна грижа"
    case residentialCare = "резидентна грижа"
    case shelter = "осигуряване на подслон"
    case assistantSupport = "асистентска подкрепа"
    case integratedHealthSocial = "интегрирани здравно-социални услуги"

    /// A stable ASCII identifier for file names, XML and JSON keys.
    public var key: String {
        switch self {
        case .informationAndConsultation: "information_consultation"
        case .advocacyAndMediation: "advocacy_mediation"
        case .communityWork: "community_work"
        case .therapyAndRehabilitation: "therapy_rehabilitation"
        case .trainingInSkills: "training_skills"
        case .supportForWorkSkills: "work_skills_support"
        case .dayCare: "day_care"
        case .residentialCare: "residential_care"
        case .shelter: "shelter"
        case .assistantSupport: "assistant_support"
        case .integratedHealthSocial: "integrated_health_social"
        }
    }

    /// The kind whose ``key`` is `key` (as the store and the plain formats write it).
    public init?(key: some StringProtocol) {
        guard let kind = Self.byKey[String(key)] else { return nil }
        self = kind
    }

    private static let byKey = Dictionary(uniqueKeysWithValues: allCases.map { ($0.key, $0) })

    /// The order of the Act (Art. 15), then integrated services.
    public static func < (lhs: ServiceKind, rhs: ServiceKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Finds a kind by its Bulgarian name or its ASCII key, ignoring case and spacing.
    public init?(named name: String) {
        let folded = NameKey.fold(name)
        guard
            let kind = ServiceKind.allCases.first(where: {
                NameKey.fold($0.rawValue) == folded || $0.key == name.lowercased()
            })
        else { return nil }
        self = kind
    }
}

/// Who a service is for, as registers and agency lists say it: known groups are in
/// ``TargetGroup/catalogue``, and mapping files may name others. Each maps onto one of the seven
/// groups of ЗСУ Art. 14(2) (``lawGroup``, from `mappings/target-groups.yml`), except
/// ``everyone`` (generally accessible services) and ``unspecified``.
public struct TargetGroup: Sendable, Hashable, Codable, Comparable {
    /// A stable ASCII identifier, e.g. `children_disabilities`.
    public let code: String
    /// The Bulgarian name as used in agency lists.
    public let nameBG: String

    public init(code: String, nameBG: String) {
        self.code = code
        self.nameBG = nameBG
    }

    public static func < (lhs: TargetGroup, rhs: TargetGroup) -> Bool { lhs.code < rhs.code }

    public static let children = TargetGroup(code: "children", nameBG: "деца")
    public static let childrenWithDisabilities = TargetGroup(
        code: "children_disabilities", nameBG: "деца и младежи с увреждания")
    public static let childrenAtRisk = TargetGroup(code: "children_at_risk", nameBG: "деца в риск")
    public static let adultsWithDisabilities = TargetGroup(
        code: "adults_disabilities", nameBG: "пълнолетни лица с увреждания")
    public static let elderly = TargetGroup(
        code: "elderly", nameBG: "лица в надтрудоспособна възраст")
    public static let homeless = TargetGroup(code: "homeless", nameBG: "бездомни лица и семейства")
    public static let peopleInCrisis = TargetGroup(code: "in_crisis", nameBG: "лица в криза")
    public static let violenceVictims = TargetGroup(
        code: "violence_victims", nameBG: "пострадали от насилие или трафик")
    public static let families = TargetGroup(code: "families", nameBG: "семейства и родители")
    /// People who care for adults (ЗСУ Art. 14(2) т. 7).
    public static let carersOfAdults = TargetGroup(
        code: "carers_of_adults", nameBG: "лица, които полагат грижи за пълнолетни лица")
    public static let everyone = TargetGroup(code: "everyone", nameBG: "всички")
    /// Used when neither the row nor the service dictionary says who the service is for.
    public static let unspecified = TargetGroup(code: "unspecified", nameBG: "неуточнена")

    /// The groups karta knows without configuration.
    public static let catalogue: [TargetGroup] = [
        .children, .childrenWithDisabilities, .childrenAtRisk, .adultsWithDisabilities, .elderly,
        .homeless, .peopleInCrisis, .violenceVictims, .families, .carersOfAdults, .everyone, .unspecified,
    ]

    /// Finds a catalogue group by code or Bulgarian name, ignoring case and spacing.
    /// A group of ЗСУ Art. 14(2) named by its code or its wording in the Act gives karta's one
    /// group under it (e.g. „всички деца" → `children`); a law group with several karta groups
    /// under it (т. 4, т. 5) names none, and the cues decide.
    public static func named(_ name: String) -> TargetGroup? {
        let folded = NameKey.fold(name)
        if let group = catalogue.first(where: { $0.code == name.lowercased() || NameKey.fold($0.nameBG) == folded }) {
            return group
        }
        let law = LawTargetGroup.all.first { $0.code == name.lowercased() || NameKey.fold($0.nameBG) == folded }
        guard let under = law?.kartaGroups, under.count == 1 else { return nil }
        return under[0]
    }

    enum CodingKeys: String, CodingKey {
        case code
        case nameBG = "name_bg"
    }
}

/// How a service is financed.
public enum Financing: String, Sendable, Codable, CaseIterable {
    /// Държавно делегирана дейност — funded by the state budget; what the Map plans.
    case stateDelegated = "state_delegated"
    /// Местна дейност — funded by the municipality.
    case local
    /// Funded by a project (EU programmes and the like).
    case project
    case unknown
}

/// Whom a district-level service serves (ЗСУ Art. 33): the population of its district, or people
/// from the whole country. Registers say it in a column such as „Обхват" (областен / национален).
public enum ServiceScope: String, Sendable, Codable, CaseIterable {
    case district
    case national
}

/// The level at which a service is planned (НПСУ): municipal or district.
public enum PlanningLevel: String, Sendable, Codable, CaseIterable {
    case municipal
    case district
}
