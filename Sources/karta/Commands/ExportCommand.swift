import ArgumentParser
import Foundation
import KartaAggregate
import KartaEmit
import KartaModel

extension DraftFormat: ExpressibleByArgument {}
extension ExportContent: ExpressibleByArgument {}
extension MapIndicator: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Write the Map draft, the consolidated records, the rejects or the reconciliation as files.",
        discussion: """
            Formats: draft — csv json xml geojson html; records — csv jsonl; rejects and \
            reconciliation — csv json. Without --format, every format of the chosen content. CSV is \
            for Excel (UTF-8 with BOM, ';', decimal comma, Bulgarian headers) unless --plain-csv \
            (RFC 4180, ',', '.', English keys). Files are written atomically; the same store and \
            options give byte-identical files. Columns: docs/formats.md.

            Examples:
              karta export --out out/                       # the whole draft, every format
              karta export --format html --geometry districts.geojson --out out/
              karta export --what records --format jsonl --out out/
              karta export --format csv --plain-csv --what rejects
            """)

    @Option(name: .customLong("format"), help: "csv, json, jsonl, xml, geojson or html; repeat for several.")
    var formats: [DraftFormat] = []

    @Option(help: "draft, records, rejects or reconciliation.")
    var what: ExportContent = .draft

    @Option(help: "Output folder.")
    var out: String = "out"

    @Option(
        help:
            "Planning criteria file (YAML); default $KARTA_CRITERIA, the latest run's criteria, mappings/criteria.yml, mappings/criteria.example.yml."
    )
    var criteria: String?

    @Option(
        help:
            "Financing standards file (YAML); default $KARTA_STANDARDS, the latest run's standards, mappings/standards.yml, mappings/standards.example.yml."
    )
    var standards: String?

    @Option(
        help:
            "Target-group populations per municipality (YAML); default $KARTA_INDICATORS, else the latest run's."
    )
    var indicators: String?

    @Option(
        help: "GeoJSON FeatureCollection with district/municipality outlines, matched by --geometry-property."
    )
    var geometry: String?

    @Option(help: "The feature property holding the karta area code (SZR31, SZR).")
    var geometryProperty: String = "code"

    @Option(
        help:
            "What colours the report's map: \(MapIndicator.allCases.map(\.rawValue).joined(separator: ", "))."
    )
    var indicator: MapIndicator = .stateDelegatedPerThousand

    @Option(help: "Which records count: registers, registers-then-agency or agency.")
    var sources: SourcePolicy = .registers

    @Flag(help: "Plain RFC 4180 CSV for machines instead of Excel CSV.")
    var plainCsv = false

    @Flag(help: "Print the written files as JSON (path, sha256, bytes).")
    var json = false

    @OptionGroup var store: StoreFileOption

    func run() throws {
        let chosen = formats.isEmpty ? Self.defaultFormats(what) : formats
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        // The report shows paths relative to the current folder (where `karta run` is run from).
        var options = DraftWriteOptions(
            csvDialect: plainCsv ? .plain : .excel, indicator: indicator,
            pathRoot: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
        let written: [WrittenFile]
        do {
            if let geometry {
                options.geometry = try AreaGeometry.load(path: geometry, codeProperty: geometryProperty)
            }
            let opened = try store.openExisting()
            if what == .records {
                written = try DraftWriter.writeRecords(
                    store: opened, formats: chosen, to: folder, options: options)
            } else {
                try Self.check(chosen, for: what)
                let criteriaChoice = try CriteriaFile.choose(criteria, store: opened)
                FileHandle.standardError.write(Data("karta: \(criteriaChoice.line)\n".utf8))
                let costInputs = try ChosenCostInputs.choose(
                    standards: standards, indicators: indicators, store: opened)
                FileHandle.standardError.write(Data("karta: \(costInputs.standardsLine)\n".utf8))
                let draft = try MapDraftBuilder(
                    store: opened, criteria: criteriaChoice.criteria,
                    options: AggregationOptions(sourcePolicy: sources), standards: costInputs.standards,
                    indicators: costInputs.indicators
                ).build()
                written = try DraftWriter.write(
                    draft: draft, formats: chosen, to: folder, options: options, content: what)
            }
        } catch let error as AreaGeometry.LoadError {
            throw CommandFailure.report(CommandFailure.inputRefused("geometry \(error.description)"))
        } catch let error as UnsupportedExport {
            throw CommandFailure.report(CommandFailure.usage(error.description))
        } catch let error as CommandFailure {
            throw CommandFailure.report(error)
        } catch {
            throw CommandFailure.report(error)
        }
        if json {
            try printJSON(written, member: "files", schema: .export)
        } else {
            for file in written { print(file.path) }
        }
    }

    static func defaultFormats(_ what: ExportContent) -> [DraftFormat] {
        switch what {
        case .draft: [.csv, .json, .xml, .geojson, .html]
        case .records: [.csv, .jsonl]
        case .rejects, .reconciliation: [.csv, .json]
        }
    }

    /// Refuses a format that does not apply before the draft is built.
    static func check(_ formats: [DraftFormat], for what: ExportContent) throws {
        let allowed = Set(defaultFormats(what))
        if let wrong = formats.first(where: { !allowed.contains($0) }) {
            throw UnsupportedExport(format: wrong, content: what)
        }
    }
}
