import Foundation
import KartaModel

/// What `karta inspect --json` prints: how the file was read, its header, the fields each column
/// is bound to, and the first rows as read (keys snake_case, plus `karta_version` and
/// `schema_version`).
public struct InspectDocument: Sendable, Encodable {
    public var encoding: String
    public var delimiter: String?
    /// The 1-based line of the header.
    public var headerLine: Int
    /// The element that holds one record, for XML.
    public var recordElement: String?
    public var header: [String]
    /// Canonical field name → the header column bound to it.
    public var bindings: [String: String]
    public var rows: [[String]]

    enum CodingKeys: String, CodingKey {
        case encoding, delimiter, header, bindings, rows
        case headerLine = "header_line"
        case recordElement = "record_element"
    }

    public init(description: RawSourceDescription, bindings: [String: String], rows: [[String]]) {
        encoding = description.encoding
        delimiter = description.delimiter
        headerLine = description.headerLine
        recordElement = description.recordElement
        header = description.header
        self.bindings = bindings
        self.rows = rows
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(encoding, forKey: .encoding)
        // Always present: null for XML, as before.
        try container.encode(delimiter, forKey: .delimiter)
        try container.encode(headerLine, forKey: .headerLine)
        try container.encodeIfPresent(recordElement, forKey: .recordElement)
        try container.encode(header, forKey: .header)
        try container.encode(bindings, forKey: .bindings)
        try container.encode(rows, forKey: .rows)
    }

    /// The document as text, made by the one encoder (``KartaJSON``), without a final line feed.
    public func jsonText() throws -> String {
        let data = try KartaJSON.encoder().encode(VersionedDocument(schema: .inspect, value: self))
        return String(decoding: data, as: UTF8.self)
    }
}
