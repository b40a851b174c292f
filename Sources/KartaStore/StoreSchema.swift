import GRDB

/// One step of the store's schema: the version it brings the store to, and what it does.
struct SchemaStep: Sendable {
    let version: Int
    let name: String
    let apply: @Sendable (Database) throws -> Void
}

/// The store's tables and their versions. The version a store is at lives in
/// `PRAGMA user_version`; ``migrate(_:)`` brings an older store to ``version`` inside the caller's
/// transaction (all steps or none). Never edit a shipped step: add a new one.
///
/// Stores written before version 5 kept GRDB's `grdb_migrations` table instead of
/// `user_version`: their version is the number of those migrations applied.
enum StoreSchema {
    /// The schema version this build reads and writes.
    static var version: Int { steps.last?.version ?? 0 }

    /// The version of the store open on `db`: `user_version`, or for stores from before
    /// version 5, the number of GRDB migrations they record.
    static func storedVersion(_ db: Database) throws -> Int {
        let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if userVersion > 0 { return userVersion }
        guard try db.tableExists("grdb_migrations") else { return 0 }
        let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        return steps.prefix { applied.contains($0.name) }.count
    }

    /// Applies every step above the stored version and records the new version; runs inside the
    /// caller's transaction, so a failure (or a crash) leaves the store at its old version.
    static func migrate(_ db: Database) throws {
        let from = try storedVersion(db)
        for step in steps where step.version > from {
            try step.apply(db)
        }
        try db.execute(sql: "PRAGMA user_version = \(version)")
    }

    /// The names of the steps a store at `version` has had, oldest first.
    static func names(upTo version: Int) -> [String] {
        steps.filter { $0.version <= version }.map(\.name)
    }

    static let steps: [SchemaStep] = [
        SchemaStep(version: 1, name: "v1: runs, sources, records, rejects") { db in
            try db.create(table: "runs") { t in
                t.primaryKey("id", .text)
                t.column("started_at", .text).notNull()
                t.column("finished_at", .text)
                t.column("karta_version", .text).notNull()
                t.column("pipeline_path", .text)
                t.column("pipeline_sha256", .text)
                t.column("command", .text).notNull()
                t.column("outcome", .text)
                t.column("exit_status", .integer)
                t.column("manifest_json", .text)
            }
            try db.create(table: "sources") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("path", .text).notNull().unique()
                t.column("sha256", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("format", .text).notNull()
                t.column("encoding", .text)
                t.column("delimiter", .text)
                t.column("header_line", .integer)
                t.column("status", .text).notNull()
                t.column("rows_read", .integer).notNull()
                t.column("loaded", .integer).notNull()
                t.column("rejected", .integer).notNull()
                t.column("non_data", .integer).notNull()
                t.column("dropped_columns", .text).notNull().defaults(to: "[]")
                t.column("run_id", .text).notNull()
                t.check(sql: "rows_read = loaded + rejected + non_data")
            }
            try db.create(table: "records") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("source_id", .integer).notNull().indexed()
                    .references("sources", onDelete: .cascade)
                t.column("municipality_code", .text).notNull().indexed()
                t.column("district_code", .text).notNull().indexed()
                t.column("primary_kind", .text).notNull()
                t.column("kinds", .text).notNull()
                t.column("target_group", .text).notNull()
                t.column("target_group_name", .text).notNull()
                t.column("service_name", .text).notNull()
                t.column("capacity", .integer)
                t.column("users", .integer)
                t.column("financing", .text).notNull()
                t.column("provider", .text)
                t.column("reporting_date", .text)
                t.column("planning_level", .text).notNull()
                t.column("source_kind", .text).notNull()
                t.column("service_id", .text)
                t.column("settlement_ekatte", .text)
                t.column("line", .integer).notNull()
                t.column("column", .integer)
                t.column("byte_offset", .integer).notNull()
                t.column("record_index", .integer).notNull()
                t.column("run_id", .text).notNull()
                t.column("warnings", .text).notNull().defaults(to: "[]")
            }
            try db.create(table: "rejects") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("source_id", .integer).notNull().indexed()
                    .references("sources", onDelete: .cascade)
                t.column("line", .integer).notNull()
                t.column("column_index", .integer)
                t.column("byte_offset", .integer).notNull()
                t.column("record_index", .integer).notNull()
                t.column("column_name", .text)
                t.column("reason", .text).notNull().indexed()
                t.column("message", .text).notNull()
                t.column("raw_text", .text).notNull()
                t.column("run_id", .text).notNull()
            }
        },
        SchemaStep(version: 2, name: "v2: records rollup and service indexes") { db in
            // A covering index in the order of the aggregate's GROUP BY: SQLite streams the groups
            // from it instead of sorting every record (1 M records: ~0.5 s instead of ~5 s of CPU).
            try db.execute(
                sql: """
                    CREATE INDEX records_rollup ON records(
                        municipality_code, primary_kind, target_group, planning_level, source_kind,
                        district_code, financing, capacity, users, target_group_name)
                    """)
            // Reconciliation by service identifier groups the records that carry one.
            try db.execute(
                sql: """
                    CREATE INDEX records_service ON records(
                        municipality_code, service_id, source_kind, financing, capacity, primary_kind, target_group)
                    WHERE service_id IS NOT NULL
                    """)
        },
        SchemaStep(version: 3, name: "v3: runs keep their draft") { db in
            // The draft a run computed, without lineage, so that `karta diff` can compare runs.
            try db.alter(table: "runs") { t in t.add(column: "draft_json", .text) }
        },
        SchemaStep(version: 4, name: "v4: no separate municipality index on records") { db in
            // `records_rollup` and `records_service` both start with municipality_code and serve
            // every lookup by municipality; a third index only slowed each insert of a load.
            try db.execute(sql: "DROP INDEX IF EXISTS records_on_municipality_code")
        },
        SchemaStep(version: 5, name: "v5: schema version in user_version") { db in
            // The version now lives in `PRAGMA user_version`, so that an older karta can tell a
            // newer store; GRDB's bookkeeping table goes.
            try db.execute(sql: "DROP TABLE IF EXISTS grdb_migrations")
        },
        SchemaStep(version: 6, name: "v6: runs record their criteria") { db in
            // The criteria a run's draft was computed with, so that `karta explain` reproduces it.
            try db.create(table: "run_criteria") { t in
                t.primaryKey("run_id", .text).references("runs", onDelete: .cascade)
                t.column("path", .text)
                t.column("version", .text).notNull()
                t.column("status", .text).notNull()
                t.column("sha256", .text)
                t.column("yaml", .text)
            }
        },
        SchemaStep(version: 7, name: "v7: the adopted Map, the scope of district-level services") { db in
            // The lines of an adopted Map (input kind `adopted-map`): kept apart from `records`,
            // so they are never counted as services; every draft is compared with them.
            try db.create(table: "adopted_map") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("source_id", .integer).notNull().indexed()
                    .references("sources", onDelete: .cascade)
                t.column("planning_level", .text).notNull()
                t.column("municipality_code", .text)
                t.column("district_code", .text).notNull()
                t.column("primary_kind", .text).notNull()
                t.column("target_group", .text).notNull()
                t.column("target_group_name", .text).notNull()
                t.column("maximum_users", .integer)
                t.column("service_name", .text).notNull()
                t.column("line", .integer).notNull()
                t.column("byte_offset", .integer).notNull()
                t.column("record_index", .integer).notNull()
                t.column("run_id", .text).notNull()
            }
            // Whom a district-level service serves (ЗСУ Art. 33): `district` or `national`;
            // NULL for municipal-level services.
            try db.alter(table: "records") { t in t.add(column: "service_scope", .text) }
        },
        SchemaStep(version: 8, name: "v8: what registers carry: money, waiting lists, months without users") {
            db in
            // Amounts in stotinki (integers: no rounding); the waiting list a count like users;
            // the months of a run of three or more without users (ЗСУ Art. 58), joined by `|`.
            // NULL: the register does not say.
            try db.alter(table: "records") { t in
                t.add(column: "state_funding_stotinki", .integer)
                t.add(column: "municipal_funding_stotinki", .integer)
                t.add(column: "waiting_list", .integer)
                t.add(column: "months_without_users", .text)
            }
            // The rollup's covering index carries the new sums too, so the aggregate's GROUP BY
            // still reads the index alone.
            try db.execute(sql: "DROP INDEX IF EXISTS records_rollup")
            try db.execute(
                sql: """
                    CREATE INDEX records_rollup ON records(
                        municipality_code, primary_kind, target_group, planning_level, source_kind,
                        district_code, financing, capacity, users, target_group_name,
                        state_funding_stotinki, municipal_funding_stotinki, waiting_list, months_without_users)
                    """)
        },
    ]
}
