import KartaAggregate
import KartaModel

/// The annual plan as one self-contained, printable HTML page in Bulgarian (no scripts, fonts or
/// network): header with the municipality, district, year, data period, criteria and the draft's id;
/// the three parts as tables; a footer with karta's version and the date the data are as of.
///
/// Printing: A4 landscape (the Map table has ten columns) with margins, table headers repeated on every page, no row cut across pages,
/// page numbers in the bottom margin („стр. 2 от 3"). Every text that can come from an input
/// file is HTML-escaped.
public enum PlanHTML {
    public static func render(_ plan: MunicipalPlan, registry: ReferenceRegistry = .bulgaria) -> String {
        let municipality = HTMLText.escape(plan.municipality.nameBG)
        let title = "Годишен план за социалните услуги — община \(municipality), \(plan.year) г."
        var html = """
            <!DOCTYPE html>
            <html lang="bg">
            <head>
            <meta charset="utf-8">
            <title>\(title)</title>
            <style>\(style(plan))</style>
            </head>
            <body>
            <header>
            <h1>Годишен план за социалните услуги за \(plan.year) г.</h1>
            <p class="subtitle">Община \(municipality) (\(HTMLText.escape(plan.municipality.code))), \
            област \(HTMLText.escape(plan.districtName))</p>

            """
        html += metadata(plan)
        html += """
            <p class="basis">Планът съдържа социалните услуги от Националната карта на социалните услуги \
            за общината и услугите, които общината финансира от своя бюджет (чл. 37–38 от Закона за \
            социалните услуги), както и услугите на областно ниво, които общината управлява \
            (чл. 33 и 55 ЗСУ).</p>
            </header>

            """
        html += mapSection(plan)
        html += ownBudgetSection(plan)
        html += hostedSection(plan, registry: registry)
        html += """
            <section class="adoption">
            <p>Приет с решение № ………… на Общинския съвет — \(municipality), от ……………… г.</p>
            </section>
            <footer>Изготвено с karta \(HTMLText.escape(plan.kartaVersion))\
            \(plan.dataAsOf.map { " по данни към \(HTMLText.escape(bulgarianDate($0)))" } ?? "") · \
            проект на картата \(HTMLText.escape(String(plan.draftID.prefix(16))))</footer>
            </body>
            </html>

            """
        return html
    }

    private static func metadata(_ plan: MunicipalPlan) -> String {
        let period: String
        switch (plan.dataFrom, plan.dataTo) {
        case (let from?, let to?) where from == to: period = "към \(bulgarianDate(to))"
        case (let from?, let to?): period = "\(bulgarianDate(from)) – \(bulgarianDate(to))"
        default: period = "не е посочен в данните"
        }
        let maximum =
            plan.fromAdoptedMap
            ? "по приетата Национална карта на социалните услуги"
            : "по проекта на картата (не е заредена приета карта)"
        let rows: [(String, String)] = [
            ("Община", "\(plan.municipality.nameBG) (\(plan.municipality.code))"),
            ("Област", "\(plan.districtName) (\(plan.districtCode))"),
            ("Година", "\(plan.year)"),
            ("Период на данните", period),
            ("Максимален брой потребители", maximum),
            ("Критерии", "версия \(plan.criteriaVersion) — \(plan.criteriaStatus)"),
            (
                "Стандарти за финансиране",
                plan.standardsVersion.map {
                    "версия \($0) — "
                        + (plan.standardsStatus == .official ? "официални стойности" : "примерни стойности")
                }
                    ?? "не са заредени (разходите не се изчисляват)"
            ),
            ("Проект на картата", "идентификатор \(plan.draftID.prefix(16))"),
        ]
        var html = "<table class=\"meta\">\n"
        for (label, value) in rows {
            html += "<tr><th>\(label)</th><td>\(HTMLText.escape(value))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private static func mapSection(_ plan: MunicipalPlan) -> String {
        var html = """
            <section id="map-services">
            <h2>1. \(PlanTable.Part.map.title)</h2>

            """
        guard !plan.mapServices.isEmpty else {
            return html + "<p class=\"empty\">Няма услуги по картата за общината.</p>\n</section>\n"
        }
        let source = plan.fromAdoptedMap ? "по картата" : "по проекта"
        html += """
            <table class="services">
            <thead><tr><th>Вид услуга</th><th>Целева група</th><th class="n">Макси&shy;мален брой потре&shy;бители \
            (\(source))</th>\(plan.fromAdoptedMap ? "<th class=\"n\">По проекта</th>" : "")\
            <th class="n">Места</th><th class="n">в т.ч. държавно деле&shy;гирани</th>\
            <th class="n">Потре&shy;бители</th><th class="n">Брой услуги</th><th class="n">Чакащи</th>\
            <th class="n">Разход по стан&shy;дарти (лв.)</th></tr></thead>
            <tbody>

            """
        for service in plan.mapServices {
            var maximum = service.maximumUsers.map(HTMLText.integer) ?? "—"
            if service.maximumSource == .notInAdoptedMap { maximum += "<br><small>не е в картата</small>" }
            var classes: [String] = []
            if service.exceedsMap { classes.append("over") }
            html += """
                <tr\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"") \
                data-kind="\(service.kind.key)" data-target-group="\(HTMLText.escape(service.targetGroup.code))">\
                <td>\(HTMLText.escape(service.kind.rawValue))</td><td>\(HTMLText.escape(service.targetGroup.nameBG))</td>\
                <td class="n max">\(maximum)\(service.exceedsMap ? "<br><small>над картата</small>" : "")</td>\
                \(plan.fromAdoptedMap ? "<td class=\"n\">\(HTMLText.integer(service.draftMaximumUsers))</td>" : "")\
                <td class="n">\(HTMLText.integer(service.capacity))</td>\
                <td class="n">\(HTMLText.integer(service.stateDelegatedCapacity))</td>\
                <td class="n">\(HTMLText.integer(service.users))</td><td class="n">\(HTMLText.integer(service.services))</td>\
                <td class="n">\(HTMLText.integer(service.registers.waitingList))</td>\
                <td class="n">\(HTMLText.leva(service.costBGN))</td></tr>

                """
        }
        let total = plan.mapServices.compactMap(\.maximumUsers).reduce(0, +)
        html += """
            </tbody>
            <tfoot><tr><th colspan="2">Общо</th><td class="n">\(HTMLText.integer(total))</td>\
            \(plan.fromAdoptedMap ? "<td class=\"n\">\(HTMLText.integer(plan.mapServices.map(\.draftMaximumUsers).reduce(0, +)))</td>" : "")\
            <td class="n">\(HTMLText.integer(plan.mapServices.map(\.capacity).reduce(0, +)))</td>\
            <td class="n">\(HTMLText.integer(plan.mapServices.map(\.stateDelegatedCapacity).reduce(0, +)))</td>\
            <td class="n">\(HTMLText.integer(plan.mapServices.map(\.users).reduce(0, +)))</td>\
            <td class="n">\(HTMLText.integer(plan.mapServices.map(\.services).reduce(0, +)))</td>\
            <td class="n">\(HTMLText.integer(plan.mapServices.map(\.registers.waitingList).reduce(0, +)))</td>\
            <td class="n">\(HTMLText.leva(plan.knownCostBGN))</td></tr></tfoot>
            </table>

            """
        if plan.mapServices.contains(where: \.exceedsMap) {
            html += """
                <p class="note">„над картата": днешните държавно делегирани места или потребители са повече \
                от максималния брой по картата; държавата финансира до този брой (чл. 43, ал. 2 ЗСУ).</p>

                """
        }
        return html + "</section>\n"
    }

    private static func ownBudgetSection(_ plan: MunicipalPlan) -> String {
        var html = """
            <section id="own-budget">
            <h2>2. \(PlanTable.Part.ownBudget.title)</h2>

            """
        guard !plan.ownBudgetServices.isEmpty else {
            return html
                + "<p class=\"empty\">Общината не е посочила услуги, финансирани от общинския бюджет (местна дейност).</p>\n</section>\n"
        }
        html += """
            <table class="services">
            <thead><tr><th>Услуга</th><th>Вид услуга</th><th>Целева група</th><th class="n">Места</th>\
            <th class="n">Потребители</th><th>Доставчик</th><th class="n">Държавно финан&shy;сиране (лв.)</th>\
            <th class="n">Общинско финан&shy;сиране (лв.)</th><th class="n">Чакащи</th></tr></thead>
            <tbody>

            """
        for service in plan.ownBudgetServices {
            html += """
                <tr data-kind="\(service.kind.key)"><td>\(HTMLText.escape(service.serviceName))</td>\
                <td>\(HTMLText.escape(service.kind.rawValue))</td><td>\(HTMLText.escape(service.targetGroup.nameBG))</td>\
                <td class="n">\(service.capacity.map(HTMLText.integer) ?? "—")</td>\
                <td class="n">\(service.users.map(HTMLText.integer) ?? "—")</td>\
                <td>\(HTMLText.escape(service.provider ?? "—"))</td>\
                <td class="n">\(HTMLText.leva(service.stateFundingStotinki.map { Double($0) / 100 }))</td>\
                <td class="n">\(HTMLText.leva(service.municipalFundingStotinki.map { Double($0) / 100 }))</td>\
                <td class="n">\(service.waitingList.map(HTMLText.integer) ?? "—")</td></tr>

                """
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    private static func hostedSection(_ plan: MunicipalPlan, registry: ReferenceRegistry) -> String {
        var html = """
            <section id="district-hosted">
            <h2>3. \(PlanTable.Part.districtHosted.title)</h2>

            """
        guard !plan.hostedServices.isEmpty else {
            return html + "<p class=\"empty\">Общината не управлява услуги на областно ниво.</p>\n</section>\n"
        }
        html += """
            <p>Услугите на областно ниво се управляват от общината, в която се намират, и обслужват \
            населението на цялата област или — с национален обхват — хора от цялата страна (чл. 33 ЗСУ).</p>
            <table class="services">
            <thead><tr><th>Услуга</th><th>Вид услуга</th><th>Целева група</th><th class="n">Места</th>\
            <th class="n">Потре&shy;бители</th><th>Обхват</th><th>Обслужва</th></tr></thead>
            <tbody>

            """
        for service in plan.hostedServices {
            let serves: String
            if service.scope == .national {
                serves = "хора от цялата страна"
            } else {
                // The CSV lists the municipalities' codes; the printed plan names the district.
                let district = registry.district(code: service.districtCode)?.nameBG ?? service.districtCode
                serves = "населението на област \(district) (\(service.serves.count) общини)"
            }
            html += """
                <tr data-scope="\(service.scope.rawValue)"><td>\(HTMLText.escape(service.serviceName))</td>\
                <td>\(HTMLText.escape(service.kind.rawValue))</td><td>\(HTMLText.escape(service.targetGroup.nameBG))</td>\
                <td class="n">\(service.capacity.map(HTMLText.integer) ?? "—")</td>\
                <td class="n">\(service.users.map(HTMLText.integer) ?? "—")</td>\
                <td>\(DraftLabels.scope(service.scope))</td><td>\(HTMLText.escape(serves))</td></tr>

                """
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    /// `2025-12-31` as „31.12.2025"; other text unchanged.
    static func bulgarianDate(_ iso: String) -> String {
        let parts = iso.prefix(10).split(separator: "-")
        guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return iso }
        return "\(parts[2]).\(parts[1]).\(parts[0])"
    }

    /// Screen and print styles; the print margin boxes carry the municipality, year and page numbers.
    static func style(_ plan: MunicipalPlan) -> String {
        let running = cssString("Община \(plan.municipality.nameBG) — годишен план \(plan.year)")
        return """

            @page { size: A4 landscape; margin: 15mm 15mm 18mm 15mm;
              @bottom-left { content: \(running); font: 8pt sans-serif; color: #555; }
              @bottom-right { content: "стр. " counter(page) " от " counter(pages); font: 8pt sans-serif; color: #555; } }
            body { font: 10.5pt/1.4 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111;
              max-width: 267mm; margin: 12mm auto; background: #fff; }
            h1 { font-size: 17pt; margin: 0 0 2mm; }
            h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 1.5pt solid #1f4e79; color: #1f4e79;
              break-after: avoid; page-break-after: avoid; }
            .subtitle { font-size: 12pt; margin: 0 0 4mm; }
            table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
            th, td { border: 0.5pt solid #888; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; }
            thead th { background: #dde6f0; font-weight: bold; }
            thead { display: table-header-group; }
            tfoot { display: table-row-group; }
            tfoot th, tfoot td { background: #f1f1f1; font-weight: bold; }
            tr { break-inside: avoid; page-break-inside: avoid; }
            table.services { font-size: 8.5pt; }
            table.services th, table.services td { overflow-wrap: break-word; padding: 1mm 1.2mm; }
            td.n, th.n { text-align: right; }
            td.n, td.n small { white-space: nowrap; }
            table.meta { width: auto; }
            table.meta th { background: none; border: none; padding: 0.4mm 4mm 0.4mm 0; font-weight: normal; color: #444; }
            table.meta td { border: none; padding: 0.4mm 0; }
            tr.over td.max { background: #fbe3e3; }
            small { font-size: 8pt; color: #8a1c1c; }
            .basis, .note { font-size: 9.5pt; color: #333; }
            .empty { font-style: italic; color: #444; }
            .adoption { margin-top: 10mm; break-inside: avoid; }
            footer { margin-top: 8mm; font-size: 8.5pt; color: #555; border-top: 0.5pt solid #aaa; padding-top: 1.5mm; }

            """
    }

    /// A CSS string literal: quotes and backslashes escaped, no line breaks, no `<`.
    private static func cssString(_ text: String) -> String {
        var output = "\""
        for character in text {
            switch character {
            case "\"", "\\": output += "\\" + String(character)
            case "\n", "\r": output += " "
            case "<": output += "\\3c "
            default: output.append(character)
            }
        }
        return output + "\""
    }
}
