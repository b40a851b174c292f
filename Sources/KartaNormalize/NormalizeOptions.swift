import KartaModel

/// What the normalizer needs to know about the source beyond its rows.
public struct NormalizeOptions: Sendable {
    public var sourceKind: SourceKind
    public var sourcePath: String
    /// Hex SHA-256 of the file, for provenance.
    public var sourceSHA256: String
    public var runID: String
    /// When given, a row dated outside it (ISO `YYYY-MM-DD`, inclusive) is rejected as
    /// `outside_period`.
    public var reportingPeriod: ClosedRange<String>?

    public init(
        sourceKind: SourceKind, sourcePath: String, sourceSHA256: String, runID: String,
        reportingPeriod: ClosedRange<String>? = nil
    ) {
        self.sourceKind = sourceKind
        self.sourcePath = sourcePath
        self.sourceSHA256 = sourceSHA256
        self.runID = runID
        self.reportingPeriod = reportingPeriod
    }
}

/// What one raw row became.
public enum NormalizedRow: Sendable, Hashable {
    case record(ServiceRecord)
    case reject(Reject)
    /// A totals/subtotal row or a repeated header: counted in `non_data`, never summed.
    case nonData
    /// A row with no content at all: not counted anywhere (like a blank line).
    case blank
}

/// A column dropped because it holds personal data, for the source's report.
public struct DroppedColumn: Sendable, Hashable, Codable {
    public var name: String
    /// `name` (its header says so) or `values` (its values are mostly valid ЕГН).
    public var because: String

    public init(name: String, because: String) {
        self.name = name
        self.because = because
    }
}
