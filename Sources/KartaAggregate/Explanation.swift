import KartaModel
import KartaStore

/// How a number of the draft was computed: the cells it sums, down to the records and their
/// source lines, and the criterion applied. What `karta explain` prints.
public struct Explanation: Sendable, Codable, Hashable {
    public var area: AreaReference
    public var kind: ServiceKind?
    public var targetGroupCode: String?
    public var criteriaVersion: String
    public var criteriaStatus: String
    /// Where the criteria came from (a file, or the run that recorded them); set by the caller.
    public var criteriaOrigin: String?
    /// The financing standards the costs use (version and status); nil without standards.
    public var standardsVersion: String?
    public var standardsStatus: StandardsStatus?
    /// Where the standards came from; set by the caller.
    public var standardsOrigin: String?
    /// The target-group indicators file in use (version), and where it came from; nil without one.
    public var indicatorsVersion: String?
    public var indicatorsOrigin: String?
    public var sourcePolicy: SourcePolicy
    /// The area's cells that match the kind and target group, in draft order.
    public var cells: [ExplainedCell]
    /// For a municipality: the services planned at district level located in it (ЗСУ Art. 55),
    /// one node per district cell, with the figures and records of this municipality only. They
    /// count in the district's cell (see its `planned at district level` part), not in the
    /// municipality's cells.
    public var hosted: [ExplainedCell] = []

    enum CodingKeys: String, CodingKey {
        case area
        case kind
        case targetGroupCode = "target_group_code"
        case criteriaVersion = "criteria_version"
        case criteriaStatus = "criteria_status"
        case criteriaOrigin = "criteria_origin"
        case standardsVersion = "standards_version"
        case standardsStatus = "standards_status"
        case standardsOrigin = "standards_origin"
        case indicatorsVersion = "indicators_version"
        case indicatorsOrigin = "indicators_origin"
        case sourcePolicy = "source_policy"
        case cells
        case hosted
    }
}

/// One cell and where its figures come from.
public struct ExplainedCell: Sendable, Codable, Hashable {
    /// What the node is: `SZR31 Стара Загора`, `SZR: planned at district level`.
    public var label: String
    /// The cell's figures. A cell with ``parts`` leaves `recordIDs` empty: its parts hold them.
    public var cell: MapCell
    public var criterion: AppliedCriterion?
    /// The lower-level cells it sums (a district's municipalities and its district-level
    /// services; the nation's districts), in draft order.
    public var parts: [ExplainedCell]
    /// The records it sums (leaves only), by id.
    public var records: [RecordLineage]
    /// The proposal records behind its proposed users (leaves only), by id.
    public var proposals: [RecordLineage]
}

/// Computes ``Explanation``s from a store.
public struct Explainer: Sendable {
    public let builder: MapDraftBuilder

    public init(builder: MapDraftBuilder) { self.builder = builder }

    /// Explains the cells of `area` (resolved by ``AreaReference/resolve(_:registry:)``),
    /// optionally only one kind and target group. Reads only the area's records.
    public func explain(area written: String, kind: ServiceKind? = nil, targetGroup: String? = nil) throws
        -> Explanation
    {
        try builder.store.consistentRead {
            try explainInSnapshot(area: written, kind: kind, targetGroup: targetGroup)
        }
    }

    /// ``explain(area:kind:targetGroup:)`` inside one snapshot of the store.
    private func explainInSnapshot(area written: String, kind: ServiceKind?, targetGroup: String?) throws
        -> Explanation
    {
        let area = try AreaReference.resolve(written, registry: builder.registry)
        let (rollup, cells) = try builder.cells(scope: area.scope, kind: kind)
        let groupCode = targetGroup.map { TargetGroup.named($0)?.code ?? $0 }
        func selected(_ cell: MapCell, level: AreaLevel) -> Bool {
            cell.level == level && (kind == nil || cell.kind == kind)
                && (groupCode == nil || cell.targetGroup.code == groupCode)
        }
        let targets = cells.filter { selected($0, level: area.level) && $0.areaCode == area.code }
        var nodes = targets.map { node(for: $0, cells: cells, rollup: rollup) }
        var wanted: Set<Int64> = []
        for node in nodes { collectIDs(node, into: &wanted) }
        let lineage = try Self.records(builder.store, scope: area.scope, kind: kind, ids: wanted)
        for index in nodes.indices { attach(&nodes[index], lineage: lineage) }
        var hosted: [ExplainedCell] = []
        if area.level == .municipality,
            let districtCode = builder.registry.municipality(code: area.code)?.districtCode
        {
            hosted = try hostedNodes(
                municipality: area.code, district: districtCode, kind: kind, groupCode: groupCode)
        }
        return Explanation(
            area: area, kind: kind, targetGroupCode: groupCode, criteriaVersion: builder.criteria.version,
            criteriaStatus: builder.criteria.status, standardsVersion: builder.standards?.version,
            standardsStatus: builder.standards?.status, indicatorsVersion: builder.indicators?.version,
            sourcePolicy: builder.options.sourcePolicy, cells: nodes, hosted: hosted)
    }

    /// The district-level cells of `district` with records or proposals located in
    /// `municipality`, reduced to those records. The district is read whole, so that the
    /// target-group matching and the flags are those of the draft.
    private func hostedNodes(municipality: String, district: String, kind: ServiceKind?, groupCode: String?)
        throws
        -> [ExplainedCell]
    {
        let (rollup, _) = try builder.cells(scope: .district(district), kind: kind)
        let planned = rollup.districtPlanned.filter { key, _ in
            key.areaCode == district && (groupCode == nil || key.targetGroup.code == groupCode)
        }.sorted { $0.key < $1.key }
        var wanted: Set<Int64> = []
        for (_, sums) in planned {
            wanted.formUnion(sums.recordIDs)
            wanted.formUnion(sums.proposalRecordIDs)
        }
        let lineage = try Self.records(builder.store, scope: .municipality(municipality), kind: kind, ids: wanted)
        var nodes: [ExplainedCell] = []
        for (key, sums) in planned {
            let records = sums.recordIDs.compactMap { lineage[$0] }
            let proposals = sums.proposalRecordIDs.compactMap { lineage[$0] }
            guard !records.isEmpty || !proposals.isEmpty else { continue }
            let capacity = records.reduce(0) { $0 + ($1.capacity ?? 0) }
            let stateDelegated = records.filter { $0.financing == Financing.stateDelegated.rawValue }
                .reduce(0) { $0 + ($1.capacity ?? 0) }
            let users = records.reduce(0) { $0 + ($1.users ?? 0) }
            let proposed = proposals.isEmpty ? nil : proposals.reduce(0) { $0 + ($1.capacity ?? 0) }
            let cell = MapCell(
                level: .district, areaCode: district, kind: key.kind, targetGroup: key.targetGroup,
                services: records.count, capacity: capacity, stateDelegatedCapacity: stateDelegated,
                users: users,
                maximumUsers: proposed ?? stateDelegated, proposedUsers: proposed, criterionValue: nil,
                status: .noCriterion, flags: sums.flags.sorted(), recordIDs: records.map(\.id),
                proposalRecordIDs: proposals.map(\.id),
                occupancy: Occupancy.ratio(users: users, capacity: capacity))
            nodes.append(
                ExplainedCell(
                    label:
                        "\(municipality): planned at district level \(label(.district, district)), hosted here",
                    cell: cell, criterion: nil, parts: [], records: records, proposals: proposals))
        }
        return nodes
    }

    private func label(_ level: AreaLevel, _ code: String) -> String {
        switch level {
        case .municipality: "\(code) \(builder.registry.municipality(code: code)?.nameBG ?? code)"
        case .district: "\(code) област \(builder.registry.district(code: code)?.nameBG ?? code)"
        case .national: "\(code) \(AreaSummaries.nationalName)"
        }
    }

    private func applied(_ cell: MapCell) -> AppliedCriterion? {
        let assembler = builder.assembler(scope: .all)
        guard let population = assembler.population(of: cell.areaCode, at: cell.level),
            let rule = builder.criteria.rule(
                kind: cell.kind, targetGroup: cell.targetGroup, level: cell.level)
        else { return nil }
        return assembler.criterionIndicators.applied(
            rule: rule, group: cell.targetGroup, areaCode: cell.areaCode, level: cell.level, population: population)
    }

    private func node(for cell: MapCell, cells: [MapCell], rollup: Rollup) -> ExplainedCell {
        let same = { (other: MapCell) in other.kind == cell.kind && other.targetGroup == cell.targetGroup }
        var parts: [ExplainedCell] = []
        switch cell.level {
        case .municipality:
            break
        case .district:
            parts = cells.filter {
                $0.level == .municipality && same($0)
                    && builder.registry.municipality(code: $0.areaCode)?.districtCode == cell.areaCode
                    && ($0.services > 0 || !$0.proposalRecordIDs.isEmpty)
            }.map { node(for: $0, cells: cells, rollup: rollup) }
            let key = CellKey(areaCode: cell.areaCode, kind: cell.kind, targetGroup: cell.targetGroup)
            if let planned = rollup.districtPlanned[key] {
                let plannedCell = MapCell(
                    level: .district, areaCode: cell.areaCode, kind: cell.kind, targetGroup: cell.targetGroup,
                    services: planned.services, capacity: planned.capacity,
                    stateDelegatedCapacity: planned.stateDelegatedCapacity, users: planned.users,
                    maximumUsers: planned.maximumUsers, proposedUsers: planned.proposedUsers,
                    criterionValue: nil,
                    status: .noCriterion, flags: planned.flags.sorted(), recordIDs: planned.recordIDs,
                    proposalRecordIDs: planned.proposalRecordIDs)
                parts.append(
                    ExplainedCell(
                        label: "\(cell.areaCode): planned at district level", cell: plannedCell,
                        criterion: nil,
                        parts: [], records: [], proposals: []))
            }
        case .national:
            parts = cells.filter {
                $0.level == .district && same($0) && $0.services + $0.proposalRecordIDs.count > 0
            }
            .map { node(for: $0, cells: cells, rollup: rollup) }
        }
        var shown = cell
        if !parts.isEmpty {
            shown.recordIDs = []
            shown.proposalRecordIDs = []
        }
        return ExplainedCell(
            label: label(cell.level, cell.areaCode), cell: shown, criterion: applied(cell), parts: parts,
            records: [],
            proposals: [])
    }

    private func collectIDs(_ node: ExplainedCell, into ids: inout Set<Int64>) {
        ids.formUnion(node.cell.recordIDs)
        ids.formUnion(node.cell.proposalRecordIDs)
        for part in node.parts { collectIDs(part, into: &ids) }
    }

    private func attach(_ node: inout ExplainedCell, lineage: [Int64: RecordLineage]) {
        node.records = node.cell.recordIDs.compactMap { lineage[$0] }
        node.proposals = node.cell.proposalRecordIDs.compactMap { lineage[$0] }
        for index in node.parts.indices { attach(&node.parts[index], lineage: lineage) }
    }

    /// Reads the lineage of the wanted records with one scan of the scope.
    private static func records(
        _ store: any StoreReading, scope: AggregationScope, kind: ServiceKind?, ids: Set<Int64>
    ) throws -> [Int64: RecordLineage] {
        var result: [Int64: RecordLineage] = [:]
        for record in try store.recordLineage(of: scope.selection(kind: kind), ids: ids) {
            result[record.id] = record
        }
        return result
    }
}
