import Foundation
import KartaAggregate
import KartaModel

/// The HTML report of a draft: one self-contained page in Bulgarian (inline CSS and SVG, no
/// scripts, no fonts, no network) — national summary, district map, the municipalities that
/// sent nothing, tables per district and municipality, criteria statuses, reconciliation
/// differences, rejects per municipality.
///
/// An area without any submission shows „няма данни", never 0. Paths are shown relative to the
/// pipeline's root. Every text that can come from an input file (names, paths, service ids) is
/// HTML-escaped.
public enum DraftReport {
    /// What a table or tile shows for an area that sent nothing.
    public static let noData = "няма данни"

    public static func render(
        _ draft: MapDraft, indicator: MapIndicator = .stateDelegatedPerThousand,
        geometry: AreaGeometry? = nil,
        pathRoot: URL? = nil
    ) -> String {
        let districts = draft.areas.filter { $0.level == .district }
        let municipalities = draft.areas.filter { $0.level == .municipality }
        let names = Dictionary(draft.areas.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let paths = ReportPaths(root: pathRoot)
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
        html += metadataSection(draft, paths: paths)
        html += summarySection(draft)
        html += "<section id=\"map\"><h2>Карта по области</h2>\n<div class=\"map-box\">\n"
        html += DistrictMapSVG.render(districts: districts, indicator: indicator, geometry: geometry)
        html += "</div></section>\n"
        html += missingSection(draft)
        html += areaTable(
            id: "districts", title: "По области", areas: districts, indicator: indicator, parentNames: nil)
        html += areaTable(
            id: "municipalities", title: "По общини", areas: municipalities, indicator: indicator,
            parentNames: names)
        html += districtServicesSection(draft, names: names)
        html += registersSection(draft)
        html += servicesWithoutUsersSection(draft, names: names, paths: paths)
        html += criteriaSection(draft, names: names)
        html += CostSection.render(draft, names: names)
        html += comparisonSection(draft, names: names, paths: paths)
        html += reconciliationSection(draft, names: names)
        html += rejectsSection(draft, names: names, paths: paths)
        html +=
            "<footer>karta \(HTMLText.escape(draft.metadata.kartaVersion)) · формат \(draft.metadata.formatVersion)</footer>\n"
        return html + "</body>\n</html>\n"
    }

    static let style = """
        body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;margin:24px;color:#1a1a1a;max-width:1200px}\
        h1{font-size:24px;margin:0 0 8px}h2{font-size:19px;border-bottom:2px solid #2ca25f;padding-bottom:4px;margin-top:28px}\
        table{border-collapse:collapse;font-size:12px;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 6px}\
        th{background:#f0f0f0;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}\
        td.nodata{color:#777;font-style:italic}tr.group td{background:#f7f7f7;font-weight:bold}\
        .warning{background:#fff4ce;border:1px solid #e0b400;padding:8px 12px;margin:8px 0}\
        .summary{display:flex;flex-wrap:wrap;gap:12px}.summary div{border:1px solid #ccc;border-radius:6px;padding:8px 14px;min-width:150px}\
        .summary b{display:block;font-size:20px}.map-box{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}\
        .legend{flex:0 1 320px}.legend ul{list-style:none;padding:0;margin:0}.legend li{font-size:13px;margin:4px 0}\
        .swatch{display:inline-block;width:18px;height:14px;border:1px solid #555;margin-right:6px;vertical-align:middle}\
        ul.missing li{margin:3px 0}tr.exceeds td{background:#fde0dd}footer{margin-top:32px;font-size:11px;color:#666}code{font-size:11px}
        """

    static func metadataSection(_ draft: MapDraft, paths: ReportPaths) -> String {
        let metadata = draft.metadata
        var html = "<section id=\"metadata\"><h2>Данни за черновата</h2>\n"
        html += """
            <p class="warning">Критерии за планиране: версия <b>\(HTMLText.escape(metadata.criteriaVersion))</b>. \
            Статус: \(HTMLText.escape(metadata.criteriaStatus)).</p>
            \(standardsLine(metadata))
            <p>Население към \(HTMLText.escape(metadata.populationDate)) (НСИ, преброяване). \
            Отчитат се: \(HTMLText.escape(DraftLabels.sourcePolicy(metadata.options.sourcePolicy))).</p>

            """
        html +=
            "<table><tr><th>Файл</th><th>Вид</th><th>Формат</th><th>Редове</th><th>Заредени</th>"
            + "<th>Отхвърлени</th><th>Служебни редове (заглавия, „Общо“)</th><th>SHA-256</th></tr>\n"
        for source in metadata.sources {
            html += """
                <tr><td>\(HTMLText.escape(paths.relative(source.path)))</td>\
                <td>\(HTMLText.escape(DraftLabels.sourceKind(source.kind)))</td>\
                <td>\(HTMLText.escape(DraftLabels.format(source.format)))</td><td class="n">\(HTMLText.integer(source.rowsRead))</td>\
                <td class="n">\(HTMLText.integer(source.loaded))</td><td class="n">\(HTMLText.integer(source.rejected))</td>\
                <td class="n">\(HTMLText.integer(source.nonData))</td><td><code>\(HTMLText.escape(String(source.sha256.prefix(16))))…</code></td></tr>

                """
        }
        return html + "</table></section>\n"
    }

    /// The standards and indicators in use, one warning line each („" when absent).
    static func standardsLine(_ metadata: MapDraftMetadata) -> String {
        var html = ""
        if let standards = metadata.standards {
            html += """
                <p class="warning">Стандарти за финансиране: версия <b>\(HTMLText.escape(standards.version))</b> \
                (\(standards.status == .example ? "примерни" : "официални")). \(HTMLText.escape(standards.statement))</p>
                """
        } else {
            html += "<p>Стандарти за финансиране: не са зададени (разходите не са изчислени).</p>"
        }
        if let indicators = metadata.indicators {
            html += """
                \n<p class="warning">Население на целевите групи по общини: версия \
                <b>\(HTMLText.escape(indicators.version))</b>, \(HTMLText.escape(indicators.sourcePath ?? "")) — \
                \(HTMLText.escape(indicators.officialSource)). \(HTMLText.escape(indicators.statement))</p>
                """
        }
        return html
    }

    static func summarySection(_ draft: MapDraft) -> String {
        guard let nation = draft.areas.first(where: { $0.level == .national }) else { return "" }
        let municipalities = draft.areas.filter { $0.level == .municipality }
        let sent = municipalities.filter { $0.submittedRecords > 0 }.count
        let figures: [(String, String)] = [
            ("Население", HTMLText.integer(nation.population)),
            (
                "Общини с подадени данни",
                "\(HTMLText.integer(sent)) от \(HTMLText.integer(municipalities.count))"
            ),
            ("Услуги", HTMLText.integer(nation.records)),
            ("Места", HTMLText.integer(nation.capacity)),
            ("Услуги с неизвестен капацитет", HTMLText.integer(nation.unknownCapacityServices)),
            ("Места, държавно делегирани", HTMLText.integer(nation.stateDelegatedCapacity)),
            ("Потребители", HTMLText.integer(nation.users)),
            ("Максимален брой потребители", HTMLText.integer(nation.maximumUsers)),
            ("Места на 1000 жители", HTMLText.decimal(nation.placesPerThousandInhabitants)),
        ]
        var html = "<section id=\"summary\"><h2>Национално обобщение</h2>\n<div class=\"summary\">\n"
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

    /// „Липсващи данни": per district, the municipalities that sent nothing (no register, no
    /// proposal) — the first thing the agency chases.
    static func missingSection(_ draft: MapDraft) -> String {
        let municipalities = draft.areas.filter { $0.level == .municipality }
        let missing = municipalities.filter { $0.submittedRecords == 0 }
        var html = "<section id=\"missing\"><h2>Липсващи данни</h2>\n"
        guard !missing.isEmpty else {
            return html + "<p>Всички общини са подали данни.</p></section>\n"
        }
        html += """
            <p>\(HTMLText.integer(missing.count)) от \(HTMLText.integer(municipalities.count)) общини не са \
            подали нито регистър, нито предложение. В таблиците и на картата те са отбелязани с „\(noData)“.</p>
            <ul class="missing">

            """
        for district in draft.areas where district.level == .district {
            let inDistrict = missing.filter { $0.districtCode == district.code }
            guard !inDistrict.isEmpty else { continue }
            let total = municipalities.filter { $0.districtCode == district.code }.count
            let list = inDistrict.map { "\(HTMLText.escape($0.name)) (\(HTMLText.escape($0.code)))" }
                .joined(separator: ", ")
            html += """
                <li data-code="\(HTMLText.escape(district.code))"><b>област \(HTMLText.escape(district.name))</b> \
                (\(HTMLText.integer(inDistrict.count)) от \(HTMLText.integer(total))): \(list)</li>

                """
        }
        return html + "</ul></section>\n"
    }

    static func areaTable(
        id: String, title: String, areas: [AreaSummary], indicator: MapIndicator,
        parentNames: [String: String]?
    ) -> String {
        let hostedColumns = parentNames != nil
        var html = "<section id=\"\(id)\"><h2>\(title)</h2>\n<table><tr><th>Код</th><th>Наименование</th>"
        if parentNames != nil { html += "<th>Област</th>" }
        html +=
            "<th>Население</th><th>Услуги</th><th>Места</th><th>Места ДДД</th><th>Потребители</th>"
            + "<th>Максимален брой потребители</th><th>\(HTMLText.escape(indicator.title))</th>"
            + "<th>Услуги с неизвестен капацитет</th>"
        if hostedColumns { html += "<th>Областни услуги в общината</th><th>Места в тях</th>"
            + "<th>От тях с неизвестен капацитет</th>" }
        html += "</tr>\n"
        for area in areas {
            html +=
                "<tr data-code=\"\(HTMLText.escape(area.code))\"><td>\(HTMLText.escape(area.code))</td>"
                + "<td>\(HTMLText.escape(area.name))</td>"
            if let parentNames {
                html += "<td>\(HTMLText.escape(area.districtCode.flatMap { parentNames[$0] } ?? ""))</td>"
            }
            html += "<td class=\"n\">\(HTMLText.integer(area.population))</td>"
            if area.hasData {
                html += """
                    <td class="n">\(HTMLText.integer(area.records))</td>\
                    <td class="n">\(HTMLText.integer(area.capacity))</td><td class="n">\(HTMLText.integer(area.stateDelegatedCapacity))</td>\
                    <td class="n">\(HTMLText.integer(area.users))</td><td class="n">\(HTMLText.integer(area.maximumUsers))</td>\
                    <td class="n">\(HTMLText.decimal(indicator.value(area)))</td>\
                    <td class="n">\(HTMLText.integer(area.unknownCapacityServices))</td>
                    """
                if hostedColumns {
                    html += """
                        <td class="n">\(HTMLText.integer(area.hosted?.records ?? 0))</td>\
                        <td class="n">\(HTMLText.integer(area.hosted?.capacity ?? 0))</td>\
                        <td class="n">\(HTMLText.integer(area.hosted?.unknownCapacityServices ?? 0))</td>
                        """
                }
            } else {
                html += "<td class=\"nodata\" colspan=\"\(hostedColumns ? 10 : 7)\">\(noData)</td>"
            }
            html += "</tr>\n"
        }
        return html + "</table></section>\n"
    }

    static func criteriaSection(_ draft: MapDraft, names: [String: String]) -> String {
        var html = "<section id=\"criteria\"><h2>Критерии за планиране</h2>\n<table><tr><th>Ниво</th>"
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
        // Cells of areas that sent nothing would all be „under the criterion": they are listed
        // once, in „Липсващи данни", not here.
        let withData = Set(draft.areas.filter(\.hasData).map { "\($0.level.rawValue)/\($0.code)" })
        let attention = draft.cells.filter {
            ($0.status == .above || $0.status == .below || $0.status == .missingFromMinimumPackage
                || !$0.flags.isEmpty) && withData.contains("\($0.level.rawValue)/\($0.areaCode)")
        }
        if attention.isEmpty {
            return html + "<p>Няма клетки, които изискват внимание.</p></section>\n"
        }
        html += """
            <h3>Клетки, които изискват внимание (само територии с подадени данни)</h3>
            <table class="attention"><tr><th>Територия</th><th>Вид услуга</th><th>Целева група</th><th>Места</th>\
            <th>Предложение</th><th>Максимален брой</th><th>Критерий</th><th>Статус</th><th>Бележки</th></tr>

            """
        for cell in attention {
            html += """
                <tr data-code="\(HTMLText.escape(cell.areaCode))"><td>\(HTMLText.escape(names[cell.areaCode] ?? cell.areaCode)) (\(HTMLText.escape(cell.areaCode)))</td>\
                <td>\(HTMLText.escape(cell.kind.rawValue))</td><td>\(HTMLText.escape(cell.targetGroup.nameBG))</td>\
                <td class="n">\(HTMLText.integer(cell.capacity))</td>\
                <td class="n">\(cell.proposedUsers.map(HTMLText.integer) ?? "—")</td>\
                <td class="n">\(HTMLText.integer(cell.maximumUsers))</td><td class="n">\(HTMLText.decimal(cell.criterionValue))</td>\
                <td>\(DraftLabels.status(cell.status))</td><td>\(cell.flags.map(DraftLabels.flag).joined(separator: "; "))</td></tr>

                """
        }
        return html + "</table></section>\n"
    }

    /// How the reconciliation compares, for a person.
    static let reconciliationRule = """
        От общинските регистри се вземат услугите, финансирани като държавно делегирана дейност или с \
        неуточнено финансиране; от данните на АСП — всички услуги. Сравнява се капацитетът по община, \
        вид услуга и целева група (ред без целева група се съпоставя с единствената целева група от \
        същия вид от другата страна), както и по идентификатор на услугата в рамките на общината.
        """

    static func reconciliationSection(_ draft: MapDraft, names: [String: String]) -> String {
        let report = draft.reconciliation
        var html = "<section id=\"reconciliation\"><h2>Съпоставка с данните на АСП</h2>\n"
        html += "<p>\(HTMLText.escape(reconciliationRule))</p>\n<table><tr><th></th>"
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

    /// Rejects grouped by municipality: a heading row with the municipality's total, then one
    /// row per file and reason. Rows whose municipality could not be told come last.
    static func rejectsSection(_ draft: MapDraft, names: [String: String], paths: ReportPaths) -> String {
        var html = "<section id=\"rejects\"><h2>Отхвърлени редове по общини</h2>\n"
        guard !draft.rejects.isEmpty else { return html + "<p>Няма отхвърлени редове.</p></section>\n" }
        html +=
            "<table class=\"rejects\"><tr><th>Община</th><th>Файл</th><th>Причина</th><th>Редове</th></tr>\n"
        var groups: [(code: String?, rejects: [RejectSummary])] = []
        for reject in draft.rejects {
            if let last = groups.last, last.code == reject.municipalityCode {
                groups[groups.count - 1].rejects.append(reject)
            } else {
                groups.append((reject.municipalityCode, [reject]))
            }
        }
        for group in groups {
            let municipality =
                group.code.map { "\(HTMLText.escape(names[$0] ?? $0)) (\(HTMLText.escape($0)))" }
                ?? "неустановена община"
            let total = group.rejects.reduce(0) { $0 + $1.count }
            html += """
                <tr class="group" data-code="\(HTMLText.escape(group.code ?? ""))"><td colspan="3">\(municipality)</td>\
                <td class="n">\(HTMLText.integer(total))</td></tr>

                """
            for reject in group.rejects {
                html += """
                    <tr><td></td><td>\(HTMLText.escape(paths.relative(reject.sourcePath)))</td>\
                    <td>\(HTMLText.escape(DraftLabels.reason(reject.reason)))</td><td class="n">\(HTMLText.integer(reject.count))</td></tr>

                    """
            }
        }
        return html + "</table></section>\n"
    }
}

/// Shows stored (absolute) paths relative to the pipeline's root.
struct ReportPaths {
    var root: URL?

    func relative(_ path: String) -> String {
        guard let root else { return path }
        let base = root.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
