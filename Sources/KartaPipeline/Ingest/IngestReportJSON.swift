import Foundation
import KartaModel

/// The `karta ingest --json` document (README.md, "Command line"): `{"files": [...]}`, one
/// entry per file as ``SourceReport/encodeIngestEntry(to:)`` writes it.
public struct IngestReportDocument: Encodable, Sendable {
    public var files: [SourceReport]

    public init(reports: [SourceReport]) { files = reports }

    enum CodingKeys: String, CodingKey { case files }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var entries = container.nestedUnkeyedContainer(forKey: .files)
        for report in files { try report.encodeIngestEntry(to: entries.superEncoder()) }
    }

    /// Pretty, key-sorted JSON with Cyrillic unescaped, and a final line feed.
    public func jsonData() throws -> Data {
        try KartaJSON.document(self, schema: .ingestReport)
    }
}
