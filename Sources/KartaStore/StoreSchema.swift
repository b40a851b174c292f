import GRDB

/// The store's tables, created and upgraded by GRDB's migrator. Never edit a shipped migration:
/// add a new one.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, sources, records, rejects") { db in
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
        }
        migrator.registerMigration("v2: records rollup and service indexes") { db in
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
        }
        migrator.registerMigration("v3: runs keep their draft") { db in
            // The draft a run computed, without lineage, so that `karta diff` can compare runs.
            try db.alter(table: "runs") { t in t.add(column: "draft_json", .text) }
        }
        migrator.registerMigration("v4: no separate municipality index on records") { db in
            // `records_rollup` and `records_service` both start with municipality_code and serve
            // every lookup by municipality; a third index only slowed each insert of a load.
            try db.execute(sql: "DROP INDEX IF EXISTS records_on_municipality_code")
        }
        migrator.registerMigration("v5: runs record their criteria") { db in
            // The criteria a run's draft was computed with, so that `karta explain` reproduces it.
            try db.create(table: "run_criteria") { t in
                t.primaryKey("run_id", .text).references("runs", onDelete: .cascade)
                t.column("path", .text)
                t.column("version", .text).notNull()
                t.column("status", .text).notNull()
                t.column("sha256", .text)
                t.column("yaml", .text)
            }
        }
        return migrator
    }
}
