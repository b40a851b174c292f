import KartaModel

/// The object `karta aggregate --format json` prints (the contract in DESIGN.md):
/// `{"level": "...", "areas": [{"code", "name", "records", "capacity", "users", "by_kind"}]}`.
///
/// `by_kind` is keyed by the Bulgarian name of the kind (``ServiceKind/rawValue``) and holds the
/// capacity counted under each primary kind; only kinds with records appear.
public struct AggregateDocument: Sendable, Encodable, Hashable {
    public struct Area: Sendable, Encodable, Hashable {
        public var code: String
        public var name: String
        public var records: Int
        public var capacity: Int
        public var users: Int
        public var byKind: [String: Int]
        /// Services counted in `records` whose capacity is unknown (left out of `capacity`).
        public var unknownCapacityServices: Int

        enum CodingKeys: String, CodingKey {
            case code, name, records, capacity, users
            case byKind = "by_kind"
            case unknownCapacityServices = "unknown_capacity_services"
        }
    }

    public var level: String
    public var areas: [Area]

    public init(level: AreaLevel, summaries: [AreaSummary]) {
        self.level = level.rawValue
        areas = summaries.map { summary in
            Area(
                code: summary.code, name: summary.name, records: summary.records, capacity: summary.capacity,
                users: summary.users,
                byKind: Dictionary(
                    uniqueKeysWithValues: summary.capacityByKind.map { ($0.kind.rawValue, $0.capacity) }),
                unknownCapacityServices: summary.unknownCapacityServices)
        }
    }
}
