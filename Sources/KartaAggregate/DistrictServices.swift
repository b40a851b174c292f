import KartaModel
import KartaStore

/// A service planned at district level with the municipality that hosts it and the areas it
/// serves (ЗСУ Art. 33): the district's municipalities, or the whole country.
public struct DistrictService: Sendable, Codable, Hashable {
    public var districtCode: String
    public var hostMunicipalityCode: String
    public var kind: ServiceKind
    public var targetGroup: TargetGroup
    public var serviceName: String
    public var capacity: Int?
    public var users: Int?
    public var scope: ServiceScope
    /// The municipalities it serves: every municipality of its district, or `BG` for the whole
    /// country.
    public var serves: [String]

    public init(
        districtCode: String, hostMunicipalityCode: String, kind: ServiceKind, targetGroup: TargetGroup,
        serviceName: String, capacity: Int?, users: Int?, scope: ServiceScope, serves: [String]
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

    /// The counted district-level services of `store` under `policy` (registers first, АСП
    /// where a municipality sent no register, by default), in district, host, kind order.
    public static func read(
        store: Store, policy: SourcePolicy, registry: ReferenceRegistry = .bulgaria
    ) throws -> [DistrictService] {
        let withRegister = try store.municipalitiesWithRegister()
        return try store.districtLevelServices().filter {
            policy.counts($0.sourceKind, municipalityHasRegister: withRegister.contains($0.hostMunicipalityCode))
        }.map { service in
            DistrictService(
                districtCode: service.districtCode, hostMunicipalityCode: service.hostMunicipalityCode,
                kind: service.kind, targetGroup: service.targetGroup, serviceName: service.serviceName,
                capacity: service.capacity, users: service.users, scope: service.scope,
                serves: service.scope == .national
                    ? [nationalAreaCode]
                    : registry.municipalities(inDistrict: service.districtCode).map(\.code))
        }
    }
}
