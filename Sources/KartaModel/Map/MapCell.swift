/// How a draft cell stands against the planning criteria.
public enum CriterionStatus: String, Sendable, Codable, CaseIterable {
    /// Within the criterion's tolerance.
    case meets
    case above
    case below
    /// The kind is in the minimum package for the area, but the area has no such service.
    case missingFromMinimumPackage = "missing_minimum_package"
    /// No criterion applies to this kind and target group.
    case noCriterion = "no_criterion"
}

/// Why a cell needs a person's attention.
public enum MapCellFlag: String, Sendable, Codable, CaseIterable, Comparable {
    /// The municipality proposes more users than the criterion allows.
    case proposalExceedsCriterion = "proposal_exceeds_criterion"
    /// A service that exists today has no place in the draft (proposal of zero or none at all
    /// for a kind that had state-delegated capacity).
    case serviceDisappears = "service_disappears"
    /// A proposal for a kind that has no current service.
    case newService = "new_service"
    /// A proposal, АСП or register row without a target group (or with an unknown one) was
    /// matched to the one target group that has services (or proposals) of its kind here.
    case targetGroupMatched = "target_group_matched"
    /// A row without a target group could belong to several target groups of its kind here: its
    /// cell and the candidate cells carry this flag, and the maximum users count it once.
    case ambiguousTargetGroup = "ambiguous_target_group"

    public static func < (lhs: MapCellFlag, rhs: MapCellFlag) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One cell of the Map draft: an area × service kind × target group, with the maximum number of
/// users the state would fund and the records it was computed from.
public struct MapCell: Sendable, Hashable, Codable {
    public var level: AreaLevel
    /// `SZR31`, `SZR` or `BG`.
    public var areaCode: String
    public var kind: ServiceKind
    public var targetGroup: TargetGroup
    /// Number of services (records) in the cell.
    public var services: Int
    /// Current capacity (places) of all services in the cell.
    public var capacity: Int
    /// Current state-delegated capacity.
    public var stateDelegatedCapacity: Int
    public var users: Int
    /// The draft's maximum number of users: the proposal where one exists, otherwise the current
    /// state-delegated capacity.
    public var maximumUsers: Int
    /// The proposal's figure, when the area proposed one.
    public var proposedUsers: Int?
    /// The criterion's value for this cell (e.g. the maximum users it allows), when one applies.
    public var criterionValue: Double?
    public var status: CriterionStatus
    public var flags: [MapCellFlag]
    /// Store identifiers of the records the cell sums (lineage), ascending.
    public var recordIDs: [Int64]
    /// Store identifiers of the proposal records behind ``proposedUsers``, ascending.
    public var proposalRecordIDs: [Int64]
    /// Users per place (users / capacity), rounded half away from zero to 4 decimals; nil
    /// without capacity.
    public var occupancy: Double?
    /// Places per 1,000 inhabitants of the area (see `PerThousand`: 2 decimals).
    public var placesPerThousandInhabitants: Double?
    /// Places per 1,000 people of the target group, where the criteria file gives its population.
    public var placesPerThousandTargetGroup: Double?
    /// Services counted in ``services`` whose capacity is unknown (blank or „н/д" in the source):
    /// ``capacity`` leaves them out. 0 when read from a draft written before the count existed.
    public var unknownCapacityServices: Int
    /// What the registers say about the cell's services: money, waiting lists, months without
    /// users. Zero when read from a draft written before it existed.
    public var registers: RegisterTotals = .zero
    /// The cell's cost under the financing standards; nil when the draft was computed without a
    /// standards file (or read from a draft written before costs existed).
    public var cost: CellCost?
    /// The indicator the cell's criterion used (value, unit, source); nil when no criterion
    /// applies.
    public var criterionIndicator: CriterionIndicator?

    public init(
        level: AreaLevel, areaCode: String, kind: ServiceKind, targetGroup: TargetGroup,
        services: Int, capacity: Int, stateDelegatedCapacity: Int, users: Int, maximumUsers: Int,
        proposedUsers: Int?, criterionValue: Double?, status: CriterionStatus,
        flags: [MapCellFlag], recordIDs: [Int64], proposalRecordIDs: [Int64] = [],
        occupancy: Double? = nil, placesPerThousandInhabitants: Double? = nil,
        placesPerThousandTargetGroup: Double? = nil, unknownCapacityServices: Int = 0,
        cost: CellCost? = nil, criterionIndicator: CriterionIndicator? = nil
    ) {
        self.level = level
        self.areaCode = areaCode
        self.kind = kind
        self.targetGroup = targetGroup
        self.services = services
        self.capacity = capacity
        self.stateDelegatedCapacity = stateDelegatedCapacity
        self.users = users
        self.maximumUsers = maximumUsers
        self.proposedUsers = proposedUsers
        self.criterionValue = criterionValue
        self.status = status
        self.flags = flags
        self.recordIDs = recordIDs
        self.proposalRecordIDs = proposalRecordIDs
        self.occupancy = occupancy
        self.placesPerThousandInhabitants = placesPerThousandInhabitants
        self.placesPerThousandTargetGroup = placesPerThousandTargetGroup
        self.unknownCapacityServices = unknownCapacityServices
        self.cost = cost
        self.criterionIndicator = criterionIndicator
    }

    enum CodingKeys: String, CodingKey {
        case level
        case areaCode = "area_code"
        case kind
        case targetGroup = "target_group"
        case services
        case capacity
        case stateDelegatedCapacity = "state_delegated_capacity"
        case users
        case maximumUsers = "maximum_users"
        case proposedUsers = "proposed_users"
        case criterionValue = "criterion_value"
        case status
        case flags
        case recordIDs = "record_ids"
        case proposalRecordIDs = "proposal_record_ids"
        case occupancy
        case placesPerThousandInhabitants = "places_per_thousand_inhabitants"
        case placesPerThousandTargetGroup = "places_per_thousand_target_group"
        case unknownCapacityServices = "unknown_capacity_services"
        case registers
        case cost
        case criterionIndicator = "criterion_indicator"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            level: try c.decode(AreaLevel.self, forKey: .level), areaCode: try c.decode(String.self, forKey: .areaCode),
            kind: try c.decode(ServiceKind.self, forKey: .kind),
            targetGroup: try c.decode(TargetGroup.self, forKey: .targetGroup),
            services: try c.decode(Int.self, forKey: .services), capacity: try c.decode(Int.self, forKey: .capacity),
            stateDelegatedCapacity: try c.decode(Int.self, forKey: .stateDelegatedCapacity),
            users: try c.decode(Int.self, forKey: .users), maximumUsers: try c.decode(Int.self, forKey: .maximumUsers),
            proposedUsers: try c.decodeIfPresent(Int.self, forKey: .proposedUsers),
            criterionValue: try c.decodeIfPresent(Double.self, forKey: .criterionValue),
            status: try c.decode(CriterionStatus.self, forKey: .status),
            flags: try c.decode([MapCellFlag].self, forKey: .flags),
            recordIDs: try c.decodeIfPresent([Int64].self, forKey: .recordIDs) ?? [],
            proposalRecordIDs: try c.decodeIfPresent([Int64].self, forKey: .proposalRecordIDs) ?? [],
            occupancy: try c.decodeIfPresent(Double.self, forKey: .occupancy),
            placesPerThousandInhabitants: try c.decodeIfPresent(Double.self, forKey: .placesPerThousandInhabitants),
            placesPerThousandTargetGroup: try c.decodeIfPresent(Double.self, forKey: .placesPerThousandTargetGroup),
            unknownCapacityServices: try c.decodeIfPresent(Int.self, forKey: .unknownCapacityServices) ?? 0,
            cost: try c.decodeIfPresent(CellCost.self, forKey: .cost),
            criterionIndicator: try c.decodeIfPresent(CriterionIndicator.self, forKey: .criterionIndicator))
        registers = try c.decodeIfPresent(RegisterTotals.self, forKey: .registers) ?? .zero
    }
}
