import Foundation
import GRDB
import KartaModel
@testable import KartaStore  // builds the store with SQL: `Store.database` is internal

/// Builds a store for tests with plain SQL, following the schema of `StoreSchema` exactly
/// (the loading code lives elsewhere; these tests must not depend on it).
final class StoreBuilder {
    let directory: URL
    let store: Store

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("karta-agg-\(UUID())")
        store = try Store(path: directory.appendingPathComponent("karta.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Adds a source file; its row counts are set by ``finish()``.
    @discardableResult
    func source(_ path: String, kind: SourceKind = .municipalRegister) throws -> Int64 {
        try store.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sources (path, sha256, size, kind, format, status, rows_read, loaded, rejected, non_data, run_id)
                    VALUES (?, ?, 100, ?, 'csv', 'loaded', 0, 0, 0, 0, 'run-1')
                    """,
                arguments: [path, String(repeating: "ab", count: 32), kind.rawValue])
            return db.lastInsertedRowID
        }
    }

    /// Adds a record; `kinds` primary first. The source kind is the source's.
    @discardableResult
    func record(
        source: Int64, municipality: String, kinds: [ServiceKind], group: TargetGroup = .elderly,
        name: String = "Услуга", capacity: Int?, users: Int? = nil, financing: Financing = .stateDelegated,
        level: PlanningLevel = .municipal, serviceID: String? = nil, line: Int
    ) throws -> Int64 {
        let district = ReferenceRegistry.bulgaria.municipality(code: municipality)?.districtCode ?? "XXX"
        return try store.database.write { db in
            let sourceKind =
                try String.fetchOne(db, sql: "SELECT kind FROM sources WHERE id = ?", arguments: [source])
                ?? ""
            try db.execute(
                sql: """
                    INSERT INTO records (source_id, municipality_code, district_code, primary_kind, kinds, target_group,
                        target_group_name, service_name, capacity, users, financing, planning_level, source_kind,
                        service_id, line, byte_offset, record_index, run_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'run-1')
                    """,
                arguments: [
                    source, municipality, district, kinds[0].key, kinds.map(\.key).joined(separator: "|"),
                    group.code,
                    group.nameBG, name, capacity, users, financing.rawValue, level.rawValue, sourceKind,
                    serviceID,
                    line, line * 80, line - 2,
                ])
            return db.lastInsertedRowID
        }
    }

    /// Adds a rejected row.
    func reject(source: Int64, reason: RejectReason, line: Int) throws {
        try store.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO rejects (source_id, line, byte_offset, record_index, reason, message, raw_text, run_id)
                    VALUES (?, ?, ?, ?, ?, 'rejected', 'raw', 'run-1')
                    """,
                arguments: [source, line, line * 80, line - 2, reason.rawValue])
        }
    }

    /// Sets every source's row counts from its records and rejects.
    func finish() throws {
        try store.database.write { db in
            try db.execute(
                sql: """
                    UPDATE sources SET
                      loaded = (SELECT COUNT(*) FROM records WHERE source_id = sources.id),
                      rejected = (SELECT COUNT(*) FROM rejects WHERE source_id = sources.id),
                      rows_read = (SELECT COUNT(*) FROM records WHERE source_id = sources.id)
                                + (SELECT COUNT(*) FROM rejects WHERE source_id = sources.id)
                    """)
        }
    }
}
