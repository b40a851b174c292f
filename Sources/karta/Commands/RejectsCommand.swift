import ArgumentParser
import Foundation
import KartaEmit
import KartaPipeline
import KartaStore

struct RejectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rejects",
        abstract: "Export the rejected rows, to send back to whoever made the file.",
        discussion: """
            CSV opens in Excel as is: UTF-8 with BOM, ';' between cells, formulas neutralised. \
            Personal numbers (ЕГН) are already masked in the store.

            Examples:
              karta rejects > rejects.csv
              karta rejects --source fixtures/registers/szr-district-cp1251-semicolon-title-totals.csv
              karta rejects --format json --store out/karta.sqlite
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv
        case json
    }

    @Option(help: "Only the rejects of this input file.")
    var source: String?

    @Option(help: "csv (default) or json.")
    var format: Format = .csv

    @OptionGroup var store: StoreFileOption

    /// The stored path `given` names: itself, or the stored path (relative to a pipeline's
    /// root) that the absolute form of `given` ends with.
    static func storedPath(_ given: String, in store: any StoreReading) throws -> String {
        let masked = PathMask.mask(given)
        let stored = try store.sourceSummaries().map(\.path)
        if stored.contains(masked) { return masked }
        let absolute = PathMask.mask(URL(fileURLWithPath: given).standardizedFileURL.path)
        return stored.filter { absolute == $0 || absolute.hasSuffix("/" + $0) }.max { $0.count < $1.count }
            ?? masked
    }

    func run() throws {
        let rejects: [StoredReject]
        do {
            let opened = try store.openExisting()
            rejects = try opened.rejects(sourcePath: try source.map { try Self.storedPath($0, in: opened) })
        } catch {
            throw CommandFailure.report(error)
        }
        switch format {
        case .csv: FileHandle.standardOutput.write(RejectsExport.csv(rejects))
        case .json: FileHandle.standardOutput.write(try RejectsExport.json(rejects))
        }
    }
}
