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

    public init(
        municipalityCode: String, districtCode: String, kinds: [ServiceKind], targetGroup: TargetGroup,
        serviceName: String, capacity: Int?, users: Int?, financing: Financing,
        provider: String? = nil, reportingDate: String? = nil,
        planningLevel: PlanningLevel = .municipal, sourceKind: SourceKind,
        serviceID: String? = nil, settlementEKATTE: String? = nil, provenance: Provenance,
        warnings: [RecordWarning] = [], scope: ServiceScope? = nil
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
}
