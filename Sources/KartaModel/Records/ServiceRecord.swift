/// One social service at one place, in the canonical model: what every input row that is
/// accepted becomes.
public struct ServiceRecord: Sendable, Hashable, Codable {
    public var municipalityCode: String
    public var districtCode: String
    /// The kinds the service belongs to; the first is the primary kind, under which its capacity
    /// is counted. Never empty.
    public var kinds: [ServiceKind]
    public var targetGroup: TargetGroup
    /// The service's name exactly as written in the source.
    public var serviceName: String
    /// Places (места).
    public var capacity: Int?
    /// Users (потребители) at the reporting date.
    public var users: Int?
    public var financing: Financing
    public var provider: String?
    /// Reporting date as ISO `YYYY-MM-DD`.
    public var reportingDate: String?
    public var planningLevel: PlanningLevel
    /// For a district-level service: whom it serves (the district's population by default, or
    /// the whole country); nil for municipal-level services.
    public var scope: ServiceScope?
    public var sourceKind: SourceKind
    /// The identifier of the service in the source, when it carries one (for reconciliation).
    public var serviceID: String?
    /// EKATTE of the settlement, when given.
    public var settlementEKATTE: String?
    public var provenance: Provenance
    /// Problems that do not reject the row, e.g. users above capacity.
    public var warnings: [RecordWarning]
    /// What the register says about money, waiting and monthly users (ЗСУ Art. 44(4), 49, 58).
    public var register: RegisterFacts

    public init(
        municipalityCode: String, districtCode: String, kinds: [ServiceKind], targetGroup: TargetGroup,
        serviceName: String, capacity: Int?, users: Int?, financing: Financing,
        provider: String? = nil, reportingDate: String? = nil,
        planningLevel: PlanningLevel = .municipal, sourceKind: SourceKind,
        serviceID: String? = nil, settlementEKATTE: String? = nil, provenance: Provenance,
        warnings: [RecordWarning] = [], scope: ServiceScope? = nil, register: RegisterFacts = RegisterFacts()
    ) {
        precondition(!kinds.isEmpty, "a service record needs at least one kind")
        self.municipalityCode = municipalityCode
        self.districtCode = districtCode
        self.kinds = kinds
        self.targetGroup = targetGroup
        self.serviceName = serviceName
        self.capacity = capacity
        self.users = users
        self.financing = financing
        self.provider = provider
        self.reportingDate = reportingDate
        self.planningLevel = planningLevel
        self.scope = planningLevel == .district ? (scope ?? .district) : nil
        self.sourceKind = sourceKind
        self.serviceID = serviceID
        self.settlementEKATTE = settlementEKATTE
        self.provenance = provenance
        self.warnings = warnings
        self.register = register
    }

    /// The kind under which the record's capacity is counted.
    public var primaryKind: ServiceKind { kinds[0] }

    enum CodingKeys: String, CodingKey {
        case municipalityCode = "municipality_code"
        case districtCode = "district_code"
        case kinds
        case targetGroup = "target_group"
        case serviceName = "service_name"
        case capacity
        case users
        case financing
        case provider
        case reportingDate = "reporting_date"
        case planningLevel = "planning_level"
        case sourceKind = "source_kind"
        case serviceID = "service_id"
        case settlementEKATTE = "settlement_ekatte"
        case provenance
        case warnings
        case register
    }
}

/// What a register row says beyond capacity and users: the money behind the service (in
/// stotinki, ЗСУ Art. 49 mixed financing), its waiting list (Art. 44(4)) and the months it had
/// no users (Art. 58(1) т. 2). Every part is nil when the register does not give it.
public struct RegisterFacts: Sendable, Hashable, Codable {
    /// State funding in stotinki (1 лв. = 100).
    public var stateFundingStotinki: Int?
    /// Municipal funding (дофинансиране) in stotinki.
    public var municipalFundingStotinki: Int?
    /// People on the service's waiting list.
    public var waitingList: Int?
    /// Three or more consecutive months with no users, as written in the register's headers
    /// („октомври 2025"); nil when the register gives no monthly users or no such run.
    public var monthsWithoutUsers: [String]?

    public init(
        stateFundingStotinki: Int? = nil, municipalFundingStotinki: Int? = nil, waitingList: Int? = nil,
        monthsWithoutUsers: [String]? = nil
    ) {
        self.stateFundingStotinki = stateFundingStotinki
        self.municipalFundingStotinki = municipalFundingStotinki
        self.waitingList = waitingList
        self.monthsWithoutUsers = monthsWithoutUsers
    }

    /// Mixed financing (Art. 49): both the state and the municipality pay a part.
    public var isMixedFinancing: Bool {
        (stateFundingStotinki ?? 0) > 0 && (municipalFundingStotinki ?? 0) > 0
    }

    enum CodingKeys: String, CodingKey {
        case stateFundingStotinki = "state_funding_stotinki"
        case municipalFundingStotinki = "municipal_funding_stotinki"
        case waitingList = "waiting_list"
        case monthsWithoutUsers = "months_without_users"
    }
}

/// A problem kept on an accepted record.
public struct RecordWarning: Sendable, Hashable, Codable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public static func usersAboveCapacity(users: Int, capacity: Int) -> RecordWarning {
        RecordWarning(
            code: "users_above_capacity",
            message: "потребителите (\(users)) са повече от местата (\(capacity))")
    }

    /// The count columns whose unknown value gives a warning.
    public enum CountField: Sendable {
        case capacity
        case users
    }

    /// `capacity_missing` / `users_missing`: the count is blank or „н/д" in a bound column; the
    /// record loads, counts as a service, and its count is left out of sums.
    public static func countMissing(_ field: CountField, column: String) -> RecordWarning {
        switch field {
        case .capacity:
            RecordWarning(
                code: "capacity_missing",
                message: "капацитетът не е посочен в колона „\(column)\"; услугата се брои, "
                    + "но местата ѝ не влизат в сумите")
        case .users:
            RecordWarning(
                code: "users_missing",
                message: "броят потребители не е посочен в колона „\(column)\"; не влиза в сумите")
        }
    }

    /// `money_unreadable`: the amounts of a money column (or one cell of it) cannot be read; the
    /// record loads with the amount unknown. `reason` is ``MoneyColumn``'s Bulgarian reason.
    public static func moneyUnreadable(column: String, reason: String) -> RecordWarning {
        RecordWarning(
            code: "money_unreadable",
            message: "сумата в колона „\(column)\" не се чете: \(reason); сумата е неизвестна")
    }

    /// `no_users_three_months`: the register shows no users for three consecutive months or
    /// more (ЗСУ Art. 58(1) т. 2: such a service is ended).
    public static func noUsersThreeMonths(months: [String]) -> RecordWarning {
        RecordWarning(
            code: "no_users_three_months",
            message: "услугата няма потребители три последователни месеца (\(months.joined(separator: ", "))); "
                + "чл. 58, ал. 1, т. 2 ЗСУ")
    }
}
