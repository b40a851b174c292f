import ArgumentParser
import Foundation
import KartaModel
import KartaPipeline

@main
struct Karta: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "karta",
        abstract:
            "Builds drafts of Bulgaria's National Map of Social Services from municipal and АСП exports.",
        discussion: """
            Examples:
              karta run pipelines/national-map.yml     # the whole pipeline, draft in out/
              karta inspect export.csv                 # what the reader sees
              karta explain SZR31 "резидентна грижа"   # where a number comes from

            Exit status: 0 ok · 1 data problems over the thresholds · 2 invalid usage or pipeline · \
            3 another run holds the lock · 4 an input refused as a whole · 74 the environment failed \
            (disk, permissions, store, an unreachable PostgreSQL server) · 75 the connection to the \
            store was lost (nothing kept) · 76 TLS failed · 77 the login was refused · 66 no such \
            database · 70 internal error (a bug).
            """,
        version: kartaVersion,
        subcommands: KartaSubcommands.all
    )

    /// Runs the command line, mapping errors onto karta's exit statuses: usage errors are 2 (not
    /// swift-argument-parser's 64), unexpected errors are 70.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            if error is ExitCode {
                exit(withError: error)
            }
            if code == .validationFailure {
                // The parser's message with karta's one error prefix, then the usage lines.
                var text = fullMessage(for: error)
                if text.hasPrefix("Error: ") { text = "karta: error: " + text.dropFirst("Error: ".count) }
                FileHandle.standardError.write(Data((text + "\n").utf8))
                Foundation.exit(ExitStatus.invalidUsage.rawValue)
            }
            let (message, status) = ErrorStatus.classify(error)
            printError(message)
            Foundation.exit(status.rawValue)
        }
    }
}

/// Every subcommand, in the order `--help` lists them.
enum KartaSubcommands {
    static let all: [any ParsableCommand.Type] = [
        RunCommand.self, ValidateCommand.self, InspectCommand.self, IngestCommand.self, RejectsCommand.self,
        AggregateCommand.self, ExplainCommand.self, ExportCommand.self, DiffCommand.self, HistoryCommand.self,
        ReferenceCommand.self, StoreCommand.self, PlanCommand.self,
    ]
}
