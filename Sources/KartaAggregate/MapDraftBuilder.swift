import Foundation
import GRDB
import KartaModel
import KartaStore

/// Builds the Map draft (or just the area totals) from a store.
///
/// The heavy lifting is one `GROUP BY` in SQLite over the records (see ``GroupScan``); the rest
/// works on the groups — a few thousand rows for the whole country.
public struct MapDraftBuilder: Sendable {
    public let store: Store
    public let criteria: PlanningCriteria
    public let options: AggregationOptions
    public let registry: ReferenceRegistry

    public init(
        store: Store, criteria: PlanningCriteria = .none, options: AggregationOptions = AggregationOptions(),
        registry: ReferenceRegistry = .bulgaria
    ) {
        self.store = store
        self.criteria = criteria
        self.options = options
        self.registry = registry
    }

    /// The whole draft: areas, cells of the three levels, reconciliation, rejects summary.
    public func build() throws -> MapDraft {
        try store.read { db in
            let groups = try GroupScan.read(db, scope: .all, includeLineage: options.includeLineage)
            let rollup = Rollup(groups: groups, policy: options.sourcePolicy, registry: registry)
            let assembler = CellAssembler(criteria: criteria, registry: registry, scope: .all)
            let cells = assembler.cells(from: rollup)
            let areas = AreaSummaries.make(
                cells: cells, rollup: rollup, registry: registry, scope: .all, includeEmpty: true)
            let metadata = MapDraftMetadata(
                criteria: criteria, options: options, populationDate: registry.populationDate,
                sources: try DraftSources.read(db))
            return MapDraft(
                metadata: metadata, areas: areas, cells: cells,
                reconciliation: try Reconciler.reconcile(db, includeLineage: options.includeLineage),
                rejects: try DraftSources.rejects(db))
        }
    }

    /// The cells of all three levels with criteria applied (the draft without areas,
    /// reconciliation and rejects), in draft order.
    public func buildCells() throws -> [MapCell] {
        try cells(scope: .all, includeLineage: options.includeLineage).1
    }

    /// The reconciliation of municipal registers and АСП exports alone.
    public func reconciliation() throws -> ReconciliationReport {
        try store.read { db in try Reconciler.reconcile(db) }
    }

    /// The totals of every area of `level` (what `karta aggregate` prints), without lineage or
    /// criteria. `includeEmpty` lists areas without records too; otherwise only areas with at
    /// least one counted record appear (the national area always appears).
    public func summaries(level: AreaLevel, includeEmpty: Bool = false) throws -> [AreaSummary] {
        let rollup = try store.read { db in
            Rollup(
                groups: try GroupScan.read(db, scope: .all, includeLineage: false),
                policy: options.sourcePolicy, registry: registry)
        }
        let cells = CellAssembler(criteria: .none, registry: registry, scope: .all).cells(from: rollup)
        return AreaSummaries.make(
            cells: cells.filter { $0.level == level }, rollup: rollup, registry: registry, scope: .all,
            includeEmpty: includeEmpty
        ).filter { $0.level == level }
    }

    /// The cells (all levels in scope) and the rollup they came from, with lineage; for `explain`.
    ///
    /// With `kind`, only that kind's records are read: its cells (and their minimum-package
    /// status) do not depend on other kinds.
    func cells(scope: AggregationScope, kind: ServiceKind? = nil, includeLineage: Bool = true) throws
        -> (Rollup, [MapCell])
    {
        let rollup = try store.read { db in
            Rollup(
                groups: try GroupScan.read(db, scope: scope, kind: kind, includeLineage: includeLineage),
                policy: options.sourcePolicy, registry: registry)
        }
        return (
            rollup, CellAssembler(criteria: criteria, registry: registry, scope: scope).cells(from: rollup)
        )
    }
}

/// Reads the sources table and the rejects summary for the draft's metadata.
enum DraftSources {
    static func read(_ db: Database) throws -> [DraftSource] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, path, sha256, kind, format, rows_read, loaded, rejected, non_data
                FROM sources ORDER BY path
                """)
        return rows.map { row in
            DraftSource(
                id: row[0], path: row[1], sha256: row[2], kind: row[3], format: row[4], rowsRead: row[5],
                loaded: row[6], rejected: row[7], nonData: row[8])
        }
    }

    static func rejects(_ db: Database) throws -> [RejectSummary] {
        var municipalityOfSource: [Int64: String] = [:]
        let sourceRows = try Row.fetchAll(
            db,
            sql: """
                SELECT source_id, MIN(municipality_code), MAX(municipality_code) FROM records
                WHERE source_id IN (SELECT DISTINCT source_id FROM rejects) GROUP BY source_id
                """)
        for row in sourceRows where (row[1] as String) == (row[2] as String) {
            municipalityOfSource[row[0]] = row[1]
        }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT rejects.source_id, sources.path, rejects.reason, COUNT(*)
                FROM rejects JOIN sources ON sources.id = rejects.source_id
                GROUP BY rejects.source_id, rejects.reason
                """)
        let summaries = rows.map { row in
            RejectSummary(
                municipalityCode: municipalityOfSource[row[0]], sourcePath: row[1], reason: row[2],
                count: row[3])
        }
        return summaries.sorted {
            ($0.municipalityCode ?? "\u{10FFFF}", $0.sourcePath, $0.reason)
                < ($1.municipalityCode ?? "\u{10FFFF}", $1.sourcePath, $1.reason)
        }
    }
}
