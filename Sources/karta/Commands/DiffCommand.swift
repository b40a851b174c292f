import ArgumentParser
import Foundation
import KartaAggregate
import KartaEmit
import KartaPipeline
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

            OLD may also be an adopted Map (a CSV or XML file of kind adopted-map, e.g. \
            fixtures/adopted-map/karta-2024-rms-574-cp1251-semicolon-title-totals.csv): then the \
            diff lists every cell of NEW whose maximum users differ from the Map's (new, removed, \
            increased, decreased) and the cells whose state-delegated capacity or users exceed the \
            Map's maximum (exceeds_map, ЗСУ Art. 43(2)).

            Exit status, as diff(1): 0 the drafts are equal, 1 they differ, 2 invalid usage, 4 a \
            draft file cannot be read.

            Examples:
              karta diff out-2025/map-draft.json out/map-draft.json
              karta diff out-2025 out --json
              karta diff previous latest --store out/karta.sqlite
              karta diff fixtures/adopted-map/karta-2024-rms-574-utf8.xml out/map-draft.json
            """)

    @Argument(help: "The older draft: a map-draft.json, its folder, or a stored run.")
    var old: String

    @Argument(help: "The newer draft: a map-draft.json, its folder, or a stored run.")
    var new: String

    @OptionGroup var store: StoreFileOption

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        if Self.isAdoptedMapFile(old) {
            try compareWithAdoptedMap()
            return
        }
        let diff: DraftDiff
        do {
            diff = DraftDiff(old: try draft(old), new: try draft(new))
        } catch {
            // A draft that cannot be read is a refused input (DraftFileError → 4).
            throw CommandFailure.report(error)
        }
        if json { try printJSON(diff, schema: .diff) } else { TextWrap.print(diff.text) }
        // Like diff(1): 1 when the drafts differ.
        if !diff.isEmpty { throw ExitCode(.dataProblems) }
    }

    /// A file that is not JSON (a CSV or XML export) is read as an adopted Map.
    static func isAdoptedMapFile(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            return false
        }
        return !["json", "geojson"].contains(URL(fileURLWithPath: path).pathExtension.lowercased())
    }

    /// `karta diff MAP NEW`: NEW's cells against the adopted Map in OLD.
    private func compareWithAdoptedMap() throws {
        let comparison: MapComparison
        do {
            let map = try AdoptedMapFile.read(path: old)
            let draft = try draft(new)
            comparison = MapComparison(cells: draft.cells, entries: map.entries, sources: [old])
        } catch {
            // An adopted Map or a draft that cannot be read is a refused input (exit 4).
            throw CommandFailure.report(error)
        }
        if json { try printJSON(comparison, schema: .diff) } else { TextWrap.print(comparison.text) }
        if !comparison.isUnchanged { throw ExitCode(.dataProblems) }
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
