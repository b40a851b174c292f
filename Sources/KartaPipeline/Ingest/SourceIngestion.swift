import Foundation
import KartaModel
import KartaNormalize
import KartaPostgres
import KartaStore
import Logging

/// What a reader needs to open a file: the path and the user's overrides of the sniffer.
public struct ReaderRequest: Sendable, Hashable {
    public var path: String
    /// nil: detect.
    public var encoding: String?
    /// nil: detect.
    public var delimiter: String?
    /// nil: detect.
    public var headerLine: Int?

    public init(path: String, encoding: String? = nil, delimiter: String? = nil, headerLine: Int? = nil) {
        self.path = path
        self.encoding = encoding
        self.delimiter = delimiter
        self.headerLine = headerLine
    }
}

/// Opens a file as a stream of raw rows (the CSV or XML reader of `KartaIngest`).
public typealias RawSourceOpener = (ReaderRequest) throws -> any RawRowSource

/// How to ingest one file.
public struct IngestOptions: Sendable {
    public var kind: SourceKind
    public var encoding: String?
    public var delimiter: String?
    public var headerLine: Int?
    public var mapping: ColumnMapping
    public var dictionary: ServiceDictionary
    public var registry: ReferenceRegistry
    /// ISO dates, inclusive: rows dated outside are rejected as `outside_period`.
    public var reportingPeriod: ClosedRange<String>?
    /// Load even when the stored version has the same SHA-256 (`--full-refresh`).
    public var reloadUnchanged: Bool

    public init(
        kind: SourceKind, encoding: String? = nil, delimiter: String? = nil, headerLine: Int? = nil,
        mapping: ColumnMapping, dictionary: ServiceDictionary, registry: ReferenceRegistry = .bulgaria,
        reportingPeriod: ClosedRange<String>? = nil, reloadUnchanged: Bool = false
    ) {
        self.kind = kind
        self.encoding = encoding
        self.delimiter = delimiter
        self.headerLine = headerLine
        self.mapping = mapping
        self.dictionary = dictionary
        self.registry = registry
        self.reportingPeriod = reportingPeriod
        self.reloadUnchanged = reloadUnchanged
    }
}

/// The glue of one input file: open it, normalize every row, load everything into the store in
/// one transaction, and report. Used by `karta ingest` and by the pipeline run.
public enum SourceIngestion {
    /// Ingests one file. A file-level failure is a `refused` report, and the store then keeps
    /// whatever it had for that path before; throws only when a PostgreSQL store's connection
    /// fails (``PostgresStoreError``), which ends the run.
    ///
    /// `progress`, when given, is called every few thousand rows with the byte offset reached
    /// and the rows read so far.
    /// `path` is what is read; `storedAs` the source's identity in the store (default: `path`
    /// as given), masked by ``PathMask`` and used in every message.
    public static func ingest(
        path readPath: String, storedAs: String? = nil, options: IngestOptions, store: any StoreWriting,
        runID: String,
        open: RawSourceOpener, logger: Logger? = nil, progress: ((_ bytes: Int64, _ rows: Int) -> Void)? = nil
    ) throws -> SourceReport {
        let started = Date()
        let storedPath = PathMask.mask(storedAs ?? readPath)
        let path = storedPath
        var report = SourceReport(path: path, kind: options.kind, status: .refused)
        defer { logger?.debug("ingested", metadata: ["file.path": "\(path)"]) }
        do {
            // Refuses folders, FIFOs, devices and link loops before anything opens the file.
            let identity = try SourceFileIdentity.check(path: readPath, shownAs: path)
            guard FileManager.default.isReadableFile(atPath: readPath) else {
                throw IngestionError(message: "\(path): not readable (permissions)")
            }
            let digest: (hex: String, size: Int64)
            do {
                digest = try FileDigest.sha256(of: URL(fileURLWithPath: readPath))
            } catch {
                throw SourceFileIdentity.readFailure(error, shownAs: path)
            }
            try identity.expectUnchanged(path: readPath, shownAs: path)
            report.sha256 = digest.hex
            if !options.reloadUnchanged, try store.isUnchanged(path: storedPath, sha256: digest.hex),
                let stored = try store.storedSource(path: storedPath)
            {
                report.status = .unchanged
                report.encoding = stored.encoding
                report.delimiter = stored.delimiter
                report.rowsRead = stored.rowsRead
                report.loaded = stored.loaded
                report.rejected = stored.rejected
                report.nonData = stored.nonData
                report.rejectsByReason = stored.rejectsByReason
                report.droppedColumns = stored.droppedColumns
                report.bindings = Self.bindings(path: readPath, options: options, open: open)
                report.durationSeconds = PipelineRunner.seconds(since: started)
                logger?.info("\(Self.name(path)): unchanged, skipped", metadata: ["file.path": "\(path)"])
                return report
            }
            let source = try open(
                ReaderRequest(
                    path: readPath, encoding: options.encoding, delimiter: options.delimiter,
                    headerLine: options.headerLine))
            let description = source.description
            report.encoding = description.encoding
            report.delimiter = description.delimiter
            report.headerLine = description.headerLine
            let normalizer = Normalizer(
                mapping: options.mapping, dictionary: options.dictionary, registry: options.registry,
                options: NormalizeOptions(
                    sourceKind: options.kind, sourcePath: storedPath, sourceSHA256: digest.hex, runID: runID,
                    reportingPeriod: options.reportingPeriod))
            do {
                report.bindings = Self.names(try normalizer.begin(description: description))
            } catch {
                report.bindings = Self.names(
                    ColumnBinding.candidate(
                        header: description.header, format: description.format, mapping: options.mapping))
                throw error
            }
            if normalizer.needsMoneyPass {
                // A money column's decimal mark is read from all of its cells (MoneyColumn):
                // a first pass over the file (registers are small) before any row is normalized.
                let firstPass = try open(
                    ReaderRequest(
                        path: readPath, encoding: options.encoding, delimiter: options.delimiter,
                        headerLine: options.headerLine))
                while let next = try firstPass.next() {
                    if case .row(let row) = next { normalizer.observeMoney(row) }
                }
                for (field, money) in normalizer.moneyReadings.sorted(by: {
                    $0.key.rawValue < $1.key.rawValue
                }) {
                    logger?.debug(
                        "\(Self.name(path)): money column \(field.rawValue): \(money.problem ?? "readable")",
                        metadata: ["file.path": "\(path)"])
                }
            }
            let info = SourceInfo(
                path: storedPath, sha256: digest.hex, size: digest.size, kind: options.kind,
                format: description.format, encoding: description.encoding, delimiter: description.delimiter,
                headerLine: description.headerLine, runID: runID)
            let result = try store.load(source: info) { writer in
                normalizer.fingerprintSpill = StoreFingerprintSpill(try writer.fingerprintTable())
                defer { normalizer.fingerprintSpill = nil }
                var rowsRead = 0
                while let next = try source.next() {
                    switch next {
                    case .problem(let problem):
                        rowsRead += 1
                        try writer.add(normalizer.reject(problem))
                    case .row(let row):
                        if let progress, rowsRead & 0xFFF == 0 { progress(row.position.byteOffset, rowsRead) }
                        switch normalizer.normalize(row) {
                        case .record(let record):
                            rowsRead += 1
                            try writer.add(record)
                        case .reject(let reject):
                            rowsRead += 1
                            try writer.add(reject)
                        case .nonData:
                            rowsRead += 1
                            writer.addNonData()
                        case .blank:
                            break
                        }
                    }
                }
                // The rows must come from the bytes that were hashed: else roll everything back.
                try identity.expectUnchanged(path: readPath, shownAs: path)
                return SourceCompletion(
                    rowsRead: rowsRead, droppedColumns: normalizer.droppedColumns.map(\.name))
            }
            report.status = .loaded
            report.rowsRead = result.rowsRead
            report.loaded = result.loaded
            report.rejected = result.rejected
            report.nonData = result.nonData
            report.rejectsByReason = Dictionary(
                uniqueKeysWithValues: result.rejectsByReason.map { ($0.rawValue, $1) })
            report.droppedColumns = normalizer.droppedColumns.map(\.name)
            logger?.info(
                """
                \(Self.name(path)): \(result.rowsRead) rows: \(result.loaded) loaded, \
                \(result.rejected) rejected, \(result.nonData) non-data
                """,
                metadata: [
                    "file.path": "\(path)", "rows.read": .stringConvertible(result.rowsRead),
                    "rows.loaded": .stringConvertible(result.loaded),
                    "rows.rejected": .stringConvertible(result.rejected),
                    "rows.non_data": .stringConvertible(result.nonData),
                ])
        } catch {
            report.status = .refused
            report.rowsRead = 0
            report.loaded = 0
            report.rejected = 0
            report.nonData = 0
            report.rejectsByReason = [:]
            report.droppedColumns = []
            report.error = PathMask.mask(
                PersonalDataMask.mask(describe(error).replacingOccurrences(of: readPath, with: path)))
            if error is PostgresStoreError {
                // The database, not the file: the run stops with the connection's own status.
                throw error
            }
            if EnvironmentFailure.isStoreFailure(error) {
                report.environmentFailure = "\(store.location): \(EnvironmentFailure.reason(error))"
            }
            logger?.error("refused: \(report.error ?? "")", metadata: ["file.path": "\(path)"])
        }
        report.durationSeconds = PipelineRunner.seconds(since: started)
        return report
    }

    private static func name(_ path: String) -> String { (path as NSString).lastPathComponent }

    /// `{"capacity": "Капацитет на услугата", …}` for a binding.
    static func names(_ binding: ColumnBinding) -> [String: String] {
        Dictionary(uniqueKeysWithValues: binding.bindings.map { ($0.key.rawValue, $0.value) })
    }

    /// The bindings of a file's header, read again (an unchanged file is not normalized).
    private static func bindings(path: String, options: IngestOptions, open: RawSourceOpener) -> [String:
        String]
    {
        guard
            let source = try? open(
                ReaderRequest(
                    path: path, encoding: options.encoding, delimiter: options.delimiter,
                    headerLine: options.headerLine))
        else { return [:] }
        let description = source.description
        return names(
            ColumnBinding.candidate(
                header: description.header, format: description.format, mapping: options.mapping))
    }

    private static func describe(_ error: any Error) -> String {
        String(describing: error)
    }
}

/// A file that cannot be ingested before any reader sees it (missing, unreadable).
struct IngestionError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
