import KartaModel

/// Which stored records count in the Map's figures.
///
/// Municipal registers are the primary figure: they list every service a municipality runs. АСП
/// exports describe the state-funded services a second time and are used for reconciliation
/// (see ``ReconciliationReport``), never added to the registers — that would count a service twice.
public enum SourcePolicy: String, Sendable, Codable, CaseIterable, Hashable {
    /// Only municipal registers count (the default).
    case registers
    /// Municipal registers; a municipality that sent no register at all is counted from the
    /// АСП export instead, so that it does not show as empty.
    case registersThenAgency = "registers-then-agency"
    /// Only АСП exports count (the agency's own view).
    case agency

    /// Whether a group of records of `sourceKind` counts, given whether its municipality has
    /// any register record.
    func counts(_ sourceKind: SourceKind, municipalityHasRegister: Bool) -> Bool {
        switch (self, sourceKind) {
        case (_, .proposal), (_, .adoptedMap): false
        case (.registers, .municipalRegister): true
        case (.registers, .aspExport): false
        case (.registersThenAgency, .municipalRegister): true
        case (.registersThenAgency, .aspExport): !municipalityHasRegister
        case (.agency, .municipalRegister): false
        case (.agency, .aspExport): true
        }
    }
}

/// How a draft is computed; recorded in the draft's metadata.
public struct AggregationOptions: Sendable, Codable, Hashable {
    public var sourcePolicy: SourcePolicy
    /// Whether cells carry the identifiers of their records (lineage). Costs one extra string
    /// per group in the scan; on by default.
    public var includeLineage: Bool

    public init(sourcePolicy: SourcePolicy = .registers, includeLineage: Bool = true) {
        self.sourcePolicy = sourcePolicy
        self.includeLineage = includeLineage
    }

    enum CodingKeys: String, CodingKey {
        case sourcePolicy = "source_policy"
        case includeLineage = "include_lineage"
    }
}

/// Which part of the store an aggregation reads: everything, or one district or municipality
/// (what `karta explain` needs, through the indexes on the area codes).
public enum AggregationScope: Sendable, Hashable {
    case all
    case district(String)
    case municipality(String)
}
