import ArgumentParser
import KartaModel

@main
struct Karta: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "karta",
        abstract: "Builds drafts of Bulgaria's National Map of Social Services from municipal and АСП exports.",
        discussion: """
            Examples:
              karta run pipelines/national-map.yml          # the whole pipeline, draft in out/
              karta inspect fixtures/csv/cp1251-semicolon-title-rows.csv
              karta reference --municipalities --district SZR

            Exit status: 0 ok, 1 data problems over thresholds, 2 invalid usage or pipeline,
            3 another run holds the lock, 4 an input refused as a whole, 70 internal error.
            """,
        version: kartaVersion,
        subcommands: KartaSubcommands.all
    )
}

/// Every subcommand, in the order `--help` lists them.
enum KartaSubcommands {
    static let all: [any ParsableCommand.Type] = [
        ReferenceCommand.self,
        AggregateCommand.self,
        ExplainCommand.self,
        ExportCommand.self,
        DiffCommand.self,
    ]
}
