import Foundation
import KartaModel
import KartaStore

/// Builds the Map draft (or just the area totals) from a store.
///
/// The heavy lifting is the store's sums per group of records (see ``GroupScan``); the rest
/// works on the groups — a few thousand rows for the whole country.
public struct MapDraftBuilder: Sendable {
    public let store: any StoreReading
    public let criteria: PlanningCriteria
    public let options: AggregationOptions
    public let registry: ReferenceRegistry
    /// The financing standards that cost the cells (ЗСУ Art. 45); nil: the draft has no costs.
    public let standards: FinancingStandards?
    /// Target-group populations per municipality that replace the criteria's national shares.
    public let indicators: TargetGroupIndicators?

    public init(
        store: any StoreReading, criteria: PlanningCriteria = .none, options: AggregationOptions = AggregationOptions(),
        registry: ReferenceRegistry = .bulgaria, standards: FinancingStandards? = nil,
        indicators: TargetGroupIndicators? = nil
    ) {
        self.store = store
        self.criteria = criteria
        self.options = options
        self.registry = registry
        self.standards = standards
        self.indicators = indicators
    }

    /// The cell assembler of this builder's criteria, standards and indicators.
    func assembler(scope: AggregationScope) -> CellAssembler {
        CellAssembler(
            criteria: criteria, registry: registry, scope: scope, standards: standards, indicators: indicators)
    }

    /// The whole draft: areas, cells of the three levels, reconciliation, rejects summary.
    public func build() throws -> MapDraft {
        try store.consistentRead { try buildDraft() }
    }

    /// ``build()`` inside its snapshot of the store.
    private func buildDraft() throws -> MapDraft {
        let groups = try GroupScan.read(store, scope: .all, includeLineage: options.includeLineage)
        let rollup = Rollup(groups: groups, policy: options.sourcePolicy, registry: registry)
        let cells = assembler(scope: .all).cells(from: rollup)
        let areas = AreaSummaries.make(
            cells: cells, rollup: rollup, registry: registry, scope: .all, includeEmpty: true,
            costed: standards != nil)
        let sources = try DraftSources.read(store)
        let metadata = MapDraftMetadata(
            criteria: criteria, options: options, populationDate: registry.populationDate,
            sources: sources, standards: standards, indicators: indicators)
        let adoptedSources = sources.filter { $0.kind == SourceKind.adoptedMap.rawValue }.map(\.path)
        var draft = MapDraft(
            metadata: metadata, areas: areas, cells: cells,
            reconciliation: try Reconciler.reconcile(store, includeLineage: options.includeLineage),
            rejects: try DraftSources.rejects(store, registry: registry),
            comparison: adoptedSources.isEmpty
                ? nil
                : MapComparison(
                    cells: cells, entries: try store.adoptedMapEntries(), sources: adoptedSources))
        draft.servicesWithoutUsers = try store.servicesWithoutUsers()
        draft.districtServices = try DistrictService.read(
            store: store, policy: options.sourcePolicy, registry: registry)
        return draft
    }

    /// The cells of all three levels with criteria applied (the draft without areas,
    /// reconciliation and rejects), in draft order.
    public func buildCells() throws -> [MapCell] {
        try cells(scope: .all, includeLineage: options.includeLineage).1
    }

    /// The reconciliation of municipal registers and АСП exports alone.
    public func reconciliation() throws -> ReconciliationReport {
        try Reconciler.reconcile(store)
    }

    /// The totals of every area of `level` (what `karta aggregate` prints), without lineage or
    /// criteria. `includeEmpty` lists areas without records too; otherwise only areas with at
    /// least one counted record appear (the national area always appears).
    public func summaries(level: AreaLevel, includeEmpty: Bool = false) throws -> [AreaSummary] {
        let rollup = Rollup(
            groups: try GroupScan.read(store, scope: .all, includeLineage: false),
            policy: options.sourcePolicy, registry: registry)
        let cells = assembler(scope: .all).cells(from: rollup)
        return AreaSummaries.make(
            cells: cells.filter { $0.level == level }, rollup: rollup, registry: registry, scope: .all,
            includeEmpty: includeEmpty, costed: standards != nil
        ).filter { $0.level == level }
    }

    /// The cells (all levels in scope) and the rollup they came from, with lineage; for `explain`.
    ///
    /// With `kind`, only that kind's records are read: its cells (and their minimum-package
    /// status) do not depend on other kinds.
    func cells(scope: AggregationScope, kind: ServiceKind? = nil, includeLineage: Bool = true) throws
        -> (Rollup, [MapCell])
    {
        let rollup = Rollup(
            groups: try GroupScan.read(store, scope: scope, kind: kind, includeLineage: includeLineage),
            policy: options.sourcePolicy, registry: registry)
        return (
            rollup, assembler(scope: scope).cells(from: rollup)
        )
    }
}

/// Reads the sources and the rejects summary for the draft's metadata.
enum DraftSources {
    static func read(_ store: any StoreReading) throws -> [DraftSource] {
        try store.sourceSummaries().map { source in
            DraftSource(
                id: source.storeID ?? 0, path: source.path, sha256: source.sha256 ?? "", kind: source.kind.rawValue,
                format: source.format?.rawValue ?? "", rowsRead: source.rowsRead, loaded: source.loaded,
                rejected: source.rejected, nonData: source.nonData)
        }
    }

    /// The rejects per source file, reason and municipality. A reject belongs to the
    /// municipality of its file when the file's records all belong to one; in a file that spans
    /// several, to the one of those municipalities whose name its raw text contains (a district
    /// seat's name twice, as it may be the district column alone), unless the row was rejected for its
    /// municipality; otherwise to none (unknown).
    static func rejects(_ store: any StoreReading, registry: ReferenceRegistry = .bulgaria) throws
        -> [RejectSummary]
    {
        let municipalitiesOfSource = try store.municipalitiesOfSourcesWithRejects()
        var attribution = RejectAttribution(registry: registry)
        var counts: [RejectSummary: Int] = [:]
        try store.forEachReject { reject in
            let candidates = municipalitiesOfSource[reject.sourcePath] ?? []
            let municipality = attribution.municipality(
                rawText: reject.rawText, candidates: candidates,
                areaUnknown: RejectAttribution.areaReasons.contains(reject.reason))
            let key = RejectSummary(
                municipalityCode: municipality, sourcePath: reject.sourcePath, reason: reject.reason, count: 0)
            counts[key, default: 0] += 1
        }
        let summaries = counts.map { key, count in
            var summary = key
            summary.count = count
            return summary
        }
        return summaries.sorted {
            ($0.municipalityCode ?? "\u{10FFFF}", $0.sourcePath, $0.reason)
                < ($1.municipalityCode ?? "\u{10FFFF}", $1.sourcePath, $1.reason)
        }
    }
}

/// Finds the municipality a rejected row of a multi-municipality file speaks of, by the names
/// of the file's municipalities in its raw text.
struct RejectAttribution {
    let registry: ReferenceRegistry
    private var folded: [String: FoldedName] = [:]

    init(registry: ReferenceRegistry) { self.registry = registry }

    /// Reasons that say the row's municipality could not be told.
    static let areaReasons: Set<String> = [
        "unknown_municipality", "ambiguous_municipality", "district_mismatch",
    ]

    /// `candidates`: the municipalities of the file's records. `areaUnknown`: the row was
    /// rejected because its municipality could not be told (then only a one-municipality file
    /// gives it one).
    mutating func municipality(rawText: String, candidates: [String], areaUnknown: Bool) -> String? {
        if candidates.count == 1 { return candidates[0] }
        guard !candidates.isEmpty, !areaUnknown else { return nil }
        // The row's runs of up to `longest` words, counted once, so that each candidate is one
        // lookup (a national file has 265 candidates for each of its rejects).
        let names = candidates.map { name(of: $0) }
        let longest = names.map(\.words).max() ?? 1
        let words = NameKey.fold(rawText).split(separator: " ")
        var phrases: [Substring: Int] = [:]
        for start in words.indices {
            for length in 1...longest where start + length <= words.count {
                let first = words[start].startIndex
                let last = words[start + length - 1].endIndex
                phrases[words[start].base[first..<last], default: 0] += 1
            }
        }
        var found: [String] = []
        for (code, name) in zip(candidates, names) where !name.key.isEmpty {
            // „Стара Загора;;ЦОП;…": a district seat's name may be the district column alone, so
            // it counts only when written twice (district and municipality).
            if phrases[Substring(name.key), default: 0] >= (name.isDistrictSeat ? 2 : 1) { found.append(code) }
        }
        return found.count == 1 ? found[0] : nil
    }

    /// A municipality's folded name, its word count and whether its district bears the same name.
    private mutating func name(of code: String) -> FoldedName {
        if let known = folded[code] { return known }
        var name = FoldedName(key: "", words: 1, isDistrictSeat: false)
        if let municipality = registry.municipality(code: code) {
            name.key = NameKey.fold(municipality.nameBG)
            name.words = max(1, name.key.split(separator: " ").count)
            name.isDistrictSeat =
                registry.district(code: municipality.districtCode).map { NameKey.fold($0.nameBG) == name.key }
                ?? false
        }
        folded[code] = name
        return name
    }

    private struct FoldedName {
        var key: String
        var words: Int
        var isDistrictSeat: Bool
    }
}
