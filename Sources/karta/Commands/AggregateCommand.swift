import ArgumentParser
import Foundation
import KartaAggregate
import KartaEmit
import KartaModel

struct AggregateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Totals per municipality, district or the whole country from the store.",
        discussion: """
            Counts the municipal registers (АСП exports are for reconciliation; see --sources). A \
            district sums its municipalities plus the services planned at district level; the \
            national level sums the districts. A record's capacity counts under its primary kind. \
            Only areas with records are listed unless --all-areas is given. At municipality level a \
            municipality also shows, separately, the services planned at district level located in \
            it ("hosted"; ЗСУ Art. 55) — they count in the district's totals, not in the \
            municipality's. The criteria (for maximum users) are those of the store's latest run \
            unless --criteria is given.

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

    @Option(help: "Planning criteria file (YAML); default: the latest run's criteria.")
    var criteria: String?

    @Option(
        help:
            "Financing standards file (YAML): adds each area's cost (default $KARTA_STANDARDS; none without)."
    )
    var standards: String?

    @OptionGroup var store: StoreFileOption

    func run() throws {
        do {
            let opened = try store.openExisting()
            let chosen = try CriteriaFile.choose(criteria, store: opened)
            // Costs only when asked for: the JSON object of DESIGN.md stays as it is by default.
            let standardsPath =
                standards
                ?? ProcessInfo.processInfo.environment["KARTA_STANDARDS"].flatMap { $0.isEmpty ? nil : $0 }
            let financing = try standardsPath.map { path in try StandardsLoader.load(path: path) }
            let builder = MapDraftBuilder(
                store: opened, criteria: chosen.criteria,
                options: AggregationOptions(sourcePolicy: sources, includeLineage: false),
                standards: financing)
            let summaries = try builder.summaries(level: level, includeEmpty: allAreas)
            switch format {
            case .json:
                try printJSON(
                    AggregateDocument(
                        level: level, summaries: summaries, criteriaVersion: chosen.criteria.version,
                        districtServices: level == .district
                            ? try DistrictService.read(store: opened, policy: sources) : [],
                        standardsVersion: financing?.version),
                    schema: .aggregate)
            case .csv:
                FileHandle.standardError.write(Data("karta: \(chosen.line)\n".utf8))
                FileHandle.standardOutput.write(Data(AggregateCSV.encoded(summaries)))
            case .table:
                printTable(summaries)
                TextWrap.print(chosen.line)
            }
        } catch {
            throw CommandFailure.report(error)
        }
    }

    /// The table with the Bulgarian headers of `areas.csv`; an area that sent nothing shows
    /// „няма данни" instead of zeros.
    private func printTable(_ summaries: [AreaSummary]) {
        let keys = [
            "area_code", "area_name", "population", "records", "capacity", "users",
            "state_delegated_capacity",
            "maximum_users", "places_per_1000_inhabitants", "unknown_capacity_services",
        ]
        let hostedKeys = ["hosted_records", "hosted_capacity"]
        let shownKeys = keys + (level == .municipality ? hostedKeys : [])
        let header = shownKeys.map { key in
            DraftTables.areaColumns.first { $0.key == key }?.headerBG ?? key
        }
        KartaCLI.printTable(
            header: header,
            rows: summaries.map { area in
                var row = [area.code, area.name, HumanNumber.integer(area.population)]
                if area.hasData {
                    row += [
                        area.records, area.capacity, area.users, area.stateDelegatedCapacity,
                        area.maximumUsers,
                    ].map(HumanNumber.integer)
                    row.append(area.placesPerThousandInhabitants.map(HumanNumber.decimal) ?? "—")
                    row.append(HumanNumber.integer(area.unknownCapacityServices))
                } else {
                    row += Array(repeating: "няма данни", count: 7)
                }
                if level == .municipality {
                    row += [
                        HumanNumber.integer(area.hosted?.records ?? 0),
                        HumanNumber.integer(area.hosted?.capacity ?? 0),
                    ]
                }
                return row
            })
        let records = summaries.reduce(0) { $0 + $1.records }
        TextWrap.print(
            "\(summaries.count) areas (\(level.rawValue)), \(records) records, sources: \(sources.rawValue)")
    }
}

extension AreaLevel: ExpressibleByArgument {}

/// Numbers for the text table as a civil servant writes them: decimal comma, two decimals.
enum HumanNumber {
    static func integer(_ value: Int) -> String { String(value) }

    static func decimal(_ value: Double) -> String {
        DecimalText.format(value, places: 2, mark: ",")
    }
}

/// The free functions of Output.swift, named where a local method shadows them.
enum KartaCLI {
    static func printTable(header: [String], rows: [[String]]) {
        karta.printTable(header: header, rows: rows)
    }
}
