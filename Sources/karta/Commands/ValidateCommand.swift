import ArgumentParser
import Foundation
import KartaModel
import KartaNormalize
import KartaPipeline

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check pipeline files or input files without writing anything.",
        discussion: """
            A pipeline file (.yml/.yaml) is checked for unknown keys, wrong types, missing folders \
            and paths outside its root, with the YAML line of each problem. For any other file, \
            karta prints which header is bound to which canonical field and which fields have no \
            column; a file without a column that its kind requires is refused (exit 4) with the \
            headers found, the nearest ones and the mapping lines that would fix it. Otherwise its \
            rows are normalized like `karta ingest` would and the counts reported; nothing is \
            stored.

            Examples:
              karta validate pipelines/national-map.yml
              karta validate fixtures/registers/*.csv --kind municipal-register
            """)

    @Argument(help: "Pipeline files or input files.")
    var paths: [String]

    @Option(help: "The kind of the input files.")
    var kind: SourceKind = .municipalRegister

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        var failed = false
        var refused = false
        for path in paths {
            let url = URL(fileURLWithPath: path)
            if ["yml", "yaml"].contains(url.pathExtension.lowercased()) {
                do {
                    let pipeline = try PipelineLoader.load(url)
                    try PipelineChecks.checkReferencedFiles(pipeline)
                    TextWrap.print(
                        "\(path): ok — pipeline '\(pipeline.name)', \(pipeline.sources.count) sources")
                } catch let error as PipelineError {
                    failed = true
                    for issue in error.issues { printError(issue.description) }
                }
            } else {
                refused = try !validateInput(path) || refused
            }
        }
        if failed { throw ExitCode(.invalidUsage) }
        if refused { throw ExitCode(.inputRefused) }
    }

    /// Reads and normalizes an input file into a throw-away store; prints its counts.
    private func validateInput(_ path: String) throws -> Bool {
        let sourceKind = kind
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "karta-validate-\(UUID())")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let options = IngestOptions(
            kind: sourceKind, mapping: try ColumnMapping.standard(),
            dictionary: try ServiceDictionary.standard())
        // The bindings first, from the header alone.
        let binding: ColumnBinding
        let format: SourceFormat
        do {
            let source = try SourceIngestion.openWithReaders(ReaderRequest(path: path))
            format = source.description.format
            binding = ColumnBinding.candidate(
                header: source.description.header, format: source.description.format, mapping: options.mapping
            )
        } catch {
            printError("\(path): refused: \(error)")
            return false
        }
        TextWrap.print("\(path):")
        InspectCommand.printBindings(binding)
        do {
            _ = try ColumnBinding.bind(
                header: binding.header, format: format, mapping: options.mapping, path: path, kind: sourceKind
            )
        } catch {
            TextWrap.print(
                "unbound required fields: "
                    + error.missing.map { $0.map(\.rawValue).joined(separator: " or ") }.joined(
                        separator: "; "))
            printError(error.description)
            return false
        }
        let reports = try IngestRun.ingest(
            files: [path], options: options,
            store: .sqlite(path: scratch.appendingPathComponent("karta.sqlite").path),
            command: "karta validate", open: SourceIngestion.openWithReaders)
        guard let report = reports.first else { return false }
        if report.status == .refused {
            printError("\(path): refused: \(report.error ?? "")")
            return false
        }
        let reasons = report.rejectsByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        TextWrap.print(
            "\(path): \(report.encoding ?? "?"), \(report.rowsRead) rows: \(report.loaded) would load, "
                + "\(report.rejected) rejected, \(report.nonData) non-data"
                + (reasons.isEmpty ? "" : " (\(reasons.joined(separator: ", ")))"))
        return true
    }
}
