import Foundation
import KartaModel
import KartaStore

/// A pipeline: which inputs to read, how to judge them, and what to write. Loaded from a YAML
/// file in `pipelines/` by ``PipelineLoader``; every path is absolute and inside ``root``.
public struct Pipeline: Sendable, Hashable {
    public var name: String
    /// The pipeline file itself.
    public var file: URL
    /// Hex SHA-256 of the pipeline file's bytes.
    public var fileSHA256: String
    /// The folder every path of the pipeline must stay inside.
    public var root: URL
    public var period: ReportingPeriod?
    /// The SQLite store file (when ``postgresStore`` is nil).
    public var store: URL
    public var sources: [SourceSpec]
    public var criteria: URL?
    public var serviceDictionary: URL?
    public var thresholds: Thresholds
    public var outputs: OutputSpec
    /// The financing standards file (`standards:`); nil: the draft carries no costs.
    public var standards: URL? = nil
    /// The target-group populations per municipality (`indicators:`); nil: the criteria's
    /// national shares apply everywhere.
    public var indicators: URL? = nil
    /// The PostgreSQL store, when `store:` (or `--store`) is a `postgresql://` URL; then ``store``
    /// is not used.
    public var postgresStore: PostgresAddress? = nil
}

/// The period a run reports on; rows dated outside it are rejected (`outside_period`).
public struct ReportingPeriod: Sendable, Hashable, Codable {
    /// ISO dates, inclusive.
    public var from: String
    public var to: String
}

/// One group of input files: a folder (with a glob) or a single file, and how to read them.
public struct SourceSpec: Sendable, Hashable {
    public var path: URL
    /// File-name pattern inside a folder (`*.csv`); nil for a single file.
    public var glob: String?
    public var kind: SourceKind
    /// `auto` (nil) or an encoding name (`UTF-8`, `windows-1251`, `UTF-16LE`, …).
    public var encoding: String?
    /// `auto` (nil) or one of `;` `,` `\t` `|`.
    public var delimiter: String?
    /// The 1-based header line, when the sniffer should not guess.
    public var headerLine: Int?
    /// A mapping file for this source instead of the default one.
    public var mapping: URL?
    /// The YAML line of the source entry, for messages.
    public var line: Int?
    /// When true, matching no file is not a configuration error.
    public var optional: Bool = false
}

/// When a finished run counts as failed because of its data (exit status 1).
public struct Thresholds: Sendable, Hashable, Codable {
    /// Fail when more than this percentage of a file's data rows are rejected.
    public var maxRejectedPercent: Double = 10
    /// Fail when any file is refused as a whole (it is then exit status 4 anyway).
    public var failOnRefused: Bool = true
    /// Fail when the whole run rejects more than this many rows (nil: no limit).
    public var maxRejectedRows: Int?
    /// Stop before changing anything when the run would remove more than this percentage of
    /// the stored sources (`--allow-removals` overrides).
    public var maxRemovedPercent: Double = 10

    public init() {}
}

/// What a run writes.
public struct OutputSpec: Sendable, Hashable {
    public var folder: URL
    /// Formats of the draft: csv, json, jsonl, xml, geojson, html; `plans` adds the annual plan
    /// of every municipality with data (`plans/<code>.html`, `plans/<code>.csv`).
    public var formats: [String]
    /// A GeoJSON file with outlines, matched by area code (optional).
    public var geometry: URL?
    /// Plain RFC 4180 CSV with `,` instead of Excel's `;` with BOM.
    public var plainCSV: Bool
    /// The year of the `plans` output (`plans_year`); nil: the year after the period ends.
    public var plansYear: Int? = nil

    /// The year the `plans` output is for: `plans_year`, else the year after `period` ends.
    public func plansYear(period: ReportingPeriod?) -> Int? {
        plansYear ?? period.flatMap { Int($0.to.prefix(4)) }.map { $0 + 1 }
    }
}
