import KartaAggregate
import KartaModel

/// What changed between two Map drafts: services (cells with services) that appeared or
/// disappeared, cells whose maximum number of users changed, and municipalities and districts
/// whose total maximum users changed.
///
/// Cells are matched by level × area × kind × target group. A cell "appears" when the new draft
/// has services in it and the old one has none (or no such cell); "disappears" the other way.
public struct DraftDiff: Sendable, Codable, Hashable {
    /// One cell on one side or both.
    public struct CellChange: Sendable, Codable, Hashable {
        public var level: AreaLevel
        public var areaCode: String
        public var areaName: String
        public var kind: ServiceKind
        public var targetGroup: String
        public var oldServices: Int
        public var newServices: Int
        public var oldMaximumUsers: Int?
        public var newMaximumUsers: Int?
    }

    /// An area whose maximum users changed.
    public struct AreaChange: Sendable, Codable, Hashable {
        public var level: AreaLevel
        public var code: String
        public var name: String
        public var oldMaximumUsers: Int
        public var newMaximumUsers: Int
        public var difference: Int
    }

    public var oldCriteriaVersion: String
    public var newCriteriaVersion: String
    public var addedServices: [CellChange]
    public var removedServices: [CellChange]
    /// Cells on both sides with a different maximum number of users.
    public var changedMaximumUsers: [CellChange]
    /// Municipalities, then districts, whose total maximum users changed.
    public var changedAreas: [AreaChange]

    public var isEmpty: Bool {
        addedServices.isEmpty && removedServices.isEmpty && changedMaximumUsers.isEmpty
            && changedAreas.isEmpty
    }

    private struct CellKey: Hashable, Comparable {
        var level: AreaLevel
        var areaCode: String
        var kind: ServiceKind
        var targetGroup: String

        static func < (a: CellKey, b: CellKey) -> Bool {
            (a.level, a.areaCode, a.kind, a.targetGroup) < (b.level, b.areaCode, b.kind, b.targetGroup)
        }
    }

    /// Compares `old` with `new`; lists are in level, area, kind, target group order.
    public init(old: MapDraft, new: MapDraft) {
        oldCriteriaVersion = old.metadata.criteriaVersion
        newCriteriaVersion = new.metadata.criteriaVersion
        func index(_ draft: MapDraft) -> [CellKey: MapCell] {
            Dictionary(
                draft.cells.map {
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
        var added: [CellChange] = []
        var removed: [CellChange] = []
        var changed: [CellChange] = []
        for key in Set(oldCells.keys).union(newCells.keys).sorted() {
            let before = oldCells[key]
            let after = newCells[key]
            let change = CellChange(
                level: key.level, areaCode: key.areaCode, areaName: names[key.areaCode] ?? key.areaCode,
                kind: key.kind, targetGroup: (after ?? before)?.targetGroup.nameBG ?? key.targetGroup,
                oldServices: before?.services ?? 0, newServices: after?.services ?? 0,
                oldMaximumUsers: before?.maximumUsers, newMaximumUsers: after?.maximumUsers)
            if change.oldServices == 0 && change.newServices > 0 {
                added.append(change)
            } else if change.oldServices > 0 && change.newServices == 0 {
                removed.append(change)
            } else if let before, let after, before.maximumUsers != after.maximumUsers {
                changed.append(change)
            }
        }
        addedServices = added
        removedServices = removed
        changedMaximumUsers = changed
        let oldAreas = Dictionary(old.areas.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var areaChanges: [AreaChange] = []
        for level in [AreaLevel.municipality, .district] {
            for area in new.areas where area.level == level {
                let before = oldAreas[area.code]?.maximumUsers ?? 0
                if before != area.maximumUsers {
                    areaChanges.append(
                        AreaChange(
                            level: level, code: area.code, name: area.name, oldMaximumUsers: before,
                            newMaximumUsers: area.maximumUsers, difference: area.maximumUsers - before))
                }
            }
        }
        changedAreas = areaChanges
    }

    /// The diff as text for people (Bulgarian names, ASCII headings).
    public var text: String {
        var lines: [String] = []
        if oldCriteriaVersion != newCriteriaVersion {
            lines.append("criteria version: \(oldCriteriaVersion) -> \(newCriteriaVersion)")
        }
        func describe(_ change: CellChange) -> String {
            "\(change.level.rawValue) \(change.areaCode) \(change.areaName) | \(change.kind.rawValue) | \(change.targetGroup)"
        }
        func number(_ value: Int?) -> String { value.map(String.init) ?? "-" }
        lines.append("added services: \(addedServices.count)")
        for change in addedServices {
            lines.append(
                "  + \(describe(change)): \(change.newServices) services, max users \(number(change.newMaximumUsers))"
            )
        }
        lines.append("removed services: \(removedServices.count)")
        for change in removedServices {
            lines.append(
                "  - \(describe(change)): \(change.oldServices) services, max users \(number(change.oldMaximumUsers))"
            )
        }
        lines.append("changed maximum users (cells): \(changedMaximumUsers.count)")
        for change in changedMaximumUsers {
            lines.append(
                "  ~ \(describe(change)): \(number(change.oldMaximumUsers)) -> \(number(change.newMaximumUsers))"
            )
        }
        lines.append("changed maximum users (areas): \(changedAreas.count)")
        for change in changedAreas {
            let sign = change.difference > 0 ? "+" : ""
            lines.append(
                "  ~ \(change.level.rawValue) \(change.code) \(change.name): \(change.oldMaximumUsers) -> "
                    + "\(change.newMaximumUsers) (\(sign)\(change.difference))")
        }
        if isEmpty { lines.append("no differences") }
        return lines.joined(separator: "\n") + "\n"
    }
}
