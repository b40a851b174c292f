import Foundation
import KartaModel

/// The `karta ingest --json` document (README.md, "Command line"):
/// `{"files": [{"path", "status", "encoding", "rows_read", "loaded", "rejected", "non_data",
/// "rejects_by_reason", "error" (refused files only)}]}`.
public struct IngestReportDocument: Encodable, Sendable {
    public var files: [File]

    public struct File: Encodable, Sendable {
        public var path: String
        public var status: String
        public var encoding: String?
        public var rowsRead: Int
        public var loaded: Int
        public var rejected: Int
        public var nonData: Int
        public var rejectsByReason: [String: Int]
        public var error: String?
        public var bindings: [String: String]

        enum CodingKeys: String, CodingKey {
            case path, status, encoding, loaded, rejected, error, bindings
            case rowsRead = "rows_read"
            case nonData = "non_data"
            case rejectsByReason = "rejects_by_reason"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(path, forKey: .path)
            try container.encode(status, forKey: .status)
            try container.encode(encoding, forKey: .encoding)
            try container.encode(rowsRead, forKey: .rowsRead)
            try container.encode(loaded, forKey: .loaded)
            try container.encode(rejected, forKey: .rejected)
            try container.encode(nonData, forKey: .nonData)
            try container.encode(rejectsByReason, forKey: .rejectsByReason)
            try container.encode(bindings, forKey: .bindings)
            if status == SourceIngestionReport.Status.refused.rawValue {
                try container.encode(error ?? "refused", forKey: .error)
            }
        }
    }

    public init(reports: [SourceIngestionReport]) {
        files = reports.map { report in
            File(
                path: report.path, status: report.status.rawValue, encoding: report.encoding,
                rowsRead: report.rowsRead, loaded: report.loaded, rejected: report.rejected,
                nonData: report.nonData,
                rejectsByReason: report.rejectsByReason, error: report.error, bindings: report.bindings)
        }
    }

    /// Pretty, key-sorted JSON with Cyrillic unescaped.
    public func jsonData() throws -> Data {
        try KartaJSON.encoder().encode(VersionedDocument(schema: .ingestReport, value: self))
    }
}
