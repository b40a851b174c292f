import ArgumentParser
import Foundation
import KartaAggregate
import KartaEmit

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two Map drafts: services added or removed, maximum users changed.",
        discussion: """
            OLD and NEW are JSON drafts written by `karta export --format json` (map-draft.json),
            or folders that hold one. Lists services (cells with services) that appear or
            disappear, cells whose maximum number of users changed, and municipalities and
            districts whose total maximum users changed. Exit status 0 whether or not they differ.

            Examples:
              karta diff out-2025/map-draft.json out/map-draft.json
              karta diff out-2025 out --json
            """)

    @Argument(help: "The older draft (map-draft.json or its folder).")
    var old: String

    @Argument(help: "The newer draft (map-draft.json or its folder).")
    var new: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let diff: DraftDiff
        do {
            diff = DraftDiff(old: try DraftJSON.read(path: old), new: try DraftJSON.read(path: new))
        } catch let error as DraftFileError {
            FileHandle.standardError.write(Data("karta: \(error.description)\n".utf8))
            throw ExitCode(4)
        }
        if json { try printJSON(diff) } else { print(diff.text, terminator: "") }
    }
}
