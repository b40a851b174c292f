import GRDB
import KartaModel

/// A service planned at district level, as stored: where it is hosted and whom it serves.
public struct StoredDistrictService: Sendable, Hashable {
    public var sourceKind: SourceKind
    public var districtCode: String
    /// The municipality that hosts (manages) the service (ЗСУ Art. 33, 55).
    public var hostMunicipalityCode: String
    public var kind: ServiceKind
    public var targetGroup: TargetGroup
    public var serviceName: String
    public var capacity: Int?
    public var users: Int?
    public var financing: Financing
    /// The district's population (the default) or the whole country's.
    public var scope: ServiceScope
}

extension Store {
    /// Every register and АСП record planned at district level, by district, host municipality,
    /// kind and name (proposals and adopted Maps are not services).
    public func districtLevelServices() throws -> [StoredDistrictService] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT source_kind, district_code, municipality_code, primary_kind, target_group,
                      target_group_name, service_name, capacity, users, financing, service_scope
                    FROM records
                    WHERE planning_level = 'district' AND source_kind IN (?, ?)
                    ORDER BY district_code, municipality_code, primary_kind, service_name, id
                    """,
                arguments: [SourceKind.municipalRegister.rawValue, SourceKind.aspExport.rawValue])
            return rows.compactMap { row in
                guard let sourceKind = SourceKind(rawValue: row[0]),
                    let kind = ServiceKind.allCases.first(where: { $0.key == row[3] as String })
                else { return nil }
                return StoredDistrictService(
                    sourceKind: sourceKind, districtCode: row[1], hostMunicipalityCode: row[2], kind: kind,
                    targetGroup: TargetGroup(code: row[4], nameBG: row[5]), serviceName: row[6],
                    capacity: row[7], users: row[8], financing: Financing(rawValue: row[9]) ?? .unknown,
                    scope: (row[10] as String?).flatMap(ServiceScope.init(rawValue:)) ?? .district)
            }
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
