import ArgumentParser
import Foundation
import KartaAggregate
import KartaModel

struct AggregateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Totals per municipality, district or the whole country from the store.",
        discussion: """
            Counts the municipal registers (АСП exports are for reconciliation; see --sources).
            A district sums its municipalities plus the services planned at district level;
            the national level sums the districts. A record's capacity counts under its primary
            kind. Only areas with records are listed unless --all-areas is given.

            Examples:
              karta aggregate                                   # municipalities, as a table
              karta aggregate --level district --format json
              karta aggregate --level national --format csv --store out/karta.sqlite
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @Option(help: "municipality, district or national.")
    var level: AreaLevel = .municipality

    @Option(help: "table, csv or json.")
    var format: Format = .table

    @Option(help: "Which records count: registers, registers-then-agency or agency.")
    var sources: SourcePolicy = .registers

    @Flag(help: "List areas without records too (with zeros).")
    var allAreas = false

    @OptionGroup var store: StoreFileOption

    func run() throws {
        do {
            let builder = MapDraftBuilder(
                store: try store.openExisting(),
                options: AggregationOptions(sourcePolicy: sources, includeLineage: false))
            let summaries = try builder.summaries(level: level, includeEmpty: allAreas)
            switch format {
            case .json: try printJSON(AggregateDocument(level: level, summaries: summaries))
            case .csv: print(AggregateCSV.text(summaries), terminator: "")
            case .table: printTable(summaries)
            }
        } catch {
            throw CommandFailure.report(error)
        }
    }

    private func printTable(_ summaries: [AreaSummary]) {
        KartaCLI.printTable(
            header: [
                "code", "name", "population", "records", "capacity", "users", "state-delegated", "per 1,000",
                "unknown capacity",
            ],
            rows: summaries.map {
                [
                    $0.code, $0.name, String($0.population), String($0.records), String($0.capacity),
                    String($0.users),
                    String($0.stateDelegatedCapacity),
                    $0.placesPerThousandInhabitants.map { String($0) } ?? "—",
                    String($0.unknownCapacityServices),
                ]
            })
        let records = summaries.reduce(0) { $0 + $1.records }
        print(
            "\(summaries.count) areas (\(level.rawValue)), \(records) records, sources: \(sources.rawValue)")
    }
}

extension AreaLevel: ExpressibleByArgument {}

/// The free functions of Output.swift, named where a local method shadows them.
enum KartaCLI {
    static func printTable(header: [String], rows: [[String]]) {
        karta.printTable(header: header, rows: rows)
    }
}

/// `karta aggregate --format csv`: one line per area, UTF-8, comma-separated, RFC 4180 quoting;
/// one capacity column per service kind (ASCII key), in ``ServiceKind`` order.
enum AggregateCSV {
    static func text(_ summaries: [AreaSummary]) -> String {
        var lines = [
            ([
                "level", "code", "name", "population", "records", "capacity", "users",
                "state_delegated_capacity",
                "places_per_1000",
            ] + ServiceKind.allCases.map { "capacity_\($0.key)" } + ["unknown_capacity_services"]).joined(
                separator: ",")
        ]
        for summary in summaries {
            let byKind = Dictionary(
                uniqueKeysWithValues: summary.capacityByKind.map { ($0.kind, $0.capacity) })
            var fields: [String] = [
                summary.level.rawValue, summary.code, summary.name, String(summary.population),
                String(summary.records),
                String(summary.capacity), String(summary.users), String(summary.stateDelegatedCapacity),
                summary.placesPerThousandInhabitants.map { String($0) } ?? "",
            ]
            fields += ServiceKind.allCases.map { String(byKind[$0] ?? 0) }
            fields.append(String(summary.unknownCapacityServices))
            lines.append(fields.map(quote).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
