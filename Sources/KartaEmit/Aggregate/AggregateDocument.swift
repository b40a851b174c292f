import KartaAggregate
import KartaModel

/// The object `karta aggregate --format json` prints (the contract in README.md, "Command line"):
/// `{"level": "...", "criteria_version": "...", "areas": [{"code", "name", "population",
/// "records", "capacity", "users", "unknown_capacity_services", "by_kind", "hosted",
/// "registers", ...}]}` — `registers` holds ``RegisterTotals`` (amounts in leva).
///
/// `by_kind` is keyed by the Bulgarian name of the kind (``ServiceKind/rawValue``) and holds the
/// capacity counted under each primary kind; only kinds with records appear. At municipality
/// level `records`/`capacity`/`by_kind` are the municipal-level services and `hosted` (same
/// keys) the district-level services located in the municipality; `hosted` is absent at the
/// other levels. Per-1,000 figures follow ``PerThousand`` (2 decimals; absent without population).
public struct AggregateDocument: Sendable, Encodable, Hashable {
    public struct Area: Sendable, Encodable, Hashable {
        public var code: String
        public var name: String
        public var population: Int
        public var records: Int
        public var capacity: Int
        public var users: Int
        public var stateDelegatedCapacity: Int
        public var maximumUsers: Int
        public var placesPer1000: Double?
        public var stateDelegatedPer1000: Double?
        public var usersPer1000: Double?
        public var maximumUsersPer1000: Double?
        public var byKind: [String: Int]
        /// Services counted in `records` whose capacity is unknown (left out of `capacity`).
        public var unknownCapacityServices: Int
        public var hasData: Bool
        /// Money, waiting lists and services without users for three months, from the registers.
        public var registers: RegisterTotals
        public var hosted: Hosted?
        /// The area's costs under the financing standards; absent without standards.
        public var cost: AreaCost?
        /// For a district: the services planned at district level in it, with their host
        /// municipality and the municipalities they serve (ЗСУ Art. 33); nil for other levels.
        public var districtServices: [DistrictService]?

        enum CodingKeys: String, CodingKey {
            case code, name, population, records, capacity, users, hosted, registers, cost
            case districtServices = "district_services"
            case stateDelegatedCapacity = "state_delegated_capacity"
            case maximumUsers = "maximum_users"
            case placesPer1000 = "places_per_1000"
            case stateDelegatedPer1000 = "state_delegated_per_1000"
            case usersPer1000 = "users_per_1000"
            case maximumUsersPer1000 = "maximum_users_per_1000"
            case byKind = "by_kind"
            case hasData = "has_data"
            case unknownCapacityServices = "unknown_capacity_services"
        }
    }

    /// The district-level services a municipality hosts.
    public struct Hosted: Sendable, Encodable, Hashable {
        public var records: Int
        public var capacity: Int
        public var users: Int
        public var byKind: [String: Int]
        /// Hosted services counted in `records` whose capacity is unknown.
        public var unknownCapacityServices: Int

        enum CodingKeys: String, CodingKey {
            case records, capacity, users
            case byKind = "by_kind"
            case unknownCapacityServices = "unknown_capacity_services"
        }
    }

    public var level: String
    public var criteriaVersion: String
    /// The financing standards' version the costs use; absent without standards.
    public var standardsVersion: String?
    public var areas: [Area]

    enum CodingKeys: String, CodingKey {
        case level, areas
        case criteriaVersion = "criteria_version"
        case standardsVersion = "standards_version"
    }

    /// `districtServices`: the district-level services, listed under their district when `level`
    /// is district.
    public init(
        level: AreaLevel, summaries: [AreaSummary], criteriaVersion: String, districtServices: [DistrictService] = [],
        standardsVersion: String? = nil
    ) {
        self.level = level.rawValue
        self.criteriaVersion = criteriaVersion
        self.standardsVersion = standardsVersion
        areas = summaries.map { summary in
            func perThousand(_ count: Int) -> Double? {
                PerThousand.ratio(count, population: summary.population)
            }
            return Area(
                code: summary.code, name: summary.name, population: summary.population,
                records: summary.records, capacity: summary.capacity, users: summary.users,
                stateDelegatedCapacity: summary.stateDelegatedCapacity, maximumUsers: summary.maximumUsers,
                placesPer1000: summary.placesPerThousandInhabitants,
                stateDelegatedPer1000: perThousand(summary.stateDelegatedCapacity),
                usersPer1000: perThousand(summary.users),
                maximumUsersPer1000: perThousand(summary.maximumUsers),
                byKind: Dictionary(
                    uniqueKeysWithValues: summary.capacityByKind.map { ($0.kind.rawValue, $0.capacity) }),
                unknownCapacityServices: summary.unknownCapacityServices,
                hasData: summary.hasData, registers: summary.registers,
                hosted: summary.hosted.map { hosted in
                    Hosted(
                        records: hosted.records, capacity: hosted.capacity, users: hosted.users,
                        byKind: Dictionary(
                            uniqueKeysWithValues: hosted.capacityByKind.map {
                                ($0.kind.rawValue, $0.capacity)
                            }),
                        unknownCapacityServices: hosted.unknownCapacityServices)
                },
                cost: summary.cost,
                districtServices: level == .district
                    ? districtServices.filter { $0.districtCode == summary.code } : nil)
        }
    }
}
