import Foundation
import KartaAggregate
import KartaModel
import KartaStore

/// A format a draft can be written in.
public enum DraftFormat: String, Sendable, CaseIterable, Codable {
    case csv, json, jsonl, xml, geojson, html
}

/// Which part of the data an export writes.
public enum ExportContent: String, Sendable, CaseIterable, Codable {
    /// The draft (cells, areas, rejects summary, reconciliation).
    case draft
    /// The consolidated dataset of every stored record.
    case records
    /// The rejects summary only.
    case rejects
    /// The reconciliation only.
    case reconciliation
}

/// How drafts are written.
public struct DraftWriteOptions: Sendable {
    /// Excel (default) or plain CSV.
    public var csvDialect: CSVDialect
    /// User outlines for GeoJSON and the report's map.
    public var geometry: AreaGeometry?
    /// What colours the report's map.
    public var indicator: MapIndicator
    /// The folder paths in the report are shown relative to (the pipeline's root); nil shows
    /// them as stored.
    public var pathRoot: URL?

    public init(
        csvDialect: CSVDialect = .excel, geometry: AreaGeometry? = nil,
        indicator: MapIndicator = .stateDelegatedPerThousand, pathRoot: URL? = nil
    ) {
        self.csvDialect = csvDialect
        self.geometry = geometry
        self.indicator = indicator
        self.pathRoot = pathRoot
    }
}

/// A file karta wrote: where, its SHA-256 and size (for the run manifest).
public struct WrittenFile: Sendable, Codable, Hashable {
    public var path: String
    public var sha256: String
    public var bytes: Int64

    public init(path: String, sha256: String, bytes: Int64) {
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
    }
}

/// Writes a draft in the chosen formats into a folder, every file atomically, the same draft and
/// options giving byte-identical files. What `karta export` and the pipeline runner call.
public enum DraftWriter {
    /// File names: CSV tables as in ``DraftTables``; `map-draft.json`, `map-draft.xml`,
    /// `map-draft.geojson`, `report.html`. `jsonl` writes nothing for a draft (it is the records'
    /// format). Returns the files in the order written.
    @discardableResult
    public static func write(
        draft: MapDraft, formats: [DraftFormat], to folder: URL,
        options: DraftWriteOptions = DraftWriteOptions(),
        content: ExportContent = .draft
    ) throws -> [WrittenFile] {
        var written: [WrittenFile] = []
        func save(_ bytes: Data, _ name: String) throws {
            let url = folder.appendingPathComponent(name)
            try AtomicFile.write(bytes, to: url)
            written.append(
                WrittenFile(path: url.path, sha256: FileDigest.sha256(bytes), bytes: Int64(bytes.count)))
        }
        /// Saves a file that `write` streams to its URL.
        func saveStreamed(_ name: String, _ write: (URL) throws -> Void) throws {
            let url = folder.appendingPathComponent(name)
            try write(url)
            let digest = try FileDigest.sha256(of: url)
            written.append(WrittenFile(path: url.path, sha256: digest.hex, bytes: digest.size))
        }
        for format in formats {
            switch (format, content) {
            case (.csv, .draft):
                for table in DraftTables.all(draft) {
                    try save(Data(table.encoded(options.csvDialect)), table.fileName)
                }
            case (.csv, .rejects):
                let table = DraftTables.rejectsTable(draft)
                try save(Data(table.encoded(options.csvDialect)), table.fileName)
            case (.csv, .reconciliation):
                for table in DraftTables.reconciliationTables(draft) {
                    try save(Data(table.encoded(options.csvDialect)), table.fileName)
                }
            case (.json, .draft): try saveStreamed("map-draft.json") { try DraftJSON.write(draft, to: $0) }
            case (.json, .rejects): try save(try KartaJSON.document(RejectsSummaryDocument(rejects: draft.rejects), schema: .rejectsSummary), "rejects-summary.json")
            case (.json, .reconciliation):
                try save(try KartaJSON.document(draft.reconciliation, schema: .reconciliation), "reconciliation.json")
            case (.xml, .draft): try save(Data(try DraftXML.encode(draft)), "map-draft.xml")
            case (.geojson, .draft):
                try save(try DraftGeoJSON.encode(draft, geometry: options.geometry), "map-draft.geojson")
            case (.html, .draft):
                let html = DraftReport.render(
                    draft, indicator: options.indicator, geometry: options.geometry,
                    pathRoot: options.pathRoot)
                try save(Data(html.utf8), "report.html")
            default:
                throw UnsupportedExport(format: format, content: content)
            }
        }
        return written
    }

    /// Writes the consolidated dataset (`records.csv` and/or `records.jsonl`) from `store`,
    /// reading the records once for all formats.
    @discardableResult
    public static func writeRecords(
        store: any StoreReading, formats: [DraftFormat], to folder: URL, options: DraftWriteOptions = DraftWriteOptions()
    ) throws -> [WrittenFile] {
        var urls: [URL] = []
        var sinks: [any RecordSink] = []
        for format in formats {
            switch format {
            case .csv:
                urls.append(folder.appendingPathComponent("records.csv"))
                sinks.append(try CSVRecordSink(url: urls[urls.count - 1], dialect: options.csvDialect))
            case .jsonl, .json:
                urls.append(folder.appendingPathComponent("records.jsonl"))
                sinks.append(try JSONLinesRecordSink(url: urls[urls.count - 1]))
            default:
                throw UnsupportedExport(format: format, content: .records)
            }
        }
        try RecordsExport.write(store: store, to: sinks, registry: .bulgaria)
        return try urls.map { url in
            let digest = try FileDigest.sha256(of: url)
            return WrittenFile(path: url.path, sha256: digest.hex, bytes: digest.size)
        }
    }
}

/// A format that does not apply to the chosen content (e.g. XML of the records).
public struct UnsupportedExport: Error, Sendable, CustomStringConvertible {
    public var format: DraftFormat
    public var content: ExportContent

    public init(format: DraftFormat, content: ExportContent) {
        self.format = format
        self.content = content
    }

    public var description: String {
        "format '\(format.rawValue)' is not available for '\(content.rawValue)' "
            + "(draft: csv json xml geojson html; records: csv jsonl; rejects and reconciliation: csv json)"
    }
}

/// `rejects-summary.json`: the draft's rejects summary under `rejects`.
struct RejectsSummaryDocument: Encodable {
    var rejects: [RejectSummary]
}
