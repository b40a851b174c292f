import KartaModel

/// What karta must find in one generated file: the counts `karta ingest --json` reports, and the
/// sums of the accepted rows.
public struct ExpectedFile: Codable, Sendable, Equatable {
    public var path: String
    public var kind: String
    public var encoding: String
    public var delimiter: String?
    /// CSV: the 1-based line of the header row.
    public var headerLine: Int?
    public var bytes: Int64
    /// Records after the header (totals rows included; title lines, header, blank lines not).
    public var rowsRead: Int
    public var loaded: Int
    public var rejected: Int
    public var nonData: Int
    public var rejectsByReason: [String: Int]
    /// The kinds of bad rows written, finer than the reason codes.
    public var defects: [String: Int]
    /// Sum of capacity (proposals: of the maximum number of users) over loaded rows.
    public var capacity: Int
    public var users: Int
    public var capacityByDistrict: [String: Int]
    public var recordsByDistrict: [String: Int]
    /// Capacity of loaded rows by the primary kind's Bulgarian name.
    public var capacityByKind: [String: Int]

    enum CodingKeys: String, CodingKey {
        case path, kind, encoding, delimiter, bytes, loaded, rejected, defects, capacity, users
        case headerLine = "header_line"
        case rowsRead = "rows_read"
        case nonData = "non_data"
        case rejectsByReason = "rejects_by_reason"
        case capacityByDistrict = "capacity_by_district"
        case recordsByDistrict = "records_by_district"
        case capacityByKind = "capacity_by_kind"
    }

    init(path: String, kind: SourceKind, encoding: String, delimiter: String?, headerLine: Int?) {
        self.path = path
        self.kind = kind.rawValue
        self.encoding = encoding
        self.delimiter = delimiter
        self.headerLine = headerLine
        bytes = 0
        rowsRead = 0
        loaded = 0
        rejected = 0
        nonData = 0
        rejectsByReason = [:]
        defects = [:]
        capacity = 0
        users = 0
        capacityByDistrict = [:]
        recordsByDistrict = [:]
        capacityByKind = [:]
    }

    mutating func countLoaded(district: String, kind: ServiceKind, capacity: Int, users: Int) {
        rowsRead += 1
        loaded += 1
        self.capacity += capacity
        self.users += users
        capacityByDistrict[district, default: 0] += capacity
        recordsByDistrict[district, default: 0] += 1
        capacityByKind[kind.rawValue, default: 0] += capacity
    }

    mutating func countRejected(_ reason: RejectReason, defect: String) {
        rowsRead += 1
        rejected += 1
        rejectsByReason[reason.rawValue, default: 0] += 1
        defects[defect, default: 0] += 1
    }

    mutating func countNonData() {
        rowsRead += 1
        nonData += 1
    }
}

/// The sums over a group of files that together describe the country once.
public struct ExpectedTotals: Codable, Sendable, Equatable {
    public var files: [String]
    public var rowsRead = 0
    public var loaded = 0
    public var rejected = 0
    public var nonData = 0
    public var rejectsByReason: [String: Int] = [:]
    public var capacity = 0
    public var users = 0
    public var capacityByDistrict: [String: Int] = [:]
    public var recordsByDistrict: [String: Int] = [:]
    public var capacityByKind: [String: Int] = [:]

    enum CodingKeys: String, CodingKey {
        case files, loaded, rejected, capacity, users
        case rowsRead = "rows_read"
        case nonData = "non_data"
        case rejectsByReason = "rejects_by_reason"
        case capacityByDistrict = "capacity_by_district"
        case recordsByDistrict = "records_by_district"
        case capacityByKind = "capacity_by_kind"
    }

    init(summing files: [ExpectedFile]) {
        self.files = files.map(\.path)
        for file in files {
            rowsRead += file.rowsRead
            loaded += file.loaded
            rejected += file.rejected
            nonData += file.nonData
            capacity += file.capacity
            users += file.users
            rejectsByReason.merge(file.rejectsByReason, uniquingKeysWith: +)
            capacityByDistrict.merge(file.capacityByDistrict, uniquingKeysWith: +)
            recordsByDistrict.merge(file.recordsByDistrict, uniquingKeysWith: +)
            capacityByKind.merge(file.capacityByKind, uniquingKeysWith: +)
        }
    }
}

/// `expected.json`: everything a test or benchmark needs to check karta's numbers on a dataset.
public struct ExpectedDataset: Codable, Sendable, Equatable {
    public var generator = "karta-gen"
    public var seed: UInt64
    public var scale: Double
    public var reportingDate = ServiceCatalogue.reportingDateISO
    public var files: [ExpectedFile]
    /// Keyed by source kind (`municipal-register`, `asp-export`, `proposal`). With both national
    /// register variants, the register totals describe one of them (they hold the same rows).
    public var totals: [String: ExpectedTotals]

    enum CodingKeys: String, CodingKey {
        case generator, seed, scale, files, totals
        case reportingDate = "reporting_date"
    }
}
