import KartaAggregate
import KartaModel

/// The CSV files of a draft — cells per level, area totals, rejects summary, reconciliation —
/// with their documented columns. The column lists are the contract documented in
/// `docs/formats.md`; add columns at the end, never rename a key.
public enum DraftTables {
    /// Columns that several tables share, word for word.
    enum Shared {
        static let level = CSVColumn("Ниво", key: "level", .code, "`municipality`, `district` or `national`")
        static let targetGroupCode = CSVColumn("Целева група (код)", key: "target_group_code", .code, "target group code")
        static let targetGroupName = CSVColumn("Целева група", key: "target_group", .text, "Bulgarian name of the target group")
        static let statusName = CSVColumn("Статус", key: "status_name", .text, "the status in Bulgarian")
        static let municipalityCode = CSVColumn("Код на общината", key: "municipality_code", .code, "municipality")
        static let kindKey = CSVColumn("Вид услуга (код)", key: "kind_key", .code, "service kind key")
        static let kindName = CSVColumn("Вид услуга", key: "kind", .text, "service kind")
    }

    /// Cells of one level (`map-municipalities.csv`, `map-districts.csv`, `map-national.csv`).
    public static let cellColumns: [CSVColumn] = [
        Shared.level,
        CSVColumn(
            "Код", key: "area_code", .code, "area code: `SZR31` (municipality), `SZR` (district), `BG`"),
        CSVColumn("Наименование", key: "area_name", .text, "Bulgarian name of the area (registry)"),
        CSVColumn(
            "Код на областта", key: "district_code", .code,
            "parent district of a municipality; empty otherwise"),
        CSVColumn("Вид услуга (код)", key: "kind_key", .code, "ASCII key of the service kind (ЗСУ Art. 15)"),
        CSVColumn("Вид услуга", key: "kind", .text, "Bulgarian name of the service kind"),
        Shared.targetGroupCode,
        Shared.targetGroupName,
        CSVColumn("Брой услуги", key: "services", .integer, "records (services) counted in the cell"),
        CSVColumn("Капацитет (места)", key: "capacity", .integer, "current places of all services"),
        CSVColumn(
            "Капацитет ДДД", key: "state_delegated_capacity", .integer, "current state-delegated places"),
        CSVColumn("Потребители", key: "users", .integer, "users at the reporting date"),
        CSVColumn(
            "Максимален брой потребители", key: "maximum_users", .integer,
            "the draft's maximum users: the proposal where one exists, else state-delegated capacity"),
        CSVColumn(
            "Предложен брой потребители", key: "proposed_users", .integer,
            "the municipality's proposal; empty when none"),
        CSVColumn(
            "Стойност по критерия", key: "criterion_value", .decimal2,
            "maximum users the criterion allows; empty when none applies"),
        CSVColumn(
            "Статус (код)", key: "status", .code,
            "`meets`, `above`, `below`, `missing_minimum_package`, `no_criterion`"),
        Shared.statusName,
        CSVColumn(
            "Бележки", key: "flags", .list,
            "`proposal_exceeds_criterion`, `service_disappears`, `new_service`, `target_group_matched`, "
                + "`ambiguous_target_group`"),
        CSVColumn("Заетост", key: "occupancy", .decimal4, "users per place; empty without capacity"),
        CSVColumn(
            "Места на 1000 жители", key: "places_per_1000_inhabitants", .decimal2,
            "capacity per 1,000 inhabitants of the area"),
        CSVColumn(
            "Места на 1000 от целевата група", key: "places_per_1000_target_group", .decimal2,
            "capacity per 1,000 people of the target group, when the criteria give its population"),
        CSVColumn("Записи", key: "record_ids", .list, "store ids of the records the cell sums (lineage)"),
        CSVColumn(
            "Записи с предложения", key: "proposal_record_ids", .list, "store ids of the proposal records"),
        CSVColumn(
            "Услуги с неизвестен капацитет", key: "unknown_capacity_services", .integer,
            "services counted in `services` whose capacity is blank or „н/д\" in the source; `capacity` leaves them out"),
        CSVColumn(
            "Целева група по чл. 14, ал. 2 ЗСУ", key: "law_target_group", .code,
            "the target group's group of ЗСУ Art. 14(2) (`mappings/target-groups.yml`); empty for `everyone` "
                + "(generally accessible services) and `unspecified`"),
        CSVColumn(
            "Начин на ползване (код)", key: "mode", .code,
            "the mode of use the cell is costed in (`residential`, `day`, `hourly`, `mobile` — codes of the "
                + "standards file); empty without standards or when the kind has no mode"),
        CSVColumn(
            "Стандарт (лв. на потребител годишно)", key: "standard_bgn_per_user_year", .decimal2,
            "the financing standard (ЗСУ Art. 45); empty when none applies"),
        CSVColumn(
            "Разход по стандарти (лв.)", key: "cost_bgn", .decimal2,
            "maximum users × standard; empty when the standard is unknown (never 0 for unknown)"),
        CSVColumn(
            "Разход (код)", key: "cost_status", .code,
            "`known` or `unknown_standard`; empty when the draft was computed without standards"),
        CSVColumn(
            "Показател по критерия", key: "indicator_name", .text,
            "what the criterion's indicator counts (НПСУ Art. 3); empty when no criterion applies"),
        CSVColumn(
            "Стойност на показателя", key: "indicator_value", .integer,
            "the indicator's value; empty when unavailable or the rule needs none"),
        CSVColumn("Мярка на показателя", key: "indicator_unit", .text, "the indicator's unit"),
        CSVColumn(
            "Източник на показателя", key: "indicator_source", .text,
            "the file and the official source of the indicator (`; `-separated when several)"),
    ] + registerColumns

    /// What the registers carry, summed (cells and areas; ЗСУ Art. 44(4), 49, 58).
    static let registerColumns: [CSVColumn] = [
        CSVColumn(
            "Държавно финансиране (лв.)", key: "state_funding_bgn", .decimal2,
            "state funding the registers give, in leva (0 when none)"),
        CSVColumn(
            "Общинско финансиране (лв.)", key: "municipal_funding_bgn", .decimal2,
            "municipal funding (дофинансиране) the registers give, in leva"),
        CSVColumn(
            "Услуги със смесено финансиране", key: "mixed_financing_services", .integer,
            "services with both a state and a municipal part above 0 (ЗСУ Art. 49)"),
        CSVColumn(
            "Чакащи", key: "waiting_list", .integer, "people on the services' waiting lists (ЗСУ Art. 44(4))"),
        CSVColumn(
            "Услуги без потребители три месеца", key: "services_without_users_three_months", .integer,
            "services whose monthly users are 0 for three consecutive months or more (ЗСУ Art. 58(1) т. 2)"),
    ]

    /// Totals per area of every level (`areas.csv`).
    public static let areaColumns: [CSVColumn] = [
        Shared.level,
        CSVColumn("Код", key: "area_code", .code, "area code"),
        CSVColumn("Наименование", key: "area_name", .text, "Bulgarian name"),
        CSVColumn("Код на областта", key: "district_code", .code, "parent district of a municipality"),
        CSVColumn("Население", key: "population", .integer, "census population (date in the metadata)"),
        CSVColumn("Брой услуги", key: "records", .integer, "counted records (services), all kinds"),
        CSVColumn("Капацитет (места)", key: "capacity", .integer, "current places"),
        CSVColumn("Потребители", key: "users", .integer, "users"),
        CSVColumn("Капацитет ДДД", key: "state_delegated_capacity", .integer, "state-delegated places"),
        CSVColumn(
            "Максимален брой потребители", key: "maximum_users", .integer, "sum of the cells' maximum users"),
        CSVColumn(
            "Места на 1000 жители", key: "places_per_1000_inhabitants", .decimal2,
            "places per 1,000 inhabitants"),
        CSVColumn(
            "Услуги на областно ниво", key: "district_level_records", .integer,
            "records planned at district level"),
        CSVColumn(
            "Услуги с неизвестен капацитет", key: "unknown_capacity_services", .integer,
            "services whose capacity is unknown (counted in `records`, left out of `capacity`)"),
        CSVColumn(
            "Подадени записи", key: "submitted_records", .integer,
            "register and proposal records the area sent (0: „няма данни\")"),
        CSVColumn(
            "Областни услуги в общината", key: "hosted_records", .integer,
            "municipality only: services planned at district level located in it (ЗСУ Art. 55)"),
        CSVColumn(
            "Капацитет на областните услуги в общината", key: "hosted_capacity", .integer,
            "municipality only: their places"),
        CSVColumn(
            "Потребители на областните услуги в общината", key: "hosted_users", .integer,
            "municipality only: their users"),
        CSVColumn(
            "Областни услуги в общината с неизвестен капацитет", key: "hosted_unknown_capacity_services",
            .integer, "municipality only: those of them whose capacity is unknown (left out of their capacity)"),
        CSVColumn(
            "Разход по стандарти (лв., известен)", key: "known_cost_bgn", .decimal2,
            "sum of the known costs of the area's cells; empty without standards"),
        CSVColumn(
            "Клетки с неизвестен разход", key: "unknown_cost_cells", .integer,
            "cells without a standard, left out of `known_cost_bgn`"),
        CSVColumn(
            "Потребители в клетки с неизвестен разход", key: "unknown_cost_users", .integer,
            "the maximum users of those cells"),
    ] + registerColumns

    /// Rejected rows per source file and reason (`rejects-summary.csv`).
    public static let rejectColumns: [CSVColumn] = [
        CSVColumn(
            "Код на общината", key: "municipality_code", .code,
            "the file's municipality; empty when it spans several"),
        CSVColumn("Община", key: "municipality_name", .text, "Bulgarian name of the municipality"),
        CSVColumn("Файл", key: "source_path", .text, "the source file as stored"),
        CSVColumn("Причина (код)", key: "reason", .code, "reject reason code (README)"),
        CSVColumn("Причина", key: "reason_name", .text, "the reason in Bulgarian"),
        CSVColumn("Брой редове", key: "count", .integer, "rejected rows"),
    ]

    /// Municipal registers against АСП data per municipality × kind × group (`reconciliation.csv`).
    public static let reconciliationColumns: [CSVColumn] = [
        Shared.municipalityCode,
        CSVColumn("Община", key: "municipality_name", .text, "Bulgarian name"),
        Shared.kindKey,
        Shared.kindName,
        Shared.targetGroupCode,
        CSVColumn(
            "Статус (код)", key: "status", .code,
            "`match`, `capacity_difference`, `only_municipal`, `only_agency`"),
        Shared.statusName,
        CSVColumn("Услуги по регистъра", key: "municipal_records", .integer, "municipal-register records"),
        CSVColumn("Капацитет по регистъра", key: "municipal_capacity", .integer, "their capacity"),
        CSVColumn("Услуги по АСП", key: "agency_records", .integer, "АСП export records"),
        CSVColumn("Капацитет по АСП", key: "agency_capacity", .integer, "their capacity"),
        CSVColumn(
            "Разлика в капацитета", key: "capacity_difference", .integer,
            "municipal minus agency capacity (a missing side counts 0)"),
        CSVColumn(
            "Целевата група е съпоставена", key: "target_group_matched", .boolean,
            "1 when a side without a target group was matched to the other side's only one"),
    ]

    /// Per-service comparison by service identifier (`reconciliation-services.csv`).
    public static let serviceReconciliationColumns: [CSVColumn] = [
        Shared.municipalityCode,
        CSVColumn("Идентификатор на услугата", key: "service_id", .text, "the service id both sides carry"),
        CSVColumn("Статус (код)", key: "status", .code, "reconciliation status"),
        Shared.statusName,
        CSVColumn("Капацитет по регистъра", key: "municipal_capacity", .integer, "municipal capacity"),
        CSVColumn("Капацитет по АСП", key: "agency_capacity", .integer, "agency capacity"),
        CSVColumn("Разлика в капацитета", key: "capacity_difference", .integer, "municipal minus agency"),
        CSVColumn(
            "Еднаква класификация", key: "classification_agrees", .boolean,
            "1 when both give the same kind and group"),
    ]

    /// The draft against the adopted Map, cell by cell (`map-comparison.csv`; written only when
    /// an adopted Map is loaded).
    public static let comparisonColumns: [CSVColumn] = [
        Shared.level,
        CSVColumn("Код", key: "area_code", .code, "area code"),
        CSVColumn("Наименование", key: "area_name", .text, "Bulgarian name of the area"),
        Shared.kindKey,
        Shared.kindName,
        Shared.targetGroupCode,
        Shared.targetGroupName,
        CSVColumn(
            "Максимален брой по приетата карта", key: "adopted_maximum_users", .integer,
            "the adopted Map's maximum users; empty when the Map has no such cell"),
        CSVColumn(
            "Максимален брой по проекта", key: "draft_maximum_users", .integer,
            "the draft's maximum users; empty when the draft has no such cell"),
        CSVColumn("Разлика", key: "difference", .integer, "draft minus adopted (a missing side counts 0)"),
        CSVColumn(
            "Промяна (код)", key: "status", .code, "`new`, `removed`, `increased`, `decreased`, `unchanged`"),
        CSVColumn("Промяна", key: "status_name", .text, "the change in Bulgarian"),
        CSVColumn("Капацитет ДДД", key: "state_delegated_capacity", .integer, "current state-delegated places"),
        CSVColumn("Потребители", key: "users", .integer, "current users"),
        CSVColumn(
            "Над картата", key: "exceeds_map", .boolean,
            "1 when the current state-delegated capacity or users exceed the adopted maximum (ЗСУ Art. 43(2))"),
    ]

    /// The services planned at district level, one row per service (`district-services.csv`).
    public static let districtServiceColumns: [CSVColumn] = [
        CSVColumn("Код на областта", key: "district_code", .code, "the district the service is planned for"),
        CSVColumn("Област", key: "district_name", .text, "Bulgarian name of the district"),
        CSVColumn(
            "Код на общината домакин", key: "host_municipality_code", .code,
            "the municipality that hosts (manages) it and is funded for it (ЗСУ Art. 33, 55)"),
        CSVColumn("Община домакин", key: "host_municipality_name", .text, "Bulgarian name of the host"),
        CSVColumn("Услуга", key: "service_name", .text, "the service's name as written in the source"),
        CSVColumn("Вид услуга (код)", key: "kind_key", .code, "service kind key"),
        CSVColumn("Вид услуга", key: "kind", .text, "service kind"),
        CSVColumn("Целева група (код)", key: "target_group_code", .code, "target group code"),
        CSVColumn("Целева група", key: "target_group", .text, "Bulgarian name of the target group"),
        CSVColumn("Капацитет (места)", key: "capacity", .integer, "places; empty when unknown"),
        CSVColumn("Потребители", key: "users", .integer, "users; empty when unknown"),
        CSVColumn("Обхват (код)", key: "scope", .code, "`district` (the district's population) or `national`"),
        CSVColumn("Обхват", key: "scope_name", .text, "„областен\" or „национален\""),
        CSVColumn(
            "Обслужва", key: "serves", .list,
            "codes of the municipalities it serves (every municipality of its district), or `BG`"),
    ]

    /// The district-level services; nil for drafts written before they were listed.
    public static func districtServicesTable(_ draft: MapDraft, names: [String: AreaSummary]) -> CSVTable? {
        guard let services = draft.districtServices else { return nil }
        return CSVTable(
            fileName: "district-services.csv", title: "Услуги на областно ниво", columns: districtServiceColumns,
            rows: services.map { service in
                [
                    .text(service.districtCode), .text(names[service.districtCode]?.name),
                    .text(service.hostMunicipalityCode), .text(names[service.hostMunicipalityCode]?.name),
                    .text(service.serviceName), .text(service.kind.key), .text(service.kind.rawValue),
                    .text(service.targetGroup.code), .text(service.targetGroup.nameBG), .integer(service.capacity),
                    .integer(service.users), .text(service.scope.rawValue), .text(DraftLabels.scope(service.scope)),
                    .text(service.serves.joined(separator: "|")),
                ]
            })
    }

    /// The comparison with the adopted Map; nil when no adopted Map is loaded.
    public static func comparisonTable(_ draft: MapDraft, names: [String: AreaSummary]) -> CSVTable? {
        guard let comparison = draft.comparison else { return nil }
        return CSVTable(
            fileName: "map-comparison.csv", title: "Спрямо приетата карта", columns: comparisonColumns,
            rows: comparison.cells.map { cell in
                [
                    .text(cell.level.rawValue), .text(cell.areaCode), .text(names[cell.areaCode]?.name),
                    .text(cell.kind.key), .text(cell.kind.rawValue), .text(cell.targetGroup.code),
                    .text(cell.targetGroup.nameBG), .integer(cell.adoptedMaximumUsers),
                    .integer(cell.draftMaximumUsers), .integer(cell.difference), .text(cell.status.rawValue),
                    .text(DraftLabels.comparison(cell.status)), .integer(cell.stateDelegatedCapacity),
                    .integer(cell.users), .boolean(cell.exceedsMap),
                ]
            })
    }

    /// The file name of a level's cells.
    public static func cellFileName(_ level: AreaLevel) -> String {
        switch level {
        case .municipality: "map-municipalities.csv"
        case .district: "map-districts.csv"
        case .national: "map-national.csv"
        }
    }

    /// The draft's areas by code (the first of a repeated code).
    static func areasByCode(_ draft: MapDraft) -> [String: AreaSummary] {
        Dictionary(draft.areas.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every CSV table of the draft, in a fixed order.
    public static func all(_ draft: MapDraft) -> [CSVTable] {
        let names = areasByCode(draft)
        var tables = AreaLevel.allCases.map { level in
            CSVTable(
                fileName: cellFileName(level), title: "Клетки на картата — \(DraftLabels.level(level))",
                columns: cellColumns,
                rows: draft.cells(at: level).map { cellRow($0, area: names[$0.areaCode]) })
        }
        tables.append(
            CSVTable(
                fileName: "areas.csv", title: "Общо по територии", columns: areaColumns,
                rows: draft.areas.map(areaRow)))
        tables.append(rejectsTable(draft, names: names))
        tables.append(contentsOf: reconciliationTables(draft, names: names))
        if let comparison = comparisonTable(draft, names: names) { tables.append(comparison) }
        if let services = districtServicesTable(draft, names: names) { tables.append(services) }
        return tables
    }

    public static func rejectsTable(_ draft: MapDraft, names: [String: AreaSummary]? = nil) -> CSVTable {
        let names = names ?? areasByCode(draft)
        return CSVTable(
            fileName: "rejects-summary.csv", title: "Отхвърлени редове", columns: rejectColumns,
            rows: draft.rejects.map { reject in
                [
                    .text(reject.municipalityCode),
                    .text(reject.municipalityCode.flatMap { names[$0]?.name }),
                    .text(reject.sourcePath), .text(reject.reason), .text(DraftLabels.reason(reject.reason)),
                    .integer(reject.count),
                ]
            })
    }

    public static func reconciliationTables(_ draft: MapDraft, names: [String: AreaSummary]? = nil)
        -> [CSVTable]
    {
        let names = names ?? areasByCode(draft)
        let cells = CSVTable(
            fileName: "reconciliation.csv", title: "Съпоставка с данните на АСП",
            columns: reconciliationColumns,
            rows: draft.reconciliation.cells.map { cell in
                [
                    .text(cell.municipalityCode), .text(names[cell.municipalityCode]?.name),
                    .text(cell.kind.key), .text(cell.kind.rawValue), .text(cell.targetGroup.code),
                    .text(cell.status.rawValue), .text(DraftLabels.reconciliation(cell.status)),
                    .integer(cell.municipal?.records), .integer(cell.municipal?.capacity),
                    .integer(cell.agency?.records), .integer(cell.agency?.capacity),
                    .integer(cell.capacityDifference), .boolean(cell.targetGroupMatched),
                ]
            })
        let services = CSVTable(
            fileName: "reconciliation-services.csv", title: "Съпоставка по услуги",
            columns: serviceReconciliationColumns,
            rows: draft.reconciliation.services.map { service in
                [
                    .text(service.municipalityCode), .text(service.serviceID), .text(service.status.rawValue),
                    .text(DraftLabels.reconciliation(service.status)), .integer(service.municipal?.capacity),
                    .integer(service.agency?.capacity), .integer(service.capacityDifference),
                    .boolean(service.classificationAgrees),
                ]
            })
        return [cells, services]
    }

    static func cellRow(_ cell: MapCell, area: AreaSummary?) -> [CSVValue] {
        [
            .text(cell.level.rawValue), .text(cell.areaCode), .text(area?.name), .text(area?.districtCode),
            .text(cell.kind.key), .text(cell.kind.rawValue), .text(cell.targetGroup.code),
            .text(cell.targetGroup.nameBG), .integer(cell.services), .integer(cell.capacity),
            .integer(cell.stateDelegatedCapacity), .integer(cell.users), .integer(cell.maximumUsers),
            .integer(cell.proposedUsers), .decimal(cell.criterionValue, places: 2),
            .text(cell.status.rawValue),
            .text(DraftLabels.status(cell.status)), .text(cell.flags.map(\.rawValue).joined(separator: "|")),
            .decimal(cell.occupancy, places: 4), .decimal(cell.placesPerThousandInhabitants, places: 2),
            .decimal(cell.placesPerThousandTargetGroup, places: 2),
            .text(cell.recordIDs.map(String.init).joined(separator: "|")),
            .text(cell.proposalRecordIDs.map(String.init).joined(separator: "|")),
            .integer(cell.unknownCapacityServices), .text(cell.targetGroup.lawGroup?.code),
            .text(cell.cost?.mode), .decimal(cell.cost?.standardBGN, places: 2),
            .decimal(cell.cost?.costBGN, places: 2), .text(cell.cost?.status.rawValue),
            .text(cell.criterionIndicator?.name), .integer(cell.criterionIndicator?.value),
            .text(cell.criterionIndicator?.unit), .text(cell.criterionIndicator?.sourceText),
        ] + registerRow(cell.registers)
    }

    static func areaRow(_ area: AreaSummary) -> [CSVValue] {
        [
            .text(area.level.rawValue), .text(area.code), .text(area.name), .text(area.districtCode),
            .integer(area.population), .integer(area.records), .integer(area.capacity), .integer(area.users),
            .integer(area.stateDelegatedCapacity), .integer(area.maximumUsers),
            .decimal(area.placesPerThousandInhabitants, places: 2), .integer(area.districtLevelRecords),
            .integer(area.unknownCapacityServices),
            .integer(area.submittedRecords), .integer(area.hosted?.records), .integer(area.hosted?.capacity),
            .integer(area.hosted?.users), .integer(area.hosted?.unknownCapacityServices),
            .decimal(area.cost?.knownCostBGN, places: 2), .integer(area.cost?.unknownCostCells),
            .integer(area.cost?.unknownCostUsers),
        ] + registerRow(area.registers)
    }

    static func registerRow(_ totals: RegisterTotals) -> [CSVValue] {
        [
            .decimal(Double(totals.stateFundingStotinki) / 100, places: 2),
            .decimal(Double(totals.municipalFundingStotinki) / 100, places: 2),
            .integer(totals.mixedFinancingServices), .integer(totals.waitingList),
            .integer(totals.servicesWithoutUsers),
        ]
    }
}
