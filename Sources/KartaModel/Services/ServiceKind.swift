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

/// Who a service is for. The list is data (agencies use no official enumeration): known groups
/// are in ``TargetGroup/catalogue``, and mapping files may name others.
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
    public static let everyone = TargetGroup(code: "everyone", nameBG: "всички")
    /// Used when neither the row nor the service dictionary says who the service is for.
    public static let unspecified = TargetGroup(code: "unspecified", nameBG: "неуточнена")

    /// The groups karta knows without configuration.
    public static let catalogue: [TargetGroup] = [
        .children, .childrenWithDisabilities, .childrenAtRisk, .adultsWithDisabilities, .elderly,
        .homeless, .peopleInCrisis, .violenceVictims, .families, .everyone, .unspecified,
    ]

    /// Finds a catalogue group by code or Bulgarian name, ignoring case and spacing.
    public static func named(_ name: String) -> TargetGroup? {
        let folded = NameKey.fold(name)
        return catalogue.first { $0.code == name.lowercased() || NameKey.fold($0.nameBG) == folded }
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

/// The level at which a service is planned (НПСУ): municipal or district.
public enum PlanningLevel: String, Sendable, Codable, CaseIterable {
    case municipal
    case district
}
