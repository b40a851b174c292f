import KartaAggregate
import KartaModel

/// The annual plan as one CSV table (`<code>.csv`): one row per service of its three parts,
/// each row naming the year and the municipality, so the file stands alone in Excel. The column
/// list is the contract documented in `docs/formats.md`; add columns at the end.
public enum PlanTable {
    /// Codes of the plan's three parts.
    public enum Part: String, Sendable, CaseIterable {
        /// The Map's services for the municipality.
        case map
        /// Services funded from the municipality's own budget.
        case ownBudget = "own_budget"
        /// District-level services the municipality hosts.
        case districtHosted = "district_hosted"

        /// The part's Bulgarian title.
        public var title: String {
            switch self {
            case .map: "Услуги по Националната карта"
            case .ownBudget: "Услуги, финансирани от общинския бюджет"
            case .districtHosted: "Услуги на областно ниво в общината"
            }
        }
    }

    public static let columns: [CSVColumn] = [
        CSVColumn("Година", key: "year", .integer, "the year the plan is for"),
        CSVColumn("Код на общината", key: "municipality_code", .code, "the municipality (`SZR31`)"),
        CSVColumn("Община", key: "municipality_name", .text, "Bulgarian name of the municipality"),
        CSVColumn(
            "Част (код)", key: "part", .code,
            "`map` (the Map's services), `own_budget` (funded by the municipality), `district_hosted` "
                + "(district-level services it hosts)"),
        CSVColumn("Част", key: "part_name", .text, "the part's title in Bulgarian"),
        CSVColumn("Вид услуга (код)", key: "kind_key", .code, "service kind key"),
        CSVColumn("Вид услуга", key: "kind", .text, "service kind"),
        CSVColumn("Целева група (код)", key: "target_group_code", .code, "target group code"),
        CSVColumn("Целева група", key: "target_group", .text, "Bulgarian name of the target group"),
        CSVColumn(
            "Услуга", key: "service_name", .text,
            "`own_budget`, `district_hosted`: the service's name as written; empty for `map` (a cell)"),
        CSVColumn(
            "Максимален брой потребители", key: "maximum_users", .integer,
            "`map`: the adopted Map's maximum users when one is loaded, else the draft's; empty when the "
                + "adopted Map has no such cell"),
        CSVColumn(
            "Източник на максимума", key: "maximum_source", .code,
            "`map`: `adopted_map`, `draft` (no adopted Map loaded) or `not_in_adopted_map`"),
        CSVColumn(
            "Максимален брой по проекта", key: "draft_maximum_users", .integer,
            "`map`: the draft's maximum users (proposal, else state-delegated places)"),
        CSVColumn("Капацитет (места)", key: "capacity", .integer, "current places; empty when unknown"),
        CSVColumn("Капацитет ДДД", key: "state_delegated_capacity", .integer, "`map`: current state-delegated places"),
        CSVColumn("Потребители", key: "users", .integer, "current users; empty when unknown"),
        CSVColumn("Брой услуги", key: "services", .integer, "`map`: services (records) in the cell"),
        CSVColumn(
            "Над картата", key: "exceeds_map", .boolean,
            "`map`: 1 when today's state-delegated places or users exceed the adopted maximum (ЗСУ Art. 43(2))"),
        CSVColumn("Доставчик", key: "provider", .text, "`own_budget`: the provider as written"),
        CSVColumn(
            "Обхват (код)", key: "scope", .code,
            "`district_hosted`: `district` (the district's population) or `national`"),
        CSVColumn(
            "Обслужва", key: "serves", .list,
            "`district_hosted`: codes of the municipalities it serves, or `BG` for the whole country"),
        CSVColumn(
            "Стандарт (лв. на потребител годишно)", key: "standard_bgn_per_user_year", .decimal2,
            "`map`: the financing standard (ЗСУ Art. 45); empty without standards or when none applies"),
        CSVColumn(
            "Разход по стандарти (лв.)", key: "cost_bgn", .decimal2,
            "`map`: maximum users × standard; empty when either is unknown (never 0 for unknown)"),
        CSVColumn(
            "Държавно финансиране (лв.)", key: "state_funding_bgn", .decimal2,
            "`map`: summed over the cell's services; `own_budget`: the service's, as the register gives it"),
        CSVColumn(
            "Общинско финансиране (лв.)", key: "municipal_funding_bgn", .decimal2,
            "the municipal part (ЗСУ Art. 49: both parts given for mixed financing)"),
        CSVColumn("Чакащи", key: "waiting_list", .integer, "people on the waiting lists (ЗСУ Art. 44(4))"),
    ]

    /// The plan's rows, part by part.
    public static func table(_ plan: MunicipalPlan) -> CSVTable {
        let head: [CSVValue] = [
            .integer(plan.year), .text(plan.municipality.code), .text(plan.municipality.nameBG),
        ]
        func part(_ part: Part) -> [CSVValue] { [.text(part.rawValue), .text(part.title)] }
        var rows: [[CSVValue]] = []
        for service in plan.mapServices {
            rows.append(
                head + part(.map) + [
                    .text(service.kind.key), .text(service.kind.rawValue), .text(service.targetGroup.code),
                    .text(service.targetGroup.nameBG), .empty, .integer(service.maximumUsers),
                    .text(service.maximumSource.rawValue), .integer(service.draftMaximumUsers),
                    .integer(service.capacity), .integer(service.stateDelegatedCapacity), .integer(service.users),
                    .integer(service.services), .boolean(service.exceedsMap), .empty, .empty, .empty,
                    .decimal(service.standardBGN, places: 2), .decimal(service.costBGN, places: 2),
                    .decimal(Double(service.registers.stateFundingStotinki) / 100, places: 2),
                    .decimal(Double(service.registers.municipalFundingStotinki) / 100, places: 2),
                    .integer(service.registers.waitingList),
                ])
        }
        for service in plan.ownBudgetServices {
            rows.append(
                head + part(.ownBudget) + [
                    .text(service.kind.key), .text(service.kind.rawValue), .text(service.targetGroup.code),
                    .text(service.targetGroup.nameBG), .text(service.serviceName), .empty, .empty, .empty,
                    .integer(service.capacity), .empty, .integer(service.users), .empty, .empty,
                    .text(service.provider), .empty, .empty, .empty, .empty,
                    .decimal(service.stateFundingStotinki.map { Double($0) / 100 }, places: 2),
                    .decimal(service.municipalFundingStotinki.map { Double($0) / 100 }, places: 2),
                    .integer(service.waitingList),
                ])
        }
        for service in plan.hostedServices {
            rows.append(
                head + part(.districtHosted) + [
                    .text(service.kind.key), .text(service.kind.rawValue), .text(service.targetGroup.code),
                    .text(service.targetGroup.nameBG), .text(service.serviceName), .empty, .empty, .empty,
                    .integer(service.capacity), .empty, .integer(service.users), .empty, .empty, .empty,
                    .text(service.scope.rawValue), .text(service.serves.joined(separator: "|")),
                    .empty, .empty, .empty, .empty, .empty,
                ])
        }
        return CSVTable(
            fileName: "\(plan.municipality.code).csv",
            title: "Годишен план за социалните услуги \(plan.year)", columns: columns, rows: rows)
    }
}
