import GRDB
import KartaModel

extension SourceWriter {
    /// Stores a line of an adopted Map (read as a record whose capacity is the Map's maximum
    /// users) in `adopted_map`, apart from the service records.
    func addAdoptedMapLine(_ record: ServiceRecord) throws {
        let position = record.provenance.position
        try db.execute(
            sql: """
                INSERT INTO adopted_map (
                  source_id, planning_level, municipality_code, district_code, primary_kind, target_group,
                  target_group_name, maximum_users, service_name, line, byte_offset, record_index, run_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                sourceID, record.planningLevel.rawValue,
                record.municipalityCode.isEmpty ? nil : record.municipalityCode, record.districtCode,
                record.primaryKind.key, record.targetGroup.code, record.targetGroup.nameBG, record.capacity,
                record.serviceName, position.line, position.byteOffset, position.recordIndex,
                record.provenance.runID,
            ])
        countLoaded()
    }
}

extension Store {
    /// Every line of the adopted Maps in the store, ordered by source path and line; empty when
    /// no adopted Map is loaded.
    public func adoptedMapEntries() throws -> [AdoptedMapEntry] {
        try read { db in try Self.adoptedMapEntries(db) }
    }

    /// The lines of the adopted Maps, read inside an open transaction (see ``adoptedMapEntries()``).
    static func adoptedMapEntries(_ db: Database) throws -> [AdoptedMapEntry] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT adopted_map.planning_level, adopted_map.municipality_code, adopted_map.district_code,
                  adopted_map.primary_kind, adopted_map.target_group, adopted_map.target_group_name,
                  adopted_map.maximum_users, adopted_map.service_name, sources.path, adopted_map.line
                FROM adopted_map JOIN sources ON sources.id = adopted_map.source_id
                ORDER BY sources.path, adopted_map.record_index
                """)
        return rows.compactMap { row in
            guard let level = PlanningLevel(rawValue: row[0]),
                let kind = ServiceKind(key: row[3] as String)
            else {
                return nil
            }
            return AdoptedMapEntry(
                level: level, municipalityCode: row[1], districtCode: row[2], kind: kind,
                targetGroup: TargetGroup(code: row[4], nameBG: row[5]), maximumUsers: row[6],
                serviceName: row[7], sourcePath: row[8], line: row[9])
        }
    }

    /// Whether an adopted Map is loaded (a source of kind `adopted-map`, even one with no lines).
    public func hasAdoptedMap() throws -> Bool {
        try read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM sources WHERE kind = ?)",
                arguments: [SourceKind.adoptedMap.rawValue]) ?? false
        }
    }
}
