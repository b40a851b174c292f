import KartaAggregate
import KartaModel

/// The HTML report of a draft: one self-contained page in Bulgarian (inline CSS and SVG, no
/// scripts, no fonts, no network) — national summary, district map, tables per district and
/// municipality, criteria statuses, reconciliation differences, rejects per municipality.
///
/// Every text that can come from an input file (names, paths, service ids) is HTML-escaped.
public enum DraftReport {
    public static func render(
        _ draft: MapDraft, indicator: MapIndicator = .stateDelegatedPerThousand, geometry: AreaGeometry? = nil
    ) -> String {
        let districts = draft.areas.filter { $0.level == .district }
        let municipalities = draft.areas.filter { $0.level == .municipality }
        let names = Dictionary(draft.areas.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        var html = """
            <!DOCTYPE html>
            <html lang="bg">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Чернова на Националната карта на социалните услуги</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>Чернова на Националната карта на социалните услуги</h1>

            """
        html += metadataSection(draft)
        html += summarySection(draft)
        html += "<section><h2>Карта по области</h2>\n<div class=\"map-box\">\n"
        html += DistrictMapSVG.render(districts: districts, indicator: indicator, geometry: geometry)
        html += "</div></section>\n"
        html += areaTable(
            title: "По области", areas: districts, indicator: indicator, parentNames: nil)
        html += areaTable(
            title: "По общини", areas: municipalities, indicator: indicator, parentNames: names)
        html += criteriaSection(draft, names: names)
        html += reconciliationSection(draft, names: names)
        html += rejectsSection(draft, names: names)
        html +=
            "<footer>karta \(HTMLText.escape(draft.metadata.kartaVersion)) · формат \(draft.metadata.formatVersion)</footer>\n"
        return html + "</body>\n</html>\n"
    }

    static let style = """
        body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;margin:24px;color:#1a1a1a;max-width:1200px}\
        h1{font-size:24px;margin:0 0 8px}h2{font-size:19px;border-bottom:2px solid #2ca25f;padding-bottom:4px;margin-top:28px}\
        table{border-collapse:collapse;font-size:12px;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 6px}\
        th{background:#f0f0f0;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}\
        .warning{background:#fff4ce;border:1px solid #e0b400;padding:8px 12px;margin:8px 0}\
        .summary{display:flex;flex-wrap:wrap;gap:12px}.summary div{border:1px solid #ccc;border-radius:6px;padding:8px 14px;min-width:150px}\
        .summary b{display:block;font-size:20px}.map-box{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}\
        .legend{flex:0 1 320px}.legend ul{list-style:none;padding:0;margin:0}.legend li{font-size:13px;margin:4px 0}\
        .swatch{display:inline-block;width:18px;height:14px;border:1px solid #555;margin-right:6px;vertical-align:middle}\
        footer{margin-top:32px;font-size:11px;color:#666}code{font-size:11px}
        """

    static func metadataSection(_ draft: MapDraft) -> String {
        let metadata = draft.metadata
        var html = "<section><h2>Данни за черновата</h2>\n"
        html += """
            <p class="warning">Критерии: версия <b>\(HTMLText.escape(metadata.criteriaVersion))</b> — \
            \(HTMLText.escape(metadata.criteriaStatus))</p>
            <p>Население към \(HTMLText.escape(metadata.populationDate)) (НСИ, преброяване). \
            Политика за източниците: <code>\(HTMLText.escape(metadata.options.sourcePolicy.rawValue))</code>.</p>

            """
        html +=
            "<table><tr><th>Файл</th><th>Вид</th><th>Формат</th><th>Редове</th><th>Заредени</th>"
            + "<th>Отхвърлени</th><th>Неданни</th><th>SHA-256</th></tr>\n"
        for source in metadata.sources {
            html += """
                <tr><td>\(HTMLText.escape(source.path))</td><td>\(HTMLText.escape(source.kind))</td>\
                <td>\(HTMLText.escape(source.format))</td><td class="n">\(HTMLText.integer(source.rowsRead))</td>\
                <td class="n">\(HTMLText.integer(source.loaded))</td><td class="n">\(HTMLText.integer(source.rejected))</td>\
                <td class="n">\(HTMLText.integer(source.nonData))</td><td><code>\(HTMLText.escape(String(source.sha256.prefix(16))))…</code></td></tr>

                """
        }
        return html + "</table></section>\n"
    }

    static func summarySection(_ draft: MapDraft) -> String {
        guard let nation = draft.areas.first(where: { $0.level == .national }) else { return "" }
        let figures: [(String, String)] = [
            ("Население", HTMLText.integer(nation.population)),
            ("Услуги", HTMLText.integer(nation.records)),
            ("Места", HTMLText.integer(nation.capacity)),
            ("Услуги с неизвестен капацитет", HTMLText.integer(nation.unknownCapacityServices)),
            ("Места, държавно делегирани", HTMLText.integer(nation.stateDelegatedCapacity)),
            ("Потребители", HTMLText.integer(nation.users)),
            ("Максимален брой потребители", HTMLText.integer(nation.maximumUsers)),
            ("Места на 1000 жители", HTMLText.decimal(nation.placesPerThousandInhabitants)),
        ]
        var html = "<section><h2>Национално обобщение</h2>\n<div class=\"summary\">\n"
        for (label, value) in figures { html += "<div>\(label)<b>\(value)</b></div>\n" }
        html += "</div>\n"
        if !nation.capacityByKind.isEmpty {
            html += "<table><tr><th>Вид услуга</th><th>Услуги</th><th>Места</th></tr>\n"
            for kind in nation.capacityByKind {
                html += """
                    <tr><td>\(HTMLText.escape(kind.kind.rawValue))</td><td class="n">\(HTMLText.integer(kind.records))</td>\
                    <td class="n">\(HTMLText.integer(kind.capacity))</td></tr>

                    """
            }
            html += "</table>\n"
        }
        return html + "</section>\n"
    }

    static func areaTable(
        title: String, areas: [AreaSummary], indicator: MapIndicator, parentNames: [String: String]?
    ) -> String {
        var html = "<section><h2>\(title)</h2>\n<table><tr><th>Код</th><th>Наименование</th>"
        if parentNames != nil { html += "<th>Област</th>" }
        html +=
            "<th>Население</th><th>Услуги</th><th>Места</th><th>Места ДДД</th><th>Потребители</th>"
            + "<th>Максимален брой потребители</th><th>\(HTMLText.escape(indicator.title))</th>"
            + "<th>Услуги с неизвестен капацитет</th></tr>\n"
        for area in areas {
            html += "<tr><td>\(HTMLText.escape(area.code))</td><td>\(HTMLText.escape(area.name))</td>"
            if let parentNames {
                html += "<td>\(HTMLText.escape(area.districtCode.flatMap { parentNames[$0] } ?? ""))</td>"
            }
            html += """
                <td class="n">\(HTMLText.integer(area.population))</td><td class="n">\(HTMLText.integer(area.records))</td>\
                <td class="n">\(HTMLText.integer(area.capacity))</td><td class="n">\(HTMLText.integer(area.stateDelegatedCapacity))</td>\
                <td class="n">\(HTMLText.integer(area.users))</td><td class="n">\(HTMLText.integer(area.maximumUsers))</td>\
                <td class="n">\(HTMLText.decimal(indicator.value(area)))</td>\
                <td class="n">\(HTMLText.integer(area.unknownCapacityServices))</td></tr>

                """
        }
        return html + "</table></section>\n"
    }

    static func criteriaSection(_ draft: MapDraft, names: [String: String]) -> String {
        var html = "<section><h2>Критерии за планиране</h2>\n<table><tr><th>Ниво</th>"
        for status in CriterionStatus.allCases { html += "<th>\(DraftLabels.status(status))</th>" }
        html += "</tr>\n"
        for level in AreaLevel.allCases {
            let cells = draft.cells(at: level)
            html += "<tr><td>\(DraftLabels.level(level))</td>"
            for status in CriterionStatus.allCases {
                html += "<td class=\"n\">\(HTMLText.integer(cells.filter { $0.status == status }.count))</td>"
            }
            html += "</tr>\n"
        }
        html += "</table>\n"
        let attention = draft.cells.filter {
            $0.status == .above || $0.status == .below || $0.status == .missingFromMinimumPackage
                || !$0.flags.isEmpty
        }
        if attention.isEmpty { return html + "<p>Няма клетки, които изискват внимание.</p></section>\n" }
        html += """
            <h3>Клетки, които изискват внимание</h3>
            <table><tr><th>Територия</th><th>Вид услуга</th><th>Целева група</th><th>Места</th>\
            <th>Предложение</th><th>Максимален брой</th><th>Критерий</th><th>Статус</th><th>Бележки</th></tr>

            """
        for cell in attention {
            html += """
                <tr><td>\(HTMLText.escape(names[cell.areaCode] ?? cell.areaCode)) (\(HTMLText.escape(cell.areaCode)))</td>\
                <td>\(HTMLText.escape(cell.kind.rawValue))</td><td>\(HTMLText.escape(cell.targetGroup.nameBG))</td>\
                <td class="n">\(HTMLText.integer(cell.capacity))</td>\
                <td class="n">\(cell.proposedUsers.map(HTMLText.integer) ?? "—")</td>\
                <td class="n">\(HTMLText.integer(cell.maximumUsers))</td><td class="n">\(HTMLText.decimal(cell.criterionValue))</td>\
                <td>\(DraftLabels.status(cell.status))</td><td>\(cell.flags.map(DraftLabels.flag).joined(separator: "; "))</td></tr>

                """
        }
        return html + "</table></section>\n"
    }

    static func reconciliationSection(_ draft: MapDraft, names: [String: String]) -> String {
        let report = draft.reconciliation
        var html = "<section><h2>Съпоставка с данните на АСП</h2>\n"
        html += "<p>\(HTMLText.escape(report.rule))</p>\n<table><tr><th></th>"
        for status in ReconciliationStatus.allCases {
            html += "<th>\(DraftLabels.reconciliation(status))</th>"
        }
        html += "</tr>\n"
        for (label, counts) in [("клетки", report.cellCounts), ("услуги", report.serviceCounts)] {
            html += """
                <tr><td>\(label)</td><td class="n">\(counts.match)</td><td class="n">\(counts.capacityDifference)</td>\
                <td class="n">\(counts.onlyMunicipal)</td><td class="n">\(counts.onlyAgency)</td></tr>

                """
        }
        html += "</table>\n"
        let differences = report.cells.filter { $0.status != .match }
        guard !differences.isEmpty else { return html + "<p>Няма разлики.</p></section>\n" }
        html += """
            <table><tr><th>Община</th><th>Вид услуга</th><th>Целева група</th><th>Статус</th>\
            <th>Места по регистъра</th><th>Места по АСП</th><th>Разлика</th></tr>

            """
        for cell in differences {
            html += """
                <tr><td>\(HTMLText.escape(names[cell.municipalityCode] ?? cell.municipalityCode)) \
                (\(HTMLText.escape(cell.municipalityCode)))</td><td>\(HTMLText.escape(cell.kind.rawValue))</td>\
                <td>\(HTMLText.escape(cell.targetGroup.nameBG))</td><td>\(DraftLabels.reconciliation(cell.status))</td>\
                <td class="n">\(cell.municipal.map { HTMLText.integer($0.capacity) } ?? "—")</td>\
                <td class="n">\(cell.agency.map { HTMLText.integer($0.capacity) } ?? "—")</td>\
                <td class="n">\(HTMLText.integer(cell.capacityDifference))</td></tr>

                """
        }
        return html + "</table></section>\n"
    }

    static func rejectsSection(_ draft: MapDraft, names: [String: String]) -> String {
        var html = "<section><h2>Отхвърлени редове по общини</h2>\n"
        guard !draft.rejects.isEmpty else { return html + "<p>Няма отхвърлени редове.</p></section>\n" }
        html += "<table><tr><th>Община</th><th>Файл</th><th>Причина</th><th>Редове</th></tr>\n"
        for reject in draft.rejects {
            let municipality =
                reject.municipalityCode.map {
                    "\(HTMLText.escape(names[$0] ?? $0)) (\(HTMLText.escape($0)))"
                } ?? "няколко или неизвестна"
            html += """
                <tr><td>\(municipality)</td><td>\(HTMLText.escape(reject.sourcePath))</td>\
                <td>\(HTMLText.escape(DraftLabels.reason(reject.reason)))</td><td class="n">\(HTMLText.integer(reject.count))</td></tr>

                """
        }
        return html + "</table></section>\n"
    }
}
