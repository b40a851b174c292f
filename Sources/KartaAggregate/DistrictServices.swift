import KartaModel
import KartaStore

extension DistrictService {
    /// The counted district-level services of `store` under `policy` (registers first, АСП
    /// where a municipality sent no register, by default), in district, host, kind order, with
    /// the municipalities each serves.
    public static func read(
        store: any StoreReading, policy: SourcePolicy, registry: ReferenceRegistry = .bulgaria
    ) throws -> [DistrictService] {
        let withRegister = try store.municipalitiesWithRegister()
        var served: [String: [String]] = [:]  // a district's municipalities, looked up once per district
        return try store.districtLevelServices().filter {
            policy.counts($0.sourceKind, municipalityHasRegister: withRegister.contains($0.service.hostMunicipalityCode))
        }.map { stored in
            var service = stored.service
            if service.scope == .national {
                service.serves = [nationalAreaCode]
            } else if let codes = served[service.districtCode] {
                service.serves = codes
            } else {
                service.serves = registry.municipalities(inDistrict: service.districtCode).map(\.code)
                served[service.districtCode] = service.serves
            }
            return service
        }
    }
}
