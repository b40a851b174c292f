import KartaAggregate

/// What colours the districts on the report's map.
public enum MapIndicator: String, Sendable, CaseIterable {
    /// State-delegated places per 1,000 inhabitants (the default).
    case stateDelegatedPerThousand = "state-delegated-per-1000"
    /// All places per 1,000 inhabitants.
    case placesPerThousand = "places-per-1000"
    /// The draft's maximum users per 1,000 inhabitants.
    case maximumUsersPerThousand = "maximum-users-per-1000"
    /// Users per 1,000 inhabitants.
    case usersPerThousand = "users-per-1000"

    /// The indicator's title in Bulgarian.
    public var title: String {
        switch self {
        case .stateDelegatedPerThousand: "Места в държавно делегирани услуги на 1000 жители"
        case .placesPerThousand: "Места в социални услуги на 1000 жители"
        case .maximumUsersPerThousand: "Максимален брой потребители на 1000 жители"
        case .usersPerThousand: "Потребители на 1000 жители"
        }
    }

    /// The area's value (2 decimals, see `PerThousand`); nil without population.
    public func value(_ area: AreaSummary) -> Double? {
        switch self {
        case .stateDelegatedPerThousand:
            PerThousand.ratio(area.stateDelegatedCapacity, population: area.population)
        case .placesPerThousand: PerThousand.ratio(area.capacity, population: area.population)
        case .maximumUsersPerThousand: PerThousand.ratio(area.maximumUsers, population: area.population)
        case .usersPerThousand: PerThousand.ratio(area.users, population: area.population)
        }
    }
}
