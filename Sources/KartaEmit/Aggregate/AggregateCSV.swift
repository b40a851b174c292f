import KartaAggregate
import KartaModel

/// `karta aggregate --format csv`: one line per area, in the ``CSVDialect/lines`` dialect (UTF-8,
/// `,`, LF, RFC 4180 quoting by ``CSVRowEncoder``); one capacity column per service kind (ASCII
/// key), in ``ServiceKind`` order.
public enum AggregateCSV {
    /// The header: English keys, then `capacity_<kind key>` per kind.
    public static var header: [String] {
        [
            "level", "code", "name", "population", "records", "capacity", "users", "state_delegated_capacity",
            "places_per_1000",
        ] + ServiceKind.allCases.map { "capacity_\($0.key)" } + [
            "unknown_capacity_services", "state_funding_bgn", "municipal_funding_bgn", "mixed_financing_services",
            "waiting_list", "services_without_users_three_months",
        ]
    }

    /// The file's bytes: header, then one row per summary.
    public static func encoded(_ summaries: [AreaSummary]) -> [UInt8] {
        let encoder = CSVRowEncoder(dialect: .lines)
        var output = encoder.preamble
        encoder.encodeHeader(header, into: &output)
        for summary in summaries { encoder.encode(row(summary), into: &output) }
        return output
    }

    /// One area's row, in ``header`` order.
    static func row(_ summary: AreaSummary) -> [CSVValue] {
        let registers = summary.registers
        let byKind = Dictionary(
            summary.capacityByKind.map { ($0.kind, $0.capacity) }, uniquingKeysWith: +)
        return [
            .text(summary.level.rawValue), .text(summary.code), .text(summary.name),
            .integer(summary.population), .integer(summary.records), .integer(summary.capacity),
            .integer(summary.users), .integer(summary.stateDelegatedCapacity),
            .number(summary.placesPerThousandInhabitants),
        ] + ServiceKind.allCases.map { .integer(byKind[$0] ?? 0) } + [
            .integer(summary.unknownCapacityServices),
            .text(Leva(stotinki: registers.stateFundingStotinki).textPoint),
            .text(Leva(stotinki: registers.municipalFundingStotinki).textPoint),
            .integer(registers.mixedFinancingServices), .integer(registers.waitingList),
            .integer(registers.servicesWithoutUsers),
        ]
    }
}
