import Foundation

/// The one JSON configuration of karta: every JSON document karta writes (map draft, run
/// manifest, each `--json` output, logs, JSON Lines) is made by ``encoder(layout:)``.
///
/// Keys sorted, `/` unescaped, Cyrillic as UTF-8, dates as ISO 8601 (UTC). Keys are snake_case:
/// each type names its keys in its `CodingKeys` (no key conversion strategy, so acronyms such as
/// `draftID` stay `draft_id` and decoding sees the same names).
public enum KartaJSON {
    /// How the document is laid out.
    public enum Layout: Sendable {
        /// Two-space pretty printing: files and `--json` outputs.
        case document
        /// One line per value: JSON Lines and log lines.
        case line
    }

    /// The encoder every karta JSON output uses.
    public static func encoder(layout: Layout = .document) -> JSONEncoder {
        let encoder = JSONEncoder()
        switch layout {
        case .document: encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        case .line: encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        }
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// A versioned document as karta writes it to a file or stdout: the one encoder's JSON of
    /// `value` with `karta_version` and `schema_version` added, and a final line feed.
    public static func document<Value: Encodable>(_ value: Value, schema: ArtifactSchema) throws -> Data {
        var data = try encoder().encode(VersionedDocument(schema: schema, value: value))
        data.append(0x0A)
        return data
    }

    /// The decoder for documents the encoder wrote (dates as ISO 8601).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

/// A JSON document with the versions of karta and of its layout added to the value's members
/// (`karta_version`, `schema_version`); the value must encode as an object.
public struct VersionedDocument<Value: Encodable>: Encodable {
    public var schema: ArtifactSchema
    public var value: Value

    public init(schema: ArtifactSchema, value: Value) {
        self.schema = schema
        self.value = value
    }

    private enum VersionKeys: String, CodingKey {
        case kartaVersion = "karta_version"
        case schemaVersion = "schema_version"
    }

    public func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
        var container = encoder.container(keyedBy: VersionKeys.self)
        try container.encode(KartaModel.kartaVersion, forKey: .kartaVersion)
        try container.encode(schema.rawValue, forKey: .schemaVersion)
    }
}

/// The layout version of each artifact karta writes, carried as `schema_version` next to
/// `karta_version` (as dbt's artifacts do). Raised when an artifact's fields change meaning;
/// listed in docs/formats.md.
public enum ArtifactSchema: String, Sendable, Codable, CaseIterable {
    case mapDraft = "karta/map-draft/v2"
    case runManifest = "karta/run/v1"
    case ingestReport = "karta/ingest/v1"
    case aggregate = "karta/aggregate/v1"
    case explain = "karta/explain/v1"
    case history = "karta/history/v1"
    case inspect = "karta/inspect/v1"
    case reference = "karta/reference/v1"
    case diff = "karta/diff/v1"
    case export = "karta/export/v1"
    case rejects = "karta/rejects/v1"
    case rejectsSummary = "karta/rejects-summary/v1"
    case reconciliation = "karta/reconciliation/v1"
    case geoJSON = "karta/map-draft-geojson/v1"
    case storeCopy = "karta/store-copy/v1"
    case storeCheck = "karta/store-check/v1"
}
