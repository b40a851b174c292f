/// Why a row was not accepted. The raw values are stable, snake_case, and documented in the
/// README; municipalities receive them in the rejects report.
public enum RejectReason: String, Sendable, Codable, CaseIterable, Comparable {
    /// Wrong field count, broken quoting, a number that is not a number.
    case malformed
    /// A single field larger than the reader's limit.
    case fieldTooLarge = "field_too_large"
    case missingField = "missing_field"
    case unknownMunicipality = "unknown_municipality"
    case ambiguousMunicipality = "ambiguous_municipality"
    /// The municipality does not belong to the district given on the same row.
    case districtMismatch = "district_mismatch"
    case unknownService = "unknown_service"
    case negativeCapacity = "negative_capacity"
    /// An exact repeat of an earlier row of the same file; the later one is rejected.
    case duplicate
    /// The row carries personal data (an ЕГН) in a field that cannot be dropped or masked.
    case personalData = "personal_data"
    /// The reporting date lies outside the pipeline's reporting period.
    case outsidePeriod = "outside_period"

    public static func < (lhs: RejectReason, rhs: RejectReason) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// A row that was not accepted, with everything needed to send it back to whoever made it.
public struct Reject: Sendable, Hashable, Codable {
    public var provenance: Provenance
    /// The column's header name (or XML field name) the problem is in, when one column is at fault.
    public var column: String?
    public var reason: RejectReason
    /// A sentence for a person, in the language of the report.
    public var message: String
    /// The row as it was in the file (decoded to UTF-8, truncated to a limit, personal data masked).
    public var rawText: String

    public init(
        provenance: Provenance, column: String?, reason: RejectReason, message: String,
        rawText: String
    ) {
        self.provenance = provenance
        self.column = column
        self.reason = reason
        self.message = message
        self.rawText = rawText
    }

    enum CodingKeys: String, CodingKey {
        case provenance
        case column
        case reason
        case message
        case rawText = "raw_text"
    }
}
