import GRDB
import KartaModel

extension Store {
    /// Every register and АСП record planned at district level with its source kind, by
    /// district, host municipality, kind and name (proposals and adopted Maps are not services);
    /// `serves` is left empty.
    public func districtLevelServices() throws -> [(sourceKind: SourceKind, service: DistrictService)] {
        try read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT source_kind, district_code, municipality_code, primary_kind, target_group,
                      target_group_name, service_name, capacity, users, service_scope
                    FROM records
                    WHERE planning_level = 'district' AND source_kind IN (?, ?)
                    ORDER BY district_code, municipality_code, primary_kind, service_name, id
                    """,
                arguments: [SourceKind.municipalRegister.rawValue, SourceKind.aspExport.rawValue])
            var services: [(sourceKind: SourceKind, service: DistrictService)] = []
            while let row = try rows.next() {
                guard let sourceKind = SourceKind(rawValue: row[0]),
                    let kind = ServiceKind(key: row[3] as String)
                else { continue }
                let service = DistrictService(
                    districtCode: row[1], hostMunicipalityCode: row[2], kind: kind,
                    targetGroup: TargetGroup(code: row[4], nameBG: row[5]), serviceName: row[6],
                    capacity: row[7], users: row[8],
                    scope: (row[9] as String?).flatMap(ServiceScope.init(rawValue:)) ?? .district)
                services.append((sourceKind, service))
            }
            return services
        }
    }

    /// The municipalities that sent at least one register record.
    public func municipalitiesWithRegister() throws -> Set<String> {
        try read { db in
            Set(
                try String.fetchAll(
                    db, sql: "SELECT DISTINCT municipality_code FROM records WHERE source_kind = ?",
                    arguments: [SourceKind.municipalRegister.rawValue]))
        }
    }
}
