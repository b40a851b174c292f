import Foundation
import Testing

/// The published HTML report of the bundled pipeline, as headless Chromium parses it (`--dump-dom`):
/// what a civil servant sees for areas that sent nothing.
@Suite("The report's DOM in headless Chromium", .serialized)
struct ReportDOMTests {
    /// Runs the pipeline in a workspace and returns Chromium's DOM of `out/report.html`.
    static func dom(_ workspace: PipelineWorkspace) throws -> String {
        let run = try workspace.run(["--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = workspace.out.appendingPathComponent("report.html")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let profile = workspace.root.appendingPathComponent("chromium-profile")
        process.arguments = [
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
            "--dump-dom", report.absoluteString,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "chromium failed")
        return String(decoding: data, as: UTF8.self)
    }

    /// The text between `start` and the next `end` after it.
    static func slice(_ text: String, from start: String, to end: String) -> String? {
        guard let lower = text.range(of: start) else { return nil }
        guard let upper = text.range(of: end, range: lower.upperBound..<text.endIndex) else { return nil }
        return String(text[lower.lowerBound..<upper.upperBound])
    }

    @Test("areas without submissions say „няма данни\" on their tile and in the tables, never 0")
    func noData() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let dom = try Self.dom(workspace)
        // Габрово sent nothing: its tile says so; Стара Загора's shows a number.
        let gabrovoTile = try #require(
            Self.slice(dom, from: "<g class=\"tile\" data-code=\"GAB\"", to: "</g>"))
        #expect(gabrovoTile.contains(">няма данни</text>"))
        #expect(!gabrovoTile.contains("0,00"))
        let zagoraTile = try #require(
            Self.slice(dom, from: "<g class=\"tile\" data-code=\"SZR\"", to: "</g>"))
        #expect(!zagoraTile.contains("няма данни"))
        #expect(zagoraTile.contains(","))
        // The districts' and municipalities' tables.
        let gabrovoRow = try #require(Self.slice(dom, from: "<tr data-code=\"GAB\">", to: "</tr>"))
        #expect(gabrovoRow.contains("няма данни"))
        let gabrovoMunicipality = try #require(Self.slice(dom, from: "<tr data-code=\"GAB05\">", to: "</tr>"))
        #expect(gabrovoMunicipality.contains("няма данни"))
        #expect(!gabrovoMunicipality.contains(">0<"))
        let zagora = try #require(Self.slice(dom, from: "<tr data-code=\"SZR31\">", to: "</tr>"))
        #expect(!zagora.contains("няма данни"))
        // Attention rows only for areas with data.
        let attention = try #require(Self.slice(dom, from: "<table class=\"attention\">", to: "</table>"))
        #expect(attention.contains("data-code=\"SZR31\""))
        #expect(!attention.contains("data-code=\"GAB05\""))
        #expect(!attention.contains("data-code=\"GAB\""))
    }

    @Test("„Липсващи данни\" lists, per district, the municipalities that sent nothing")
    func missingList() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let dom = try Self.dom(workspace)
        let section = try #require(Self.slice(dom, from: "<section id=\"missing\">", to: "</section>"))
        #expect(section.contains("<h2>Липсващи данни</h2>"))
        let gabrovo = try #require(Self.slice(section, from: "<li data-code=\"GAB\">", to: "</li>"))
        #expect(gabrovo.contains("(4 от 4)"))
        for name in ["Габрово (GAB05)", "Дряново (GAB12)", "Севлиево (GAB29)", "Трявна (GAB35)"] {
            #expect(gabrovo.contains(name))
        }
        // Стара Загора: Стара Загора, Казанлък and Чирпан sent data; the other 8 did not.
        let zagora = try #require(Self.slice(section, from: "<li data-code=\"SZR\">", to: "</li>"))
        #expect(zagora.contains("(8 от 11)"))
        #expect(!zagora.contains("SZR31") && !zagora.contains("SZR12") && !zagora.contains("SZR36"))
        #expect(zagora.contains("Гълъбово (SZR07)"))
        #expect(section.contains("255 от 265 общини"))
    }

    @Test("Bulgarian throughout, labels not codes, rejects grouped by municipality, relative paths")
    func wording() throws {
        let workspace = try PipelineWorkspace()
        defer { workspace.remove() }
        let dom = try Self.dom(workspace)
        #expect(!dom.contains(workspace.root.path), "no absolute path")
        #expect(dom.contains("fixtures/registers/szr-district-cp1251-semicolon-title-totals.csv"))
        #expect(dom.contains("общински регистър") && !dom.contains(">municipal-register<"))
        #expect(!dom.contains("Неданни"))
        #expect(!dom.contains("municipal side") && !dom.contains("agency side"))
        #expect(dom.contains("Критерии за планиране: версия <b>example-2026.1</b>"))
        #expect(!dom.contains("няколко или неизвестна"))
        let rejects = try #require(Self.slice(dom, from: "<section id=\"rejects\">", to: "</section>"))
        let kazanlak = try #require(
            Self.slice(rejects, from: "<tr class=\"group\" data-code=\"SZR12\">", to: "</tr>"))
        #expect(kazanlak.contains("Казанлък (SZR12)"))
        #expect(kazanlak.contains(">3<"))
    }
}
