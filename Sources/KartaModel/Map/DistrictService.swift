/// A service planned at district level with the municipality that hosts it and the areas it
/// serves (ЗСУ Art. 33): the district's municipalities, or the whole country.
public struct DistrictService: Sendable, Codable, Hashable {
    public var districtCode: String
    /// The municipality that hosts (manages) the service (ЗСУ Art. 33, 55).
    public var hostMunicipalityCode: String
    public var kind: ServiceKind
    public var targetGroup: TargetGroup
    public var serviceName: String
    public var capacity: Int?
    public var users: Int?
    /// The district's population (the default) or the whole country's.
    public var scope: ServiceScope
    /// The municipalities it serves: every municipality of its district, or `BG` for the whole
    /// country (empty as the store returns it: the aggregate stage fills it from the registry).
    public var serves: [String]

    public init(
        districtCode: String, hostMunicipalityCode: String, kind: ServiceKind, targetGroup: TargetGroup,
        serviceName: String, capacity: Int?, users: Int?, scope: ServiceScope, serves: [String] = []
    ) {
        self.districtCode = districtCode
        self.hostMunicipalityCode = hostMunicipalityCode
        self.kind = kind
        self.targetGroup = targetGroup
        self.serviceName = serviceName
        self.capacity = capacity
        self.users = users
        self.scope = scope
        self.serves = serves
    }

    enum CodingKeys: String, CodingKey {
        case districtCode = "district_code"
        case hostMunicipalityCode = "host_municipality_code"
        case kind
        case targetGroup = "target_group"
        case serviceName = "service_name"
        case capacity, users, scope, serves
    }
}
