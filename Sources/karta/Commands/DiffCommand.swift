import ArgumentParser
import Foundation
import KartaAggregate
import KartaEmit
import KartaStore

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two Map drafts: cells added, removed or changed, area totals, criteria.",
        discussion: """
            OLD and NEW are JSON drafts written by karta (map-draft.json, or folders that hold one), \
            or runs kept in the store: a run id (or a unique prefix of one), `latest` or `previous`. \
            Lists the cells added and removed (a cell with services, a proposal or any non-zero \
            figure; proposal-only cells included), every numeric field of a cell that changed \
            (services, capacity, state-delegated capacity, users, maximum users, proposed users) as \
            old → new, the totals that changed of every municipality, district and the nation (BG), \
            and a change of criteria version. Contract: docs/aggregation.md.

            Exit status, as diff(1): 0 the drafts are equal, 1 they differ, 2 invalid usage, 4 a \
            draft file cannot be read.

            Examples:
              karta diff out-2025/map-draft.json out/map-draft.json
              karta diff out-2025 out --json
              karta diff previous latest --store out/karta.sqlite
            """)

    @Argument(help: "The older draft: a map-draft.json, its folder, or a stored run.")
    var old: String

    @Argument(help: "The newer draft: a map-draft.json, its folder, or a stored run.")
    var new: String

    @OptionGroup var store: StoreFileOption

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let diff: DraftDiff
        do {
            diff = DraftDiff(old: try draft(old), new: try draft(new))
        } catch {
            // A draft that cannot be read is a refused input (DraftFileError → 4).
            throw CommandFailure.report(error)
        }
        if json { try printJSON(diff, schema: .diff) } else { print(diff.text, terminator: "") }
        // Like diff(1): 1 when the drafts differ.
        if !diff.isEmpty { throw ExitCode(.dataProblems) }
    }

    /// A draft file or folder when the path exists, otherwise a run of the store.
    private func draft(_ reference: String) throws -> MapDraft {
        if FileManager.default.fileExists(atPath: reference) {
            return try DraftJSON.read(path: reference)
        }
        guard let stored = try store.openExisting().storedDraft(run: reference) else {
            throw CommandFailure.usage(
                "'\(reference)' is neither a draft file nor a run of \(store.resolvedPath) that kept a draft "
                    + "(see karta history)")
        }
        return try DraftJSON.decode(Data(stored.json.utf8), path: "run \(stored.runID)")
    }
}
