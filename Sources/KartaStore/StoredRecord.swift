import Foundation
import GRDB
import KartaModel

/// A service record as stored: the canonical record and its row id (used by lineage).
public struct StoredRecord: Sendable, Hashable {
    public var id: Int64
    public var sourceID: Int64
    public var record: ServiceRecord
}

extension StoredRecord {
    /// The SQL that selects records with the columns ``fetchAll(_:sql:arguments:)`` decodes.
    static let selectSQL = """
        SELECT records.*, sources.path AS source_path, sources.sha256 AS source_sha256
        FROM records JOIN sources ON sources.id = records.source_id
        """

    /// Decodes rows of `records` joined with `sources` (columns `source_path`, `source_sha256`),
    /// as every backend does (``StoredColumns/record(text:integer:)``).
    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments())
        throws -> [StoredRecord]
    {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            StoredColumns.record(text: { row[$0] as String? }, integer: { row[$0] as Int64? })
        }
    }
}

extension ServiceRecord {
    /// The `kinds` column: ASCII keys, primary first, joined by `|`.
    public var storedKinds: String { kinds.map(\.key).joined(separator: "|") }
}
