import ArgumentParser
import Foundation
import KartaPipeline
import KartaPostgres
import KartaStore

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List past runs from the store: when, what, and how they ended.",
        discussion: """
            A run that has no end and does not hold the lock died (killed, crashed): it is listed as \
            interrupted, and the next run or ingest records it so.

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
            // A run without an end is running only while it holds the lock; else it died.
            let opened = try store.openExisting()
            let running: String? =
                switch try store.address() {
                case .sqlite(let path): RunLock.currentHolderRunID(storePath: path)
                case .postgres: try (opened as? PostgresStore)?.runningRunID()
                }
            let runs = try opened.runs(limit: limit).map { run in
                var run = run
                let outcome = run.outcome.flatMap(RunOutcome.init(rawValue:))
                if run.finishedAt == nil, outcome == nil || outcome == .interrupted {
                    run.outcome = (run.id == running ? RunOutcome.running : .interrupted).rawValue
                }
                return run
            }
            if json {
                try printJSON(runs, member: "runs", schema: .history)
                return
            }
            printTable(
                header: ["run", "started", "finished", "outcome", "exit", "command"],
                rows: runs.map {
                    [
                        $0.id, $0.startedAt, $0.finishedAt ?? "-", $0.outcome ?? "-",
                        $0.exitStatus.map(String.init) ?? "-", $0.command,
                    ]
                })
        } catch {
            throw CommandFailure.report(error)
        }
    }
}
