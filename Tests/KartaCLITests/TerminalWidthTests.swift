import Foundation
import Testing

/// Every human table and text karta prints fits the terminal: 80 columns unless `COLUMNS` says
/// otherwise (a Cyrillic letter is one column).
@Suite("Terminal width", .serialized)
struct TerminalWidthTests {
    /// The lines of `text` wider than `width` characters.
    private static func tooWide(_ text: String, _ width: Int = 80) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.count > width }
    }

    private static func expectFits(
        _ result: CLIProcess.Result, _ what: String, width: Int = 80,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(!result.stdout.isEmpty, "\(what) printed nothing: \(result.stderr)", sourceLocation: sourceLocation)
        let wide = tooWide(result.stdout, width)
        #expect(wide.isEmpty, "\(what): \(wide.count) lines over \(width): \(wide.prefix(3))", sourceLocation: sourceLocation)
    }

    @Test("inspect, history, aggregate, reference, explain, validate, diff and ingest fit 80 columns")
    func everyCommandFits() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let folder = try EmitSampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (old, new) = try DiffCommandTests.twoDrafts(workspace, folder)
        let store = ["KARTA_STORE": "out/karta.sqlite", "COLUMNS": ""]
        let register = "fixtures/registers/szr-district-cp1251-semicolon-title-totals.csv"
        let commands: [(String, [String])] = [
            ("inspect", ["inspect", register]),
            ("history", ["history"]),
            ("aggregate municipality", ["aggregate", "--level", "municipality"]),
            ("aggregate district", ["aggregate", "--level", "district"]),
            ("aggregate national", ["aggregate", "--level", "national"]),
            ("reference", ["reference"]),
            ("reference --district", ["reference", "--district", "SZR"]),
            ("reference --aliases", ["reference", "--aliases"]),
            ("explain", ["explain", "SZR31", "резидентна грижа"]),
            ("validate", ["validate", register, "--kind", "municipal-register"]),
            ("diff", ["diff", old.path, new.appendingPathComponent("map-draft.json").path]),
        ]
        for (what, arguments) in commands {
            let result = try CLIProcess.run(arguments, currentDirectory: workspace.root, environment: store)
            Self.expectFits(result, what)
        }
        let ingest = try CLIProcess.run(
            ["ingest", register, "--kind", "municipal-register", "--store", folder.appendingPathComponent("i.sqlite").path],
            currentDirectory: workspace.root, environment: store)
        Self.expectFits(ingest, "ingest")
    }

    @Test("inspect shows one record per block of „column: value\" lines when the table is too wide")
    func inspectBlocks() throws {
        let register = "fixtures/registers/szr-district-cp1251-semicolon-title-totals.csv"
        let narrow = try CLIProcess.run(["inspect", register, "--rows", "2"], environment: ["COLUMNS": "80"])
        Self.expectFits(narrow, "inspect")
        #expect(narrow.stdout.contains("\nline:"), "\(narrow.stdout)")
        #expect(!narrow.stdout.contains("----"), "no table rule in block layout")
        let wide = try CLIProcess.run(["inspect", register, "--rows", "2"], environment: ["COLUMNS": "1000"])
        #expect(wide.stdout.contains("----"), "a wide terminal keeps the table")
        #expect(!Self.tooWide(wide.stdout).isEmpty, "the fixture's table is wider than 80 columns")
    }

    @Test("COLUMNS narrower than 80 is honoured: the reference table fits 60 columns")
    func columnsVariable() throws {
        let result = try CLIProcess.run(["reference"], environment: ["COLUMNS": "60"])
        Self.expectFits(result, "reference", width: 60)
        #expect(result.stdout.contains("Стара Загора"))
    }
}
