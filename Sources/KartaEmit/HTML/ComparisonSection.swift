import KartaAggregate
import KartaModel

extension DraftReport {
    /// „Спрямо приетата карта": the totals per district and nationally against the adopted Map,
    /// then every changed cell and every cell above the Map's maximum (ЗСУ Art. 43(2)). Says so
    /// when no adopted Map is loaded.
    static func comparisonSection(_ draft: MapDraft, names: [String: String], paths: ReportPaths) -> String {
        var html = "<section id=\"comparison\"><h2>Спрямо приетата карта</h2>\n"
        guard let comparison = draft.comparison else {
            return html
                + "<p>Не е заредена приета карта (вход от вид <code>adopted-map</code>): черновата не е сравнена.</p></section>\n"
        }
        let files = comparison.sources.map { HTMLText.escape(paths.relative($0)) }.joined(separator: ", ")
        html += "<p>Сравнение с приетата карта: \(files). Максималният брой потребители по черновата се сравнява "
        html += "с този по картата за всяка община, област и за страната, по вид услуга и целева група.</p>\n"
        let totals = comparison.areas.filter { $0.level != .municipality }
        html += """
            <table class="comparison-totals"><tr><th>Територия</th><th>По картата</th><th>По черновата</th>\
            <th>Разлика</th><th>Променени клетки</th><th>Клетки над картата</th></tr>

            """
        for total in totals {
            html += """
                <tr><td>\(area(total.areaCode, names))</td><td class="n">\(HTMLText.integer(total.adoptedMaximumUsers))</td>\
                <td class="n">\(HTMLText.integer(total.draftMaximumUsers))</td><td class="n">\(signed(total.difference))</td>\
                <td class="n">\(HTMLText.integer(total.changedCells))</td><td class="n">\(HTMLText.integer(total.exceedsMapCells))</td></tr>

                """
        }
        html += "</table>\n"
        let notable = comparison.cells.filter {
            $0.level != .national && ($0.status != .unchanged || $0.exceedsMap)
        }
        guard !notable.isEmpty else {
            return html + "<p>Няма промени спрямо приетата карта и няма клетки над нея.</p></section>\n"
        }
        html += """
            <p>Променени клетки и клетки, в които сегашният капацитет (държавно делегирана дейност) или \
            потребителите надхвърлят максималния брой по картата (чл. 43, ал. 2 ЗСУ):</p>
            <table class="comparison"><tr><th>Ниво</th><th>Територия</th><th>Вид услуга</th><th>Целева група</th>\
            <th>По картата</th><th>По черновата</th><th>Разлика</th><th>Промяна</th><th>Капацитет ДДД</th>\
            <th>Потребители</th><th>Над картата</th></tr>

            """
        for cell in notable {
            html += """
                <tr data-status="\(cell.status.rawValue)"\(cell.exceedsMap ? " class=\"exceeds\"" : "")>\
                <td>\(DraftLabels.level(cell.level))</td><td>\(area(cell.areaCode, names))</td>\
                <td>\(HTMLText.escape(cell.kind.rawValue))</td><td>\(HTMLText.escape(cell.targetGroup.nameBG))</td>\
                <td class="n">\(cell.adoptedMaximumUsers.map(HTMLText.integer) ?? "—")</td>\
                <td class="n">\(cell.draftMaximumUsers.map(HTMLText.integer) ?? "—")</td>\
                <td class="n">\(signed(cell.difference))</td><td>\(DraftLabels.comparison(cell.status))</td>\
                <td class="n">\(HTMLText.integer(cell.stateDelegatedCapacity))</td>\
                <td class="n">\(HTMLText.integer(cell.users))</td><td>\(cell.exceedsMap ? "да" : "")</td></tr>

                """
        }
        return html + "</table></section>\n"
    }

    private static func area(_ code: String, _ names: [String: String]) -> String {
        "\(HTMLText.escape(names[code] ?? code)) (\(HTMLText.escape(code)))"
    }

    private static func signed(_ number: Int) -> String {
        number > 0 ? "+" + HTMLText.integer(number) : HTMLText.integer(number)
    }
}

extension DraftReport {
    /// How many district-level services the report lists per district. A district has a hundred
    /// or so; beyond this the report (read by people, in a browser) says how many more there are
    /// and where the full list is, rather than growing without bound.
    static let districtServicesShown = 500

    /// „Услуги на областно ниво": per district, the municipalities its services serve (once),
    /// then each district-level service with the municipality that hosts it and its scope
    /// (ЗСУ Art. 33).
    static func districtServicesSection(_ draft: MapDraft, names: [String: String]) -> String {
        var html = "<section id=\"district-services\"><h2>Услуги на областно ниво</h2>\n"
        guard let services = draft.districtServices, !services.isEmpty else {
            return html + "<p>Няма услуги, планирани на областно ниво.</p></section>\n"
        }
        html += """
            <p>Всяка услуга на областно ниво се управлява от общината, в която се намира, и обслужва \
            населението на цялата област или — с национален обхват — хора от цялата страна (чл. 33 ЗСУ). \
            За всяка област са показани до \(districtServicesShown) услуги; пълният списък е в \
            district-services.csv и map-draft.json.</p>
            <table class="district-services"><tr><th>Община домакин</th><th>Услуга</th><th>Вид услуга</th>\
            <th>Целева група</th><th>Места</th><th>Потребители</th><th>Обхват</th><th>Обслужва</th></tr>

            """
        var start = services.startIndex
        while start < services.endIndex {
            let district = services[start].districtCode
            let end = services[start...].firstIndex { $0.districtCode != district } ?? services.endIndex
            html += districtRows(services[start..<end], names: names)
            start = end
        }
        return html + "</table></section>\n"
    }

    /// One district's rows: a heading row with the municipalities it serves, its services (at
    /// most ``districtServicesShown``), and how many more there are.
    private static func districtRows(_ services: ArraySlice<DistrictService>, names: [String: String]) -> String {
        let first = services[services.startIndex]
        let district = HTMLText.escape(first.districtCode)
        let municipalities = (services.first { $0.scope == .district }?.serves ?? [])
            .map { names[$0] ?? $0 }.joined(separator: ", ")
        var html = """
            <tr class="district" data-district="\(district)"><th colspan="8">\(area(first.districtCode, names)) — \
            \(HTMLText.integer(services.count)) \(services.count == 1 ? "услуга" : "услуги")\
            \(municipalities.isEmpty ? "" : "; областните обслужват общините: " + HTMLText.escape(municipalities))</th></tr>

            """
        for service in services.prefix(districtServicesShown) {
            html += """
                <tr data-district="\(district)"><td>\(area(service.hostMunicipalityCode, names))</td>\
                <td>\(HTMLText.escape(service.serviceName))</td>\
                <td>\(HTMLText.escape(service.kind.rawValue))</td><td>\(HTMLText.escape(service.targetGroup.nameBG))</td>\
                <td class="n">\(service.capacity.map(HTMLText.integer) ?? "—")</td>\
                <td class="n">\(service.users.map(HTMLText.integer) ?? "—")</td>\
                <td>\(service.scope == .national ? "национален" : "областен")</td>\
                <td>\(service.scope == .national ? "цялата страна" : "областта")</td></tr>

                """
        }
        if services.count > districtServicesShown {
            html += """
                <tr class="more" data-district="\(district)"><td colspan="8">… и още \
                \(HTMLText.integer(services.count - districtServicesShown)) услуги в тази област: \
                пълният списък е в district-services.csv и map-draft.json.</td></tr>

                """
        }
        return html
    }
}
