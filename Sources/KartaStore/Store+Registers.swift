import GRDB
import KartaModel

extension Store {
    /// The stored services whose monthly users show three consecutive months or more without
    /// users (ЗСУ Art. 58(1) т. 2), by municipality code, source path and line.
    public func servicesWithoutUsers() throws -> [ServiceWithoutUsers] {
        try read { db in try Self.servicesWithoutUsers(db) }
    }

    /// ``servicesWithoutUsers()`` inside an open read.
    static func servicesWithoutUsers(_ db: Database) throws -> [ServiceWithoutUsers] {
        var kindByKey: [String: ServiceKind] = [:]
        for kind in ServiceKind.allCases { kindByKey[kind.key] = kind }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT records.id, records.municipality_code, records.service_name, records.primary_kind,
                       records.months_without_users, sources.path, records.line
                FROM records JOIN sources ON sources.id = records.source_id
                WHERE records.months_without_users IS NOT NULL
                ORDER BY records.municipality_code, sources.path, records.line, records.id
                """)
        return rows.map { row in
            let months: String = row[4]
            let kindKey: String = row[3]
            return ServiceWithoutUsers(
                municipalityCode: row[1], serviceName: row[2],
                kind: kindByKey[kindKey] ?? .informationAndConsultation,
                months: months.split(separator: "|").map(String.init), sourcePath: row[5], line: row[6],
                recordID: row[0])
        }
    }
}
