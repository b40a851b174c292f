import ArgumentParser
import Foundation
import KartaAggregate
import KartaEmit
import KartaModel

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how a number of the draft was computed, down to source files and lines.",
        discussion: """
            AREA is a municipality code (SZR31), a district code (SZR), BG, or a name (a name is a \
            municipality first; write „област Стара Загора" for the district). KIND is a service \
            kind's Bulgarian name or key. The criteria come from --criteria, else $KARTA_CRITERIA, \
            else the criteria the store's latest run recorded (those of the published draft), else \
            mappings/criteria.yml, else mappings/criteria.example.yml. A municipality also lists the \
            services planned at district level located in it.

            Examples:
              karta explain SZR31 "резидентна грижа"
              karta explain SZR residential_care --target-group elderly --json
              karta explain BG assistant_support
            """)

    @Argument(help: "SZR31, SZR, BG or a name.")
    var area: String

    @Argument(help: "Service kind (Bulgarian name or key); all kinds when omitted.")
    var kind: String?

    @Option(help: "Only this target group (code or Bulgarian name).")
    var targetGroup: String?

    @Option(help: "Planning criteria file (YAML).")
    var criteria: String?

    @Option(help: "Financing standards file (YAML); default as for `karta export`.")
    var standards: String?

    @Option(help: "Target-group populations per municipality (YAML); default as for `karta export`.")
    var indicators: String?

    @Option(help: "Which records count: registers, registers-then-agency or agency.")
    var sources: SourcePolicy = .registers

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var store: StoreFileOption

    func run() throws {
        do {
            var serviceKind: ServiceKind?
            if let kind {
                guard let found = ServiceKind(named: kind) else {
                    let known = ServiceKind.allCases.map(\.key).joined(separator: ", ")
                    throw CommandFailure.usage("unknown service kind '\(kind)' (known: \(known))")
                }
                serviceKind = found
            }
            let opened = try store.openExisting()
            let chosen = try CriteriaFile.choose(criteria, store: opened)
            let costInputs = try ChosenCostInputs.choose(
                standards: standards, indicators: indicators, store: opened)
            let builder = MapDraftBuilder(
                store: opened, criteria: chosen.criteria,
                options: AggregationOptions(sourcePolicy: sources), standards: costInputs.standards,
                indicators: costInputs.indicators)
            var explanation = try Explainer(builder: builder).explain(
                area: area, kind: serviceKind, targetGroup: targetGroup)
            explanation.criteriaOrigin = chosen.origin
            explanation.standardsOrigin = costInputs.standardsOrigin
            explanation.indicatorsOrigin = costInputs.indicators == nil ? nil : costInputs.indicatorsOrigin
            if json {
                try printJSON(explanation, schema: .explain)
            } else {
                TextWrap.print(explanation.text)
            }
        } catch {
            throw CommandFailure.report(error)
        }
    }
}
