import ArgumentParser
import Foundation
import KartaModel
import KartaNormalize
import KartaPipeline
import KartaStore

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read input files, normalize every row and load them into the store.",
        discussion: """
            Every row becomes a record or a reject (see `karta rejects`); totals rows and repeated \
            headers are counted as non-data. An unchanged file (same path and SHA-256) is skipped; a \
            changed one replaces its previous version. Columns with personal data (ЕГН, names) are \
            dropped and never stored.

            Examples:
              karta ingest fixtures/registers/*.csv --kind municipal-register
              karta ingest export.xml --kind asp-export --json
              karta ingest proposal.csv --kind proposal --encoding windows-1251 --delimiter ';'

            Takes the same lock as `karta run`, and loads all the files in one transaction.

            Exit status: 0 every file loaded or unchanged; 4 a file was refused as a whole (the \
            others are still loaded); 2 invalid usage or mapping file, or a store newer than this \
            karta; 3 another run or ingest holds the lock; 74 the environment failed (disk full, \
            read-only folder, permissions, unreadable store).
            """)

    @Argument(help: "The files to ingest.")
    var files: [String]

    @Option(help: "What the files are.")
    var kind: SourceKind

    @OptionGroup var store: StoreFileOption

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Option(help: "The encoding of the files instead of detecting it (UTF-8, windows-1251, UTF-16LE…).")
    var encoding: String?

    @Option(help: "The CSV delimiter instead of detecting it (';', ',', 'tab', '|').")
    var delimiter: String?

    @Option(help: "The 1-based line of the CSV header instead of detecting it.")
    var headerLine: Int?

    @Option(help: "A column mapping file instead of the default one (see mappings/default.yml).")
    var mapping: String?

    @Option(help: "A service dictionary instead of the default one (see mappings/services.yml).")
    var services: String?

    @Flag(help: "Load files again even when they are unchanged.")
    var fullRefresh = false

    func validate() throws {
        do {
            try SourceIngestion.validateReaderOverrides(encoding: encoding, delimiter: delimiter)
        } catch {
            throw ValidationError(String(describing: error))
        }
    }

    func run() throws {
        let sourceKind = kind
        let columnMapping: ColumnMapping
        let dictionary: ServiceDictionary
        do {
            columnMapping =
                try mapping.map { path throws(MappingFileError) in try ColumnMapping.load(path: path) }
                ?? ColumnMapping.standard()
            dictionary =
                try services.map { path throws(MappingFileError) in try ServiceDictionary.load(path: path) }
                ?? ServiceDictionary.standard()
        } catch {
            throw CommandFailure.report(error)
        }
        let options = IngestOptions(
            kind: sourceKind, encoding: encoding, delimiter: delimiter, headerLine: headerLine,
            mapping: columnMapping, dictionary: dictionary, reloadUnchanged: fullRefresh)
        let reports: [SourceReport]
        do {
            reports = try IngestRun.ingest(
                files: files, options: options, store: try store.address(),
                command: (["karta"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
                open: SourceIngestion.openWithReaders)
        } catch {
            throw CommandFailure.report(error)
        }
        if json {
            FileHandle.standardOutput.write(try IngestReportDocument(reports: reports).jsonData())
        } else {
            printText(reports)
        }
        for report in reports where report.status == .refused {
            printError("refused \(report.path): \(report.error ?? "")")
        }
        if reports.contains(where: { $0.status == .refused }) { throw ExitCode(.inputRefused) }
    }

    private func printText(_ reports: [SourceReport]) {
        for report in reports {
            switch report.status {
            case .refused:
                TextWrap.print("refused    \(report.path)")
            case .loaded, .unchanged:
                TextWrap.print(
                    "\(report.status.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(report.path)  "
                        + "(\(report.encoding ?? "?")): \(report.rowsRead) rows: \(report.loaded) loaded, "
                        + "\(report.rejected) rejected, \(report.nonData) non-data")
                if !report.rejectsByReason.isEmpty {
                    let reasons = report.rejectsByReason.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                    TextWrap.print(
                        "           rejects: "
                            + reasons.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                }
                if !report.droppedColumns.isEmpty {
                    TextWrap.print(
                        "           personal-data columns dropped: "
                            + report.droppedColumns.joined(separator: ", "))
                }
            }
        }
        let loaded = reports.map(\.loaded).reduce(0, +)
        let rejected = reports.map(\.rejected).reduce(0, +)
        TextWrap.print(
            "\(reports.count) files: \(loaded) records loaded, \(rejected) rejected (karta rejects lists them)"
        )
    }
}
