import KartaAggregate
import KartaModel

extension Explanation {
    /// The explanation for a person: the area, the criteria in force, then each cell with its
    /// figures, the criterion and the cells or records it sums, indented by level.
    public var text: String {
        var lines: [String] = []
        let what = [kind?.rawValue, targetGroupCode].compactMap { $0 }.joined(separator: " / ")
        lines.append(
            "\(area.code) \(area.name) (\(area.level.rawValue), population \(area.population))"
                + (what.isEmpty ? "" : " — \(what)"))
        lines.append(
            "criteria: \(criteriaVersion) (\(criteriaStatus))"
                + (criteriaOrigin.map { " — from \($0)" } ?? ""))
        if let standardsVersion {
            lines.append(
                "standards: \(standardsVersion) (\(standardsStatus?.rawValue ?? "?"))"
                    + (standardsOrigin.map { " — from \($0)" } ?? ""))
        }
        if let indicatorsVersion {
            lines.append(
                "indicators: \(indicatorsVersion)" + (indicatorsOrigin.map { " — from \($0)" } ?? ""))
        }
        lines.append("sources counted: \(sourcePolicy.rawValue)")
        if cells.isEmpty && hosted.isEmpty {
            lines.append("no cells: the store has no matching records and no criterion applies")
        }
        for cell in cells {
            lines.append("")
            lines.append(
                "\(cell.cell.kind.rawValue) / \(cell.cell.targetGroup.nameBG) (\(cell.cell.targetGroup.code))"
            )
            Self.render(cell, depth: 1, into: &lines)
        }
        if !hosted.isEmpty {
            lines.append("")
            lines.append(
                "hosted in \(area.code): services planned at district level located here "
                    + "(ЗСУ Art. 55: the municipality manages them; they count in the district's cell)")
        }
        for cell in hosted {
            lines.append("")
            lines.append(
                "\(cell.cell.kind.rawValue) / \(cell.cell.targetGroup.nameBG) (\(cell.cell.targetGroup.code)) "
                    + "— planned at district level (\(cell.cell.areaCode))")
            Self.render(cell, depth: 1, into: &lines)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func render(_ node: ExplainedCell, depth: Int, into lines: inout [String]) {
        let pad = String(repeating: "  ", count: depth)
        let cell = node.cell
        lines.append("\(pad)\(node.label): \(figures(cell))")
        if cell.flags.contains(.ambiguousTargetGroup), cell.proposedUsers == nil {
            lines.append(
                "\(pad)  maximum users \(cell.maximumUsers) (a row without a target group could be this service "
                    + "or another of its kind: its cell holds the maximum users, counted once)")
        } else if let proposed = cell.proposedUsers {
            lines.append("\(pad)  maximum users \(cell.maximumUsers) (proposal \(proposed))")
        } else {
            lines.append("\(pad)  maximum users \(cell.maximumUsers) (state-delegated capacity; no proposal)")
        }
        if let criterion = node.criterion {
            lines.append(
                "\(pad)  criterion \(criterion.formula) → \(cell.status.rawValue) "
                    + "[\(criterion.rule.legalReference); indicator: \(criterion.rule.indicatorSource)]")
            if let indicator = criterion.indicator {
                lines.append("\(pad)  indicator: \(indicatorText(indicator))")
            }
        } else {
            lines.append("\(pad)  criterion: none → \(cell.status.rawValue)")
        }
        if let cost = cell.cost {
            lines.append("\(pad)  cost: \(costText(cost, users: cell.maximumUsers))")
        }
        if cell.flags.contains(.targetGroupMatched) {
            lines.append(
                "\(pad)  target group: a row without one was matched to this cell, the only target group "
                    + "of its kind here")
        }
        if !cell.flags.isEmpty {
            lines.append("\(pad)  flags: \(cell.flags.map(\.rawValue).joined(separator: ", "))")
        }
        if !node.parts.isEmpty { lines.append("\(pad)  sums:") }
        for part in node.parts { render(part, depth: depth + 2, into: &lines) }
        for record in node.records {
            lines.append(
                "\(pad)  record #\(record.id) \(record.sourcePath):\(record.line) „\(record.serviceName)\" "
                    + "capacity \(record.capacity.map(String.init) ?? "—"), users \(record.users.map(String.init) ?? "—"), "
                    + "\(record.financing), \(record.sourceKind)")
        }
        for record in node.proposals {
            lines.append(
                "\(pad)  proposal #\(record.id) \(record.sourcePath):\(record.line) „\(record.serviceName)\" "
                    + "proposed users \(record.capacity.map(String.init) ?? "—")")
        }
    }

    /// `лица в надтрудоспособна възраст = 4100 души — source: FILE — OFFICIAL SOURCE`.
    static func indicatorText(_ indicator: CriterionIndicator) -> String {
        "\(indicator.name) = \(indicator.value.map(String.init) ?? "unavailable") \(indicator.unit)"
            + " — source: \(indicator.sourceText)"
    }

    /// `25 users × 6200 BGN = 155000 BGN per year (mode day)`, or why the cost is unknown.
    static func costText(_ cost: CellCost, users: Int) -> String {
        let mode = cost.mode.map { "mode \($0)" } ?? "no mode of use for this kind"
        guard let standard = cost.standardBGN, let total = cost.costBGN else {
            return "unknown — no standard for this kind, target group and mode (\(mode)); not counted as 0"
        }
        return "\(users) users × \(BGN.text(standard)) BGN = \(BGN.text(total)) BGN per year (\(mode))"
    }

    private static func figures(_ cell: MapCell) -> String {
        var parts = [
            "services \(cell.services)",
            "capacity \(cell.capacity) (state-delegated \(cell.stateDelegatedCapacity))",
            "users \(cell.users)",
        ]
        if let occupancy = cell.occupancy { parts.append("occupancy \(occupancy)") }
        if let perThousand = cell.placesPerThousandInhabitants {
            parts.append("\(perThousand) places per 1,000")
        }
        return parts.joined(separator: ", ")
    }
}

/// Amounts in BGN as text with a `.` mark and at most 2 decimals (`1234.5`, `800`).
public enum BGN {
    public static func text(_ amount: Double) -> String {
        let stotinki = Money.stotinki(amount)
        let whole = stotinki / 100
        let rest = abs(stotinki % 100)
        if rest == 0 { return String(whole) }
        return rest % 10 == 0 ? "\(whole).\(rest / 10)" : "\(whole).\(rest < 10 ? "0" : "")\(rest)"
    }
}
