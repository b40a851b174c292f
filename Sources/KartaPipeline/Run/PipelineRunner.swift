import Foundation
import KartaAggregate
import KartaEmit
import KartaModel
import KartaNormalize
import KartaStore
import Logging

/// How `karta run` runs a pipeline.
public struct RunOptions: Sendable {
    /// Re-read every file even when unchanged.
    public var fullRefresh = false
    /// Read and validate everything, write nothing (neither store nor outputs).
    public var dryRun = false
    /// Seconds to wait for another run's lock before giving up (0: give up at once).
    public var waitSeconds: Double = 0
    /// The command line, for the manifest and the store's runs table.
    public var command = "karta run"

    public init() {}
}

/// The outcome of a run: its manifest and the exit status for the scheduler.
public struct RunResult: Sendable {
    public var manifest: RunManifest
    public var exitStatus: ExitStatus
    /// Where the manifest was written (nil for a dry run).
    public var manifestPath: String?
}

/// Runs a pipeline's stages in order under one run id: lock, discover, ingest, prune, aggregate,
/// emit, publish, manifest.
///
/// The store changes in one transaction per file; outputs are written to a staging folder and
/// renamed into place only when all of them are complete, the manifest last. A run killed at any
/// moment therefore leaves the store and the published outputs as before or after it; the next
/// run completes the work and, inputs being equal, writes byte-identical outputs.
public struct PipelineRunner {
    public let pipeline: Pipeline
    public let options: RunOptions
    public let logger: Logger
    public let progress: ProgressReporter

    public init(pipeline: Pipeline, options: RunOptions, logger: Logger, progress: ProgressReporter) {
        self.pipeline = pipeline
        self.options = options
        self.logger = logger
        self.progress = progress
    }

    /// Runs the pipeline. Throws only for failures that prevent a run at all: the lock is held
    /// (``RunLock/Held``), the configuration is invalid (``PipelineError``), or the store cannot be
    /// used; data problems end in the result's exit status.
    public func run() throws -> RunResult {
        let started = Date()
        var stages: [RunManifest.StageTiming] = []
        func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
            let start = Date()
            defer { stages.append(.init(stage: stage, seconds: Self.seconds(since: start))) }
            return try body()
        }

        let configuration = try timed("configure") { try RunConfiguration(pipeline: pipeline) }
        let dryRunFolder =
            options.dryRun
            ? FileManager.default.temporaryDirectory
                .appendingPathComponent("karta-dry-run-\(getpid())-\(UUID().uuidString.prefix(8))") : nil
        defer { if let dryRunFolder { try? FileManager.default.removeItem(at: dryRunFolder) } }
        let storePath = dryRunFolder?.appendingPathComponent("karta.sqlite").path ?? pipeline.store.path
        let lock = try RunLock(
            storePath: pipeline.store.path, wait: options.waitSeconds, runID: "pid \(getpid())")
        defer { lock.release() }

        let store = try Store(path: storePath)
        let runID = try store.startRun(
            command: options.command, pipelinePath: pipeline.file.path, pipelineSHA256: pipeline.fileSHA256)
        try store.recordCriteria(runID: runID, configuration.criteriaRecord)
        var logger = self.logger
        logger[metadataKey: "run.id"] = "\(runID)"
        logger.info(
            "run started", metadata: ["pipeline": "\(pipeline.name)", "store": "\(pipeline.store.path)"])

        let discovered = try timed("discover") { try discoverFiles(logger: logger) }
        CrashPoint.reach(.afterDiscover)

        var inputs: [RunManifest.InputReport] = []
        timed("ingest") {
            for (index, file) in discovered.files.enumerated() {
                let report = ingest(
                    file, configuration: configuration, store: store, runID: runID, logger: logger)
                inputs.append(report)
                if index == 0 { CrashPoint.reach(.afterFirstFile) }
            }
        }
        let keptPaths = Set(discovered.files.map { $0.url.standardizedFileURL.path })
        let removed = try timed("prune") { () throws -> [String] in
            let vanished = try store.sourceSummaries().map(\.path).filter { !keptPaths.contains($0) }
            try store.removeSources(paths: vanished)
            for path in vanished {
                logger.info("removed from the store: the file is gone", metadata: ["file.path": "\(path)"])
            }
            return vanished
        }

        let draft = try timed("aggregate") {
            // The published draft carries no record ids: at national scale they would make every
            // output (and the memory to write it) grow with the records. `karta explain` and
            // records.csv give the lineage.
            try MapDraftBuilder(
                store: store, criteria: configuration.criteria,
                options: AggregationOptions(includeLineage: false)
            ).build()
        }
        CrashPoint.reach(.afterAggregate)
        if !options.dryRun {
            var kept = draft
            for index in kept.cells.indices {
                kept.cells[index].recordIDs = []
                kept.cells[index].proposalRecordIDs = []
            }
            try store.saveDraft(
                runID: runID, json: String(decoding: try DraftJSON.encode(kept), as: UTF8.self))
        }

        var outputs: [RunManifest.OutputFile] = []
        if !options.dryRun {
            outputs = try timed("emit") {
                try OutputPublisher(folder: pipeline.outputs.folder, runID: runID).publish { staging in
                    try writeOutputs(draft: draft, store: store, configuration: configuration, to: staging)
                }
            }
        }

        var thresholds = RunManifest.ThresholdReport(
            maxRejectedPercent: pipeline.thresholds.maxRejectedPercent,
            failOnRefused: pipeline.thresholds.failOnRefused,
            maxRejectedRows: pipeline.thresholds.maxRejectedRows, breaches: [])
        thresholds.breaches = ThresholdCheck.breaches(inputs: inputs, thresholds: pipeline.thresholds)
        let refused = inputs.contains { $0.status == "refused" }
        let exitStatus: ExitStatus =
            refused ? .inputRefused : (thresholds.breaches.isEmpty ? .success : .dataProblems)
        let outcome =
            switch exitStatus {
            case .success: "success"
            case .dataProblems: "data_problems"
            case .inputRefused: "input_refused"
            default: "failed"
            }
        for breach in thresholds.breaches { logger.warning("threshold exceeded: \(breach)") }

        var manifest = RunManifest(
            runID: runID, kartaVersion: kartaVersion, command: options.command,
            pipeline: .init(path: pipeline.file.path, name: pipeline.name, sha256: pipeline.fileSHA256),
            startedAt: Self.timestamp(started), finishedAt: nil, durationSeconds: nil, outcome: outcome,
            exitStatus: exitStatus.rawValue, dryRun: options.dryRun, fullRefresh: options.fullRefresh,
            inputs: inputs, removedSources: removed,
            skippedEntries: discovered.skipped.map { .init(path: $0.0.path, reason: $0.1) }, stages: stages,
            thresholds: thresholds, draftID: draft.metadata.draftID, outputs: outputs)
        manifest.finishedAt = Self.timestamp(Date())
        manifest.durationSeconds = Self.seconds(since: started)
        let manifestData = try manifest.encoded()
        var manifestPath: String?
        if !options.dryRun {
            let url = pipeline.outputs.folder.appendingPathComponent("run.json")
            try AtomicFile.write(manifestData, to: url)
            manifestPath = url.path
        }
        try store.finishRun(
            id: runID, outcome: outcome, exitStatus: exitStatus.rawValue,
            manifestJSON: String(decoding: manifestData, as: UTF8.self))
        let loaded = inputs.map(\.loaded).reduce(0, +)
        let rejected = inputs.map(\.rejected).reduce(0, +)
        let summary: Logger.Metadata = [
            "files": "\(inputs.count)", "rows.loaded": "\(loaded)", "rows.rejected": "\(rejected)",
            "outputs": "\(outputs.count)", "exit.status": "\(exitStatus.rawValue)",
        ]
        let sentence: Logger.Message = """
            run finished: \(outcome) — \(inputs.count) files, \(loaded) records loaded, \(rejected) rows rejected, \
            \(outputs.count) outputs
            """
        if exitStatus == .success {
            logger.info(sentence, metadata: summary)
        } else {
            logger.warning(sentence, metadata: summary)
        }
        return RunResult(manifest: manifest, exitStatus: exitStatus, manifestPath: manifestPath)
    }

    private func discoverFiles(logger: Logger) throws -> (files: [DiscoveredFile], skipped: [(URL, String)]) {
        var files: [DiscoveredFile] = []
        var skipped: [(URL, String)] = []
        var seen = Set<String>()
        for spec in pipeline.sources {
            let found = try spec.files()
            for url in found.files where seen.insert(url.standardizedFileURL.path).inserted {
                files.append(DiscoveredFile(url: url, spec: spec))
            }
            skipped += found.skipped
        }
        for (url, reason) in skipped {
            logger.warning("skipped \(url.path): \(reason)", metadata: ["file.path": "\(url.path)"])
        }
        if files.isEmpty {
            logger.warning("the pipeline's sources name no files")
        }
        return (files, skipped)
    }

    private func ingest(
        _ file: DiscoveredFile, configuration: RunConfiguration, store: Store, runID: String, logger: Logger
    ) -> RunManifest.InputReport {
        let spec = file.spec
        let size = (try? FileManager.default.attributesOfItem(atPath: file.url.path)[.size] as? Int64) ?? 0
        progress.begin(path: file.url.path, totalBytes: size)
        let options = IngestOptions(
            kind: spec.kind, encoding: spec.encoding, delimiter: spec.delimiter, headerLine: spec.headerLine,
            mapping: configuration.mapping(for: spec), dictionary: configuration.dictionary,
            reportingPeriod: pipeline.period.map { $0.from...$0.to }, reloadUnchanged: options.fullRefresh)
        let report = SourceIngestion.ingest(
            path: file.url.path, options: options, store: store, runID: runID,
            open: SourceIngestion.openWithReaders, logger: logger
        ) { bytes, rows in progress.advance(bytes: bytes, rows: rows) }
        progress.end()
        return RunManifest.InputReport(
            path: report.storedPath, sha256: report.sha256, kind: spec.kind.rawValue,
            encoding: report.encoding,
            delimiter: report.delimiter, headerLine: report.headerLine, rowsRead: report.rowsRead,
            loaded: report.loaded, rejected: report.rejected, nonData: report.nonData,
            rejectsByReason: report.rejectsByReason, droppedColumns: report.droppedColumns,
            status: report.status.rawValue, durationSeconds: (report.durationSeconds * 1000).rounded() / 1000,
            error: report.error, bindings: report.bindings)
    }

    private func writeOutputs(
        draft: MapDraft, store: Store, configuration: RunConfiguration, to folder: URL
    ) throws {
        let formats = pipeline.outputs.formats.compactMap(DraftFormat.init(rawValue:))
        let writeOptions = DraftWriteOptions(
            csvDialect: pipeline.outputs.plainCSV ? .plain : .excel, geometry: configuration.geometry,
            pathRoot: pipeline.root)
        try DraftWriter.write(
            draft: draft, formats: formats.filter { $0 != .jsonl }, to: folder, options: writeOptions)
        CrashPoint.reach(.midEmit)
        let recordFormats = formats.filter { $0 == .csv || $0 == .jsonl }
        try DraftWriter.writeRecords(store: store, formats: recordFormats, to: folder, options: writeOptions)
    }

    static func seconds(since start: Date) -> Double {
        (Date().timeIntervalSince(start) * 1000).rounded() / 1000
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
