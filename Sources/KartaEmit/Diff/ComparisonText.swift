import KartaAggregate
import KartaModel

extension MapComparison {
    /// Whether every cell is unchanged (the draft keeps the adopted Map's maximum users).
    public var isUnchanged: Bool { cells.allSatisfy { $0.status == .unchanged } }

    /// What `karta diff MAP NEW` prints: the changed cells (`new`, `removed`, `increased`,
    /// `decreased`) with adopted → drafted maximum users, the cells above the Map's maximum
    /// (ЗСУ Art. 43(2)), then the national total.
    public var text: String {
        var lines: [String] = ["adopted Map: \(sources.joined(separator: ", "))"]
        func describe(_ cell: MapComparisonCell) -> String {
            "\(cell.level.rawValue) \(cell.areaCode) | \(cell.kind.rawValue) | \(cell.targetGroup.nameBG)"
        }
        let changed = cells.filter { $0.status != .unchanged }
        lines.append("cells changed: \(changed.count)")
        for cell in changed {
            let sign = cell.difference > 0 ? "+" : ""
            lines.append(
                "  \(cell.status.rawValue) \(describe(cell)): maximum users "
                    + "\(cell.adoptedMaximumUsers.map(String.init) ?? "-") → "
                    + "\(cell.draftMaximumUsers.map(String.init) ?? "-") (\(sign)\(cell.difference))")
        }
        let exceeding = cells.filter(\.exceedsMap)
        lines.append("cells above the Map's maximum (exceeds_map): \(exceeding.count)")
        for cell in exceeding {
            lines.append(
                "  ! \(describe(cell)): maximum \(cell.adoptedMaximumUsers ?? 0), state-delegated capacity "
                    + "\(cell.stateDelegatedCapacity), users \(cell.users)")
        }
        if let national = areas.first(where: { $0.level == .national }) {
            lines.append(
                "national maximum users: \(national.adoptedMaximumUsers) → \(national.draftMaximumUsers) "
                    + "(\(national.difference > 0 ? "+" : "")\(national.difference))")
        }
        lines.append(isUnchanged ? "the draft keeps the adopted Map" : "the draft differs from the adopted Map")
        return lines.joined(separator: "\n") + "\n"
    }
}
