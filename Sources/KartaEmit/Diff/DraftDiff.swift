import KartaAggregate
import KartaModel

/// What changed between two Map drafts — everything a reader of the drafts would see differ:
/// cells added and removed (including cells that only have a proposal), every numeric field of
/// the cells present in both, the totals of every area at the three levels (the nation `BG`
/// included), and the criteria version. The contract is in `docs/aggregation.md`.
///
/// Cells are matched by level × area × kind × target group. A cell is *present* in a draft when
/// it has services, a proposal or any non-zero figure; the zero cells a criterion or minimum
/// package adds are not (so a service that disappears shows as removed even though its criterion
/// keeps an empty cell).
public struct DraftDiff: Sendable, Encodable, Hashable {
    /// A value on each side; nil where the side has none.
    public struct Change<Value: Sendable & Encodable & Hashable>: Sendable, Encodable, Hashable {
        public var old: Value?
        public var new: Value?
    }

    /// One cell: its identity and, for added or removed cells, its figures; for changed cells,
    /// the fields that differ.
    public struct CellEntry: Sendable, Encodable, Hashable {
        public var level: AreaLevel
        public var areaCode: String
        public var areaName: String
        public var kind: ServiceKind
        public var targetGroup: String
        public var targetGroupName: String
        /// Added or removed cells: every numeric field of the side that has the cell.
        public var values: [String: Int]?
        /// Changed cells: each field that differs, under its name.
        public var changes: [String: Change<Int>]?

        enum CodingKeys: String, CodingKey {
            case level, kind, values, changes
            case areaCode = "area_code"
            case areaName = "area_name"
            case targetGroup = "target_group"
            case targetGroupName = "target_group_name"
        }
    }

    /// An area whose totals changed: each field that differs, under its name.
    public struct AreaEntry: Sendable, Encodable, Hashable {
        public var level: AreaLevel
        public var code: String
        public var name: String
        public var changes: [String: Change<Int>]
    }

    /// The numeric fields of a cell that the diff compares, by their JSON name.
    public static let cellFields: [(name: String, value: @Sendable (MapCell) -> Int?)] = [
        ("services", { $0.services }),
        ("capacity", { $0.capacity }),
        ("unknown_capacity_services", { $0.unknownCapacityServices }),
        ("state_delegated_capacity", { $0.stateDelegatedCapacity }),
        ("users", { $0.users }),
        ("maximum_users", { $0.maximumUsers }),
        ("proposed_users", { $0.proposedUsers }),
    ]

    /// The numeric totals of an area that the diff compares, by their JSON name.
    public static let areaFields: [(name: String, value: @Sendable (AreaSummary) -> Int?)] = [
        ("records", { $0.records }),
        ("capacity", { $0.capacity }),
        ("unknown_capacity_services", { $0.unknownCapacityServices }),
        ("state_delegated_capacity", { $0.stateDelegatedCapacity }),
        ("users", { $0.users }),
        ("maximum_users", { $0.maximumUsers }),
        ("hosted_records", { $0.hosted?.records }),
        ("hosted_capacity", { $0.hosted?.capacity }),
    ]

    public var oldDraftID: String
    public var newDraftID: String
    /// Present when the criteria version differs.
    public var criteriaVersion: Change<String>?
    public var cellsAdded: [CellEntry]
    public var cellsRemoved: [CellEntry]
    public var cellsChanged: [CellEntry]
    /// Municipalities, districts, then the nation, by code.
    public var areasChanged: [AreaEntry]

    enum CodingKeys: String, CodingKey {
        case oldDraftID = "old_draft_id"
        case newDraftID = "new_draft_id"
        case criteriaVersion = "criteria_version"
        case cellsAdded = "cells_added"
        case cellsRemoved = "cells_removed"
        case cellsChanged = "cells_changed"
        case areasChanged = "areas_changed"
        case equal
    }

    /// True when the drafts have nothing that differs (exit status 0 of `karta diff`).
    public var isEmpty: Bool {
        criteriaVersion == nil && cellsAdded.isEmpty && cellsRemoved.isEmpty && cellsChanged.isEmpty
            && areasChanged.isEmpty
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(oldDraftID, forKey: .oldDraftID)
        try container.encode(newDraftID, forKey: .newDraftID)
        try container.encodeIfPresent(criteriaVersion, forKey: .criteriaVersion)
        try container.encode(cellsAdded, forKey: .cellsAdded)
        try container.encode(cellsRemoved, forKey: .cellsRemoved)
        try container.encode(cellsChanged, forKey: .cellsChanged)
        try container.encode(areasChanged, forKey: .areasChanged)
        try container.encode(isEmpty, forKey: .equal)
    }

    private struct CellKey: Hashable, Comparable {
        var level: AreaLevel
        var areaCode: String
        var kind: ServiceKind
        var targetGroup: String

        static func < (a: CellKey, b: CellKey) -> Bool {
            let left = (AreaLevel.allCases.firstIndex(of: a.level) ?? 0, a.areaCode)
            let right = (AreaLevel.allCases.firstIndex(of: b.level) ?? 0, b.areaCode)
            if left != right { return left < right }
            if a.kind != b.kind { return a.kind < b.kind }
            return a.targetGroup < b.targetGroup
        }
    }

    /// Whether a cell shows anything: services, a proposal or a non-zero figure.
    static func isPresent(_ cell: MapCell) -> Bool {
        cell.services > 0 || cell.proposedUsers != nil
            || cellFields.contains { ($0.value(cell) ?? 0) != 0 }
    }

    /// Compares `old` with `new`; lists are in level, area, kind, target group order.
    public init(old: MapDraft, new: MapDraft) {
        oldDraftID = old.metadata.draftID
        newDraftID = new.metadata.draftID
        criteriaVersion =
            old.metadata.criteriaVersion == new.metadata.criteriaVersion
            ? nil : Change(old: old.metadata.criteriaVersion, new: new.metadata.criteriaVersion)
        func index(_ draft: MapDraft) -> [CellKey: MapCell] {
            Dictionary(
                draft.cells.filter(Self.isPresent).map {
                    (
                        CellKey(
                            level: $0.level, areaCode: $0.areaCode, kind: $0.kind,
                            targetGroup: $0.targetGroup.code), $0
                    )
                }, uniquingKeysWith: { first, _ in first })
        }
        let oldCells = index(old)
        let newCells = index(new)
        var names: [String: String] = [:]
        for area in old.areas + new.areas { names[area.code] = area.name }
        func entry(_ key: CellKey, _ cell: MapCell) -> CellEntry {
            CellEntry(
                level: key.level, areaCode: key.areaCode, areaName: names[key.areaCode] ?? key.areaCode,
                kind: key.kind, targetGroup: key.targetGroup, targetGroupName: cell.targetGroup.nameBG)
        }
        func values(_ cell: MapCell) -> [String: Int] {
            var result: [String: Int] = [:]
            for field in Self.cellFields { result[field.name] = field.value(cell) }
            return result
        }
        var added: [CellEntry] = []
        var removed: [CellEntry] = []
        var changed: [CellEntry] = []
        for key in Set(oldCells.keys).union(newCells.keys).sorted() {
            switch (oldCells[key], newCells[key]) {
            case (nil, let after?):
                var item = entry(key, after)
                item.values = values(after)
                added.append(item)
            case (let before?, nil):
                var item = entry(key, before)
                item.values = values(before)
                removed.append(item)
            case (let before?, let after?):
                var changes: [String: Change<Int>] = [:]
                for field in Self.cellFields where field.value(before) != field.value(after) {
                    changes[field.name] = Change(old: field.value(before), new: field.value(after))
                }
                guard !changes.isEmpty else { continue }
                var item = entry(key, after)
                item.changes = changes
                changed.append(item)
            case (nil, nil):
                continue
            }
        }
        cellsAdded = added
        cellsRemoved = removed
        cellsChanged = changed
        struct AreaKey: Hashable {
            var level: AreaLevel
            var code: String
        }
        let oldAreas = Dictionary(
            old.areas.map { (AreaKey(level: $0.level, code: $0.code), $0) }, uniquingKeysWith: { a, _ in a })
        let newAreas = Dictionary(
            new.areas.map { (AreaKey(level: $0.level, code: $0.code), $0) }, uniquingKeysWith: { a, _ in a })
        var areaChanges: [AreaEntry] = []
        for level in AreaLevel.allCases {
            let codes = Set(oldAreas.keys.filter { $0.level == level }.map(\.code))
                .union(newAreas.keys.filter { $0.level == level }.map(\.code)).sorted()
            for code in codes {
                let before = oldAreas[AreaKey(level: level, code: code)]
                let after = newAreas[AreaKey(level: level, code: code)]
                var changes: [String: Change<Int>] = [:]
                for field in Self.areaFields {
                    let was = before.flatMap(field.value) ?? 0
                    let now = after.flatMap(field.value) ?? 0
                    if was != now { changes[field.name] = Change(old: was, new: now) }
                }
                guard !changes.isEmpty else { continue }
                areaChanges.append(
                    AreaEntry(
                        level: level, code: code, name: (after ?? before)?.name ?? code, changes: changes))
            }
        }
        areasChanged = areaChanges
    }

    /// The diff as text for people: one line per cell or area, each changed field as
    /// `name old → new (±difference)`.
    public var text: String {
        var lines: [String] = []
        if let criteriaVersion {
            lines.append("criteria version: \(criteriaVersion.old ?? "-") → \(criteriaVersion.new ?? "-")")
        }
        func describe(_ cell: CellEntry) -> String {
            "\(cell.level.rawValue) \(cell.areaCode) \(cell.areaName) | \(cell.kind.rawValue) | \(cell.targetGroupName)"
        }
        func listValues(_ values: [String: Int]?) -> String {
            Self.cellFields.compactMap { field in values?[field.name].map { "\(field.name) \($0)" } }
                .joined(separator: ", ")
        }
        func listChanges(_ changes: [String: Change<Int>], order: [String]) -> String {
            order.compactMap { name in
                guard let change = changes[name] else { return nil }
                var text =
                    "\(name) \(change.old.map(String.init) ?? "-") → \(change.new.map(String.init) ?? "-")"
                if let old = change.old, let new = change.new {
                    text += " (\(new - old > 0 ? "+" : "")\(new - old))"
                }
                return text
            }.joined(separator: ", ")
        }
        lines.append("cells added: \(cellsAdded.count)")
        for cell in cellsAdded { lines.append("  + \(describe(cell)): \(listValues(cell.values))") }
        lines.append("cells removed: \(cellsRemoved.count)")
        for cell in cellsRemoved { lines.append("  - \(describe(cell)): \(listValues(cell.values))") }
        lines.append("cells changed: \(cellsChanged.count)")
        for cell in cellsChanged {
            lines.append(
                "  ~ \(describe(cell)): \(listChanges(cell.changes ?? [:], order: Self.cellFields.map(\.name)))"
            )
        }
        lines.append("area totals changed: \(areasChanged.count)")
        for area in areasChanged {
            lines.append(
                "  ~ \(area.level.rawValue) \(area.code) \(area.name): "
                    + listChanges(area.changes, order: Self.areaFields.map(\.name)))
        }
        lines.append(isEmpty ? "the drafts are equal" : "the drafts differ")
        return lines.joined(separator: "\n") + "\n"
    }
}
