import KartaStore
import PostgresNIO

/// The tables of a PostgreSQL store, in the schema `karta` of its database, and their version.
///
/// The version numbers are the SQLite store's (``Store/schemaVersion``): the first PostgreSQL
/// step creates a store at version 6 as SQLite's first six steps leave it, and each later SQLite
/// step gets its PostgreSQL twin (same tables, columns and indexes; SQLite's INTEGER is `bigint`,
/// TEXT is `text`). A test compares the columns of both backends, so a drift fails it. The version lives in `karta.schema_version`; a store newer than this build is refused
/// before anything is written, as a SQLite store is.
public enum PostgresSchema {
    /// The schema version this build reads and writes.
    public static var version: Int { steps.last?.version ?? 0 }

    struct Step: Sendable {
        let version: Int
        let name: String
        let statements: [String]
    }

    /// Brings the store to ``version`` in one transaction, or refuses a newer one.
    public static func migrate(_ session: PostgresSession) throws {
        try session.transaction {
            // Two first runs at once: the second waits here, then finds the tables made.
            try session.execute("SELECT pg_advisory_xact_lock(\(Int32(0x4B41_5254)), 0)")
            let found = try storedVersion(session)
            if found > version {
                throw StoreError.newerSchema(
                    path: session.address.description, found: found, supported: version)
            }
            for step in steps where step.version > found {
                for statement in step.statements {
                    try session.execute(PostgresQuery(unsafeSQL: statement))
                }
            }
            if found < version {
                try session.execute("DELETE FROM karta.schema_version")
                try session.execute("INSERT INTO karta.schema_version (version) VALUES (\(version))")
            }
        }
    }

    /// The version of the store, 0 for an empty database.
    public static func storedVersion(_ session: PostgresSession) throws -> Int {
        let exists = try session.rows("SELECT to_regclass('karta.schema_version') IS NOT NULL")
        guard try exists.first?.decode(Bool.self) == true else { return 0 }
        let rows = try session.rows("SELECT version FROM karta.schema_version")
        return Int(try rows.first?.decode(Int64.self) ?? 0)
    }

    static let steps: [Step] = [
        Step(
            version: 6, name: "v6: runs, sources, records, rejects, run criteria",
            statements: [
                "CREATE SCHEMA IF NOT EXISTS karta",
                "CREATE TABLE karta.schema_version (version bigint NOT NULL)",
                """
                CREATE TABLE karta.runs (
                    id text PRIMARY KEY, started_at text NOT NULL, finished_at text,
                    karta_version text NOT NULL, pipeline_path text, pipeline_sha256 text,
                    command text NOT NULL, outcome text, exit_status bigint, manifest_json text,
                    draft_json text)
                """,
                """
                CREATE TABLE karta.sources (
                    id bigint PRIMARY KEY, path text NOT NULL UNIQUE, sha256 text NOT NULL,
                    size bigint NOT NULL, kind text NOT NULL, format text NOT NULL, encoding text,
                    delimiter text, header_line bigint, status text NOT NULL,
                    rows_read bigint NOT NULL, loaded bigint NOT NULL, rejected bigint NOT NULL,
                    non_data bigint NOT NULL, dropped_columns text NOT NULL DEFAULT '[]',
                    run_id text NOT NULL,
                    CHECK (rows_read = loaded + rejected + non_data))
                """,
                """
                CREATE TABLE karta.records (
                    id bigint PRIMARY KEY,
                    source_id bigint NOT NULL REFERENCES karta.sources ON DELETE CASCADE,
                    municipality_code text NOT NULL, district_code text NOT NULL,
                    primary_kind text NOT NULL, kinds text NOT NULL, target_group text NOT NULL,
                    target_group_name text NOT NULL, service_name text NOT NULL, capacity bigint,
                    users bigint, financing text NOT NULL, provider text, reporting_date text,
                    planning_level text NOT NULL, source_kind text NOT NULL, service_id text,
                    settlement_ekatte text, line bigint NOT NULL, "column" bigint,
                    byte_offset bigint NOT NULL, record_index bigint NOT NULL, run_id text NOT NULL,
                    warnings text NOT NULL DEFAULT '[]')
                """,
                "CREATE INDEX records_source ON karta.records (source_id)",
                "CREATE INDEX records_district ON karta.records (district_code)",
                """
                CREATE INDEX records_service ON karta.records (
                    municipality_code, service_id, source_kind, financing, capacity, primary_kind, target_group)
                WHERE service_id IS NOT NULL
                """,
                """
                CREATE INDEX records_rollup ON karta.records (
                    municipality_code, primary_kind, target_group, planning_level, source_kind,
                    district_code, financing, capacity, users, target_group_name)
                """,
                """
                CREATE TABLE karta.rejects (
                    id bigint PRIMARY KEY,
                    source_id bigint NOT NULL REFERENCES karta.sources ON DELETE CASCADE,
                    line bigint NOT NULL, column_index bigint, byte_offset bigint NOT NULL,
                    record_index bigint NOT NULL, column_name text, reason text NOT NULL,
                    message text NOT NULL, raw_text text NOT NULL, run_id text NOT NULL)
                """,
                "CREATE INDEX rejects_source ON karta.rejects (source_id)",
                "CREATE INDEX rejects_reason ON karta.rejects (reason)",
                """
                CREATE TABLE karta.run_criteria (
                    run_id text PRIMARY KEY REFERENCES karta.runs ON DELETE CASCADE, path text,
                    version text NOT NULL, status text NOT NULL, sha256 text, yaml text)
                """,
            ]),
        Step(
            version: 7, name: "v7: the adopted Map, the scope of district-level services",
            statements: [
                """
                CREATE TABLE karta.adopted_map (
                    id bigint PRIMARY KEY,
                    source_id bigint NOT NULL REFERENCES karta.sources ON DELETE CASCADE,
                    planning_level text NOT NULL, municipality_code text, district_code text NOT NULL,
                    primary_kind text NOT NULL, target_group text NOT NULL, target_group_name text NOT NULL,
                    maximum_users bigint, service_name text NOT NULL, line bigint NOT NULL,
                    byte_offset bigint NOT NULL, record_index bigint NOT NULL, run_id text NOT NULL)
                """,
                "CREATE INDEX adopted_map_source ON karta.adopted_map (source_id)",
                "ALTER TABLE karta.records ADD COLUMN service_scope text",
            ]),
        Step(
            version: 8, name: "v8: what registers carry: money, waiting lists, months without users",
            statements: [
                "ALTER TABLE karta.records ADD COLUMN state_funding_stotinki bigint",
                "ALTER TABLE karta.records ADD COLUMN municipal_funding_stotinki bigint",
                "ALTER TABLE karta.records ADD COLUMN waiting_list bigint",
                "ALTER TABLE karta.records ADD COLUMN months_without_users text",
                "DROP INDEX IF EXISTS karta.records_rollup",
                """
                CREATE INDEX records_rollup ON karta.records (
                    municipality_code, primary_kind, target_group, planning_level, source_kind,
                    district_code, financing, capacity, users, target_group_name,
                    state_funding_stotinki, municipal_funding_stotinki, waiting_list, months_without_users)
                """,
            ]),
    ]
}
