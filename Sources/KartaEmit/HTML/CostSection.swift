import KartaAggregate
import KartaModel

/// The report's section „Разходи по стандарти": what the draft's maximum users cost the state
/// budget under the financing standards (ЗСУ Art. 45) — national, per district, and the cells
/// whose cost is unknown because no standard applies (listed, never counted as 0).
enum CostSection {
    static func render(_ draft: MapDraft, names: [String: String]) -> String {
        var html = "<section id=\"costs\"><h2>Разходи по стандарти</h2>\n"
        guard let standards = draft.metadata.standards else {
            return html
                + "<p>Не са зададени стандарти за финансиране: разходите не са изчислени.</p></section>\n"
        }
        html += """
            <p class="warning">Стандарти за финансиране: версия <b>\(HTMLText.escape(standards.version))</b> \
            (\(standards.status == .example ? "примерни" : "официални")). \(HTMLText.escape(standards.statement)) \
            Основание: \(HTMLText.escape(standards.legalReference)).</p>
            <p>Разход на клетка = максимален брой потребители × стандарт (лв. на потребител годишно) за вида \
            услуга, целевата група и начина на ползване. Клетка без стандарт има неизвестен разход: \
            не се брои за 0 и е изброена по-долу.</p>

            """
        if let nation = draft.areas.first(where: { $0.level == .national }), let cost = nation.cost {
            html += "<div class=\"summary\">\n"
            html += "<div>Разход по стандарти (известен)<b>\(money(cost.knownCostBGN))</b></div>\n"
            html += "<div>Клетки с неизвестен разход<b>\(HTMLText.integer(cost.unknownCostCells))</b></div>\n"
            html +=
                "<div>Потребители в тях<b>\(HTMLText.integer(cost.unknownCostUsers))</b></div>\n</div>\n"
        }
        html += """
            <table class="costs"><tr><th>Код</th><th>Област</th><th>Максимален брой потребители</th>\
            <th>Разход по стандарти (лв., известен)</th><th>Клетки с неизвестен разход</th>\
            <th>Потребители в тях</th></tr>

            """
        for area in draft.areas where area.level == .district {
            guard let cost = area.cost else { continue }
            guard area.hasData else {
                html += """
                    <tr data-code="\(HTMLText.escape(area.code))"><td>\(HTMLText.escape(area.code))</td>\
                    <td>\(HTMLText.escape(area.name))</td><td class="nodata" colspan="4">\(DraftReport.noData)</td></tr>

                    """
                continue
            }
            html += """
                <tr data-code="\(HTMLText.escape(area.code))"><td>\(HTMLText.escape(area.code))</td>\
                <td>\(HTMLText.escape(area.name))</td><td class="n">\(HTMLText.integer(area.maximumUsers))</td>\
                <td class="n">\(money(cost.knownCostBGN))</td><td class="n">\(HTMLText.integer(cost.unknownCostCells))</td>\
                <td class="n">\(HTMLText.integer(cost.unknownCostUsers))</td></tr>

                """
        }
        html += "</table>\n"
        html += missingStandards(draft, standards: standards)
        return html + "</section>\n"
    }

    /// The kind × target group × mode combinations without a standard, with the number of cells
    /// (all levels) and the national maximum users they hold.
    private static func missingStandards(_ draft: MapDraft, standards: FinancingStandards) -> String {
        struct Key: Hashable, Comparable {
            var kind: ServiceKind
            var group: TargetGroup
            var mode: String?
            static func < (a: Key, b: Key) -> Bool {
                (a.kind, a.group.code, a.mode ?? "") < (b.kind, b.group.code, b.mode ?? "")
            }
        }
        var cells: [Key: Int] = [:]
        var users: [Key: Int] = [:]
        for cell in draft.cells where cell.cost?.status == .unknownStandard {
            let key = Key(kind: cell.kind, group: cell.targetGroup, mode: cell.cost?.mode)
            cells[key, default: 0] += 1
            if cell.level == .national { users[key, default: 0] += cell.maximumUsers }
        }
        guard !cells.isEmpty else { return "<p>Всички клетки имат стандарт.</p>\n" }
        var html = """
            <h3>Клетки без стандарт (неизвестен разход)</h3>
            <table class="missing-standards"><tr><th>Вид услуга</th><th>Целева група</th><th>Начин на ползване</th>\
            <th>Клетки</th><th>Максимален брой потребители (национално)</th></tr>

            """
        for key in cells.keys.sorted() {
            html += """
                <tr data-kind="\(HTMLText.escape(key.kind.key))" data-group="\(HTMLText.escape(key.group.code))">\
                <td>\(HTMLText.escape(key.kind.rawValue))</td><td>\(HTMLText.escape(key.group.nameBG))</td>\
                <td>\(HTMLText.escape(key.mode.map(standards.modeName) ?? "няма зададен"))</td>\
                <td class="n">\(HTMLText.integer(cells[key] ?? 0))</td>\
                <td class="n">\(HTMLText.integer(users[key] ?? 0))</td></tr>

                """
        }
        return html + "</table>\n"
    }

    /// An amount in leva: thin-space thousands, a decimal comma, `лв.` (`1 234 567,50 лв.`).
    static func money(_ amount: Double) -> String {
        let stotinki = Int((amount * 100).rounded(.toNearestOrAwayFromZero))
        let rest = abs(stotinki % 100)
        return "\(HTMLText.integer(stotinki / 100)),\(rest < 10 ? "0" : "")\(rest) лв."
    }
}
