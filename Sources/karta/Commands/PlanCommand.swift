import ArgumentParser
import Foundation
import KartaAggregate
import KartaEmit
import KartaModel

extension PlanFormat: ExpressibleByArgument {}

/// `karta plan AREA --year YYYY`: a municipality's annual plan for social services (ЗСУ Art. 38).
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Write a municipality's annual plan for social services (ЗСУ Art. 37–38).",
        discussion: """
            AREA is a municipality code (SZR31), EKATTE code or name, resolved like \
            `karta reference --resolve` (write --district for a name two districts share). The plan, in \
            Bulgarian, has three parts: the Map's services for the municipality (maximum users from the \
            adopted Map when one is loaded, else from the draft) next to today's places and users; the \
            services it funds from its own budget (financing „местна дейност"); the district-level \
            services it hosts and whom they serve. The file is <code>.html, <code>.csv or <code>.pdf in \
            --out. HTML and CSV are byte-identical for the same inputs: no wall clock and no run id (the \
            plan names the draft id, which the run's run.json names, and the date \
            its data are as of). PDF is printed by headless Chromium ($KARTA_CHROMIUM, else \
            chromium on PATH).

            Examples:
              karta plan SZR31 --year 2026 --out plans/
              karta plan "Стара Загора" --year 2026 --format pdf
              karta plan Бяла --district Русе --year 2026 --format csv

            Exit status: 0 written, 1 AREA names no single municipality (the nearest names are printed), \
            2 invalid usage or no store, 74 Chromium missing or failed (--format pdf) or a file could not \
            be written.
            """)

    @Argument(help: "Municipality code, EKATTE or name.")
    var area: String

    @Option(help: "The year the plan is for (e.g. 2026).")
    var year: Int

    @Option(help: "html (default), csv or pdf; repeat for several.")
    var format: [PlanFormat] = []

    @Option(help: "Output folder.")
    var out: String = "."

    @Option(help: "The district, when two municipalities share the name.")
    var district: String?

    @Option(help: "Planning criteria file (YAML); default as for `karta export`.")
    var criteria: String?

    @Option(help: "Financing standards file (YAML) for the costs; default as for `karta export`.")
    var standards: String?

    @Option(help: "Target-group populations per municipality (YAML); default as for `karta export`.")
    var indicators: String?

    @Option(help: "Which records count: registers, registers-then-agency or agency.")
    var sources: SourcePolicy = .registers

    @Flag(help: "Plain RFC 4180 CSV for machines instead of Excel CSV.")
    var plainCsv = false

    @OptionGroup var store: StoreFileOption

    func validate() throws {
        guard (2000...2100).contains(year) else {
            throw ValidationError("--year must be a year such as 2026")
        }
    }

    func run() throws {
        let registry = ReferenceRegistry.bulgaria
        let municipality: Municipality
        switch registry.resolveMunicipality(area, districtHint: district) {
        case .found(let found): municipality = found
        case .ambiguous(let candidates):
            let list = candidates.map { "\($0.code) \($0.nameBG) (\($0.districtCode))" }
            printError("'\(area)' is ambiguous: \(list.joined(separator: ", ")); give --district or the code")
            throw ExitCode(.dataProblems)
        case .notFound(let suggestions):
            let hint =
                suggestions.isEmpty
                ? "; no name is near it (karta reference --municipalities lists them all)"
                : "; nearest: " + suggestions.map { "\($0.nameBG) (\($0.code))" }.joined(separator: ", ")
            printError("no municipality matches '\(area)'\(hint)")
            throw ExitCode(.dataProblems)
        }
        let written: [WrittenFile]
        do {
            let opened = try store.openExisting()
            let chosen = try CriteriaFile.choose(criteria, store: opened)
            let costInputs = try ChosenCostInputs.choose(
                standards: standards, indicators: indicators, store: opened)
            let draft = try MapDraftBuilder(
                store: opened, criteria: chosen.criteria,
                options: AggregationOptions(sourcePolicy: sources, includeLineage: false),
                standards: costInputs.standards, indicators: costInputs.indicators
            ).build()
            let plan = try MunicipalPlan(draft: draft, store: opened, municipality: municipality, year: year)
            written = try PlanWriter.write(
                plan, formats: format.isEmpty ? [.html] : format,
                to: URL(fileURLWithPath: out, isDirectory: true),
                csvDialect: plainCsv ? .plain : .excel)
        } catch {
            throw CommandFailure.report(error)
        }
        for file in written { print(file.path) }
    }
}
