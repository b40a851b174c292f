import KartaAggregate
import KartaModel

extension DraftReport {
    /// „1 234,50 лв.": leva with a decimal comma and thin spaces between thousands.
    static func leva(_ stotinki: Int) -> String {
        let whole = HTMLText.integer(stotinki / 100)
        let cents = abs(stotinki % 100)
        let sign = stotinki < 0 && stotinki / 100 == 0 ? "−" : ""
        return "\(sign)\(whole),\(cents < 10 ? "0" : "")\(cents) лв."
    }

    /// What the registers carry (ЗСУ Art. 44(4), 49): money of the counted services, state and
    /// municipal, the services with mixed financing and the waiting lists, nationally and per
    /// district.
    static func registersSection(_ draft: MapDraft) -> String {
        var html = "<section id=\"registers\"><h2>Финансиране и чакащи по регистрите</h2>\n"
        guard let nation = draft.areas.first(where: { $0.level == .national }) else { return "" }
        guard nation.registers != .zero else {
            return html + "<p>Регистрите не посочват суми, чакащи или месечни потребители.</p></section>\n"
        }
        let totals = nation.registers
        let figures: [(String, String)] = [
            ("Държавно финансиране", leva(totals.stateFundingStotinki)),
            ("Общинско финансиране", leva(totals.municipalFundingStotinki)),
            ("Услуги със смесено финансиране (чл. 49 ЗСУ)", HTMLText.integer(totals.mixedFinancingServices)),
            ("Чакащи (чл. 44, ал. 4 ЗСУ)", HTMLText.integer(totals.waitingList)),
            ("Услуги без потребители три месеца", HTMLText.integer(totals.servicesWithoutUsers)),
        ]
        html += "<div class=\"summary\">\n"
        for (label, value) in figures { html += "<div>\(label)<b>\(value)</b></div>\n" }
        html += "</div>\n"
        html += """
            <table class="registers"><tr><th>Код</th><th>Област</th><th>Държавно финансиране</th>\
            <th>Общинско финансиране</th><th>Смесено финансиране</th><th>Чакащи</th>\
            <th>Без потребители три месеца</th></tr>

            """
        for area in draft.areas where area.level == .district && area.registers != .zero {
            let registers = area.registers
            html += """
                <tr data-code="\(HTMLText.escape(area.code))"><td>\(HTMLText.escape(area.code))</td>\
                <td>\(HTMLText.escape(area.name))</td><td class="n">\(leva(registers.stateFundingStotinki))</td>\
                <td class="n">\(leva(registers.municipalFundingStotinki))</td>\
                <td class="n">\(HTMLText.integer(registers.mixedFinancingServices))</td>\
                <td class="n">\(HTMLText.integer(registers.waitingList))</td>\
                <td class="n">\(HTMLText.integer(registers.servicesWithoutUsers))</td></tr>

                """
        }
        return html + "</table></section>\n"
    }

    /// „Услуги без потребители три месеца": every service whose monthly users are 0 for three
    /// consecutive months or more (ЗСУ Art. 58(1) т. 2), with its file and line.
    static func servicesWithoutUsersSection(_ draft: MapDraft, names: [String: String], paths: ReportPaths) -> String {
        var html = "<section id=\"services-without-users\"><h2>Услуги без потребители три месеца</h2>\n"
        let services = draft.servicesWithoutUsers ?? []
        guard !services.isEmpty else {
            return html + "<p>Няма услуги без потребители три последователни месеца.</p></section>\n"
        }
        html += """
            <p>Според чл. 58, ал. 1, т. 2 ЗСУ услуга без потребители в продължение на три месеца се закрива.</p>
            <table class="without-users"><tr><th>Община</th><th>Услуга</th><th>Вид</th><th>Месеци без потребители</th>\
            <th>Файл</th><th>Ред</th></tr>

            """
        for service in services {
            let municipality = names[service.municipalityCode] ?? service.municipalityCode
            html += """
                <tr data-code="\(HTMLText.escape(service.municipalityCode))"><td>\(HTMLText.escape(municipality)) \
                (\(HTMLText.escape(service.municipalityCode)))</td><td>\(HTMLText.escape(service.serviceName))</td>\
                <td>\(HTMLText.escape(service.kind.rawValue))</td>\
                <td>\(HTMLText.escape(service.months.joined(separator: ", ")))</td>\
                <td>\(HTMLText.escape(paths.relative(service.sourcePath)))</td><td class="n">\(service.line)</td></tr>

                """
        }
        return html + "</table></section>\n"
    }
}
