import ArgumentParser
import Foundation
import KartaEmit
import KartaModel

struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract:
            "List the districts and municipalities karta knows, with codes and population, or the target groups of the law.",
        discussion: """
            Examples:
              karta reference                      # the 28 districts
              karta reference --municipalities     # all 265 municipalities
              karta reference --municipalities --district SZR --json
              karta reference --resolve "общ. Бяла" --district Русе
              karta reference --resolve "Добричка"      # aliases: reference/municipality-aliases.csv
              karta reference --aliases
              karta reference --target-groups      # ЗСУ Art. 14(2): mappings/target-groups.yml

            Exit status: 0 found, 1 --resolve found no single municipality (the nearest names are \
            printed), 2 invalid usage.
            """)

    @Flag(help: "List municipalities instead of districts.")
    var municipalities = false

    @Option(help: "Only the municipalities of this district (code or name).")
    var district: String?

    @Option(help: "Resolve a municipality written as in an export (name, code or EKATTE).")
    var resolve: String?

    @Flag(help: "List the other names municipalities go by, with the source of each.")
    var aliases = false

    @Flag(
        help:
            "List the seven target groups of the Social Services Act (Art. 14(2)) and karta's target-group codes mapped onto each."
    )
    var targetGroups = false

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let registry = ReferenceRegistry.bulgaria
        if let resolve {
            try printResolution(registry.resolveMunicipality(resolve, districtHint: district))
            return
        }
        if targetGroups {
            try printTargetGroups()
            return
        }
        if aliases {
            if json {
                try printJSON(registry.aliases, member: "aliases", schema: .reference)
            } else {
                printTable(
                    header: ["alias", "code", "name", "source"],
                    rows: registry.aliases.map {
                        [$0.alias, $0.code, registry.municipality(code: $0.code)?.nameBG ?? "", $0.source]
                    })
            }
            return
        }
        var districtFilter: District?
        if let district {
            guard let found = registry.resolveDistrict(district).unit else {
                throw ValidationError("unknown district '\(district)'")
            }
            districtFilter = found
        }
        if municipalities || districtFilter != nil {
            let rows = registry.municipalities.filter {
                districtFilter == nil || $0.districtCode == districtFilter?.code
            }
            if json {
                try printJSON(rows, member: "municipalities", schema: .reference)
            } else {
                printTable(
                    header: ["code", "EKATTE", "district", "name", "name (Latin)", "population"],
                    rows: rows.map {
                        [$0.code, $0.ekatte, $0.districtCode, $0.nameBG, $0.nameEN, String($0.population)]
                    })
                TextWrap.print(
                    "\(rows.count) municipalities, population \(rows.map(\.population).reduce(0, +))")
            }
        } else if json {
            try printJSON(registry.districts, member: "districts", schema: .reference)
        } else {
            printTable(
                header: ["code", "NUTS 3", "name", "name (Latin)", "municipalities", "population"],
                rows: registry.districts.map {
                    [
                        $0.code, $0.nuts3, $0.nameBG, $0.nameEN,
                        String(registry.municipalities(inDistrict: $0.code).count), String($0.population),
                    ]
                })
            TextWrap.print(
                "\(registry.districts.count) districts, \(registry.municipalities.count) municipalities, "
                    + "population \(registry.nationalPopulation) (census \(registry.populationDate))")
        }
    }

    /// The Act's groups with karta's codes under each; `everyone` and `unspecified` last.
    private func printTargetGroups() throws {
        let unmapped = TargetGroup.catalogue.filter { $0.lawGroup == nil }
        if json {
            try printJSON(LawTargetGroupsDocument(), schema: .reference)
            return
        }
        printTable(
            header: ["code", "Art. 14(2)", "name", "karta target groups"],
            rows: LawTargetGroup.all.map {
                [$0.code, $0.article, $0.nameBG, $0.kartaGroups.map(\.code).joined(separator: ", ")]
            })
        print(
            "\(LawTargetGroup.legalReference); not one group: \(unmapped.map(\.code).joined(separator: ", "))"
        )
    }

    private func printResolution(_ resolution: AreaResolution<Municipality>) throws {
        switch resolution {
        case .found(let municipality):
            if json {
                try printJSON(municipality, schema: .reference)
            } else {
                TextWrap.print("\(municipality.code)  \(municipality.nameBG) (\(municipality.districtCode))")
            }
        case .ambiguous(let candidates):
            let list = candidates.map { "\($0.code) \($0.nameBG) (\($0.districtCode))" }
            printError("'\(resolve ?? "")' is ambiguous: \(list.joined(separator: ", ")); give --district")
            throw ExitCode(.dataProblems)
        case .notFound(let suggestions):
            let hint =
                suggestions.isEmpty
                ? "; no name is near it (karta reference --municipalities lists them all)"
                : "; nearest: " + suggestions.map { "\($0.nameBG) (\($0.code))" }.joined(separator: ", ")
            printError("no municipality matches '\(resolve ?? "")'\(hint)")
            throw ExitCode(.dataProblems)
        }
    }
}
