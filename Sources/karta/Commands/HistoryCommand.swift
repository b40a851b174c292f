import ArgumentParser
import Foundation
import KartaStore

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List past runs from the store: when, what, and how they ended.",
        discussion: """
            Examples:
              karta history --store out/karta.sqlite
              karta history --json --limit 5
            """)

    @OptionGroup var store: StoreFileOption

    @Option(help: "How many runs, newest first.")
    var limit = 20

    @Flag(help: "Print JSON (each run with its manifest).")
    var json = false

    func run() throws {
        do {
            let runs = try store.openExisting().runs(limit: limit)
            if json {
                try printJSON(runs)
                return
            }
            printTable(
                header: ["run", "started", "finished", "outcome", "exit", "command"],
                rows: runs.map {
                    [
                        $0.id, $0.startedAt, $0.finishedAt ?? "(did not finish)", $0.outcome ?? "-",
                        $0.exitStatus.map(String.init) ?? "-", $0.command,
                    ]
                })
        } catch {
            throw CommandFailure.report(error)
        }
    }
}
