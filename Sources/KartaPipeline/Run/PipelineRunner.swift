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
    /// Remove stored sources whose files are gone even beyond `max_removed_percent`.
    public var allowRemovals = false

    public init() {}
}

/// The outcome of a run: its manifest and the exit status for the scheduler.
public struct RunResult: Sendable {
    public var manifest: RunManifest
    public var exitStatus: ExitStatus
    /// Where the manifest was written (nil for a dry run).
    public var manifestPath: String?
}

/// Runs a pipeline's stages in order under one run id: lock, discover, check removals, ingest,
/// prune, aggregate, emit, commit, publish.
///
/// The store changes in one transaction per run (each file in a savepoint of it, so a refused
/// file undoes only itself): readers see the store as the last completed run left it until the
/// commit, and a run killed before it leaves the store as it was. The outputs and their
/// `run.json` are written as one set into a new version folder and published by switching one
/// link after the commit (``OutputPublisher``). Inputs being equal, the next run writes
/// byte-identical outputs.
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
    /// (``RunLock/Held``), the configuration is invalid (``PipelineError``), the store is newer
    /// than this karta (``StoreError``) or the environment failed (``EnvironmentError``); data
    /// problems end in the result's exit status.
    public func run() throws -> RunResult {
        let started = Date()
        var stages: [RunManifest.StageTiming] = []
        func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
            let start = Date()
            defer { stages.append(.init(stage: stage, seconds: Self.seconds(since: start))) }
            return try body()
        }

        let root = PipelineRoot(pipeline.root)
        let configuration = try timed("configure") { try RunConfiguration(pipeline: pipeline) }
        let dryRunFolder =
            options.dryRun
            ? FileManager.default.temporaryDirectory
                .appendingPathComponent("karta-dry-run-\(getpid())-\(UUID().uuidString.prefix(8))") : nil
        defer { if let dryRunFolder { try? FileManager.default.removeItem(at: dryRunFolder) } }
        let opened =
            if let dryRunFolder {
                try WritableStore.dryRun(
                    at: dryRunFolder.appendingPathComponent("karta.sqlite").path, real: pipeline.storeAddress,
                    wait: options.waitSeconds, command: options.command)
            } else {
                try WritableStore.open(
                    pipeline.storeAddress, wait: options.waitSeconds, command: options.command)
            }
        defer { opened.close() }
        let store = opened.store

        let discovered = try timed("discover") { try discoverFiles(root: root, logger: self.logger) }
        CrashPoint.reach(.afterDiscover)

        for id in try store.markInterruptedRuns() {
            logger.warning("run \(id) did not finish (killed or crashed): marked interrupted")
        }
        let keptPaths = Set(discovered.files.map { PathMask.mask(root.relative($0.url.path)) })
        let vanished = try store.sourceSummaries().map(\.path).filter {
            !keptPaths.contains($0) && !keptPaths.contains(root.relative($0))
        }
        let storedCount = try store.sourceSummaries().count
        let pipelinePath = PathMask.mask(root.relative(pipeline.file.path))
        let runID = try store.startRun(
            command: options.command, pipelinePath: pipelinePath, pipelineSHA256: pipeline.fileSHA256)
        opened.record(runID: runID)
        var logger = self.logger
        logger[metadataKey: "run.id"] = "\(runID)"
        logger.info("run started", metadata: ["pipeline": "\(pipeline.name)"])

        var thresholds = RunManifest.ThresholdReport(
            maxRejectedPercent: pipeline.thresholds.maxRejectedPercent,
            failOnRefused: pipeline.thresholds.failOnRefused,
            maxRejectedRows: pipeline.thresholds.maxRejectedRows,
            maxRemovedPercent: pipeline.thresholds.maxRemovedPercent, breaches: [])
        func manifest(
            outcome: String, exit: ExitStatus, inputs: [SourceReport], removed: [String],
            draftID: String?, outputs: [RunManifest.OutputFile]
        ) -> RunManifest {
            var manifest = RunManifest(
                runID: runID, kartaVersion: kartaVersion, command: options.command,
                pipeline: .init(path: pipelinePath, name: pipeline.name, sha256: pipeline.fileSHA256),
                startedAt: Self.timestamp(started), finishedAt: nil, durationSeconds: nil, outcome: outcome,
                exitStatus: exit.rawValue, dryRun: options.dryRun, fullRefresh: options.fullRefresh,
                inputs: inputs, removedSources: removed,
                skippedEntries: discovered.skipped.map { .init(path: $0.0, reason: $0.1) },
                stages: stages, thresholds: thresholds, draftID: draftID, outputs: outputs)
            manifest.finishedAt = Self.timestamp(Date())
            manifest.durationSeconds = Self.seconds(since: started)
            return manifest
        }

        // Vanishing inputs: a run that would remove too many stored sources changes nothing.
        if storedCount > 0, !vanished.isEmpty, !options.allowRemovals {
            let percent = Double(vanished.count) * 100 / Double(storedCount)
            if percent > pipeline.thresholds.maxRemovedPercent {
                thresholds.breaches = [
                    String(
                        format:
                            "the run would remove %d of the %d stored sources (%.1f%% > %g%% max_removed_percent); "
                            + "nothing was changed: check the sources, or pass --allow-removals",
                        vanished.count, storedCount, percent, pipeline.thresholds.maxRemovedPercent)
                ]
                let stopped = manifest(
                    outcome: RunOutcome.removalsRefused.rawValue, exit: .dataProblems, inputs: [],
                    removed: [], draftID: nil,
                    outputs: [])
                logger.error("\(thresholds.breaches[0])")
                try store.finishRun(
                    id: runID, outcome: stopped.outcome, exitStatus: stopped.exitStatus,
                    manifestJSON: String(decoding: try stopped.encoded(), as: UTF8.self))
                return RunResult(manifest: stopped, exitStatus: .dataProblems, manifestPath: nil)
            }
        }

        var publisher = OutputPublisher(folder: pipeline.outputs.folder)
        publisher.protectedNames = Set(
            ["", "-wal", "-shm", ".lock"].map { pipeline.store.lastPathComponent + $0 })
        if !options.dryRun { try timed("clean") { try publisher.removeLeftovers() } }

        var inputs: [SourceReport] = []
        var staged: OutputPublisher.Staged?
        var final: RunManifest?
        try store.inRunTransaction {
            try store.rebaseSourcePaths(root: root.logical)
            if root.real != root.logical { try store.rebaseSourcePaths(root: root.real) }
            try timed("ingest") {
                for (index, file) in discovered.files.enumerated() {
                    let report = try ingest(
                        file, root: root, configuration: configuration, store: store, runID: runID,
                        logger: logger)
                    if let failure = report.environmentFailure {
                        throw EnvironmentError(path: store.location, reason: failure)
                    }
                    inputs.append(report)
                    if index == 0 { CrashPoint.reach(.afterFirstFile) }
                    CrashPoint.reach(.afterFile)
                }
            }
            let removed = try timed("prune") { () throws -> [String] in
                try store.removeSources(paths: vanished)
                for path in vanished {
                    logger.info(
                        "removed from the store: the file is gone", metadata: ["file.path": "\(path)"])
                }
                return vanished
            }
            CrashPoint.reach(.afterPrune)

            let draft = try timed("aggregate") {
                // The published draft carries no record ids: at national scale they would make
                // every output (and the memory to write it) grow with the records. `karta explain`
                // and records.csv give the lineage.
                try MapDraftBuilder(
                    store: store, criteria: configuration.criteria,
                    options: AggregationOptions(includeLineage: false), standards: configuration.standards,
                    indicators: configuration.indicators
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
                try store.recordCriteria(runID: runID, configuration.criteriaRecord)
                staged = try timed("emit") {
                    try publisher.stage(version: runID.replacingOccurrences(of: ":", with: "")) { folder in
                        try writeOutputs(draft: draft, store: store, configuration: configuration, to: folder)
                    }
                }
            }

            thresholds.breaches = ThresholdCheck.breaches(inputs: inputs, thresholds: pipeline.thresholds)
            let refused = inputs.contains { $0.status == .refused }
            let exitStatus: ExitStatus =
                refused ? .inputRefused : (thresholds.breaches.isEmpty ? .success : .dataProblems)
            let outcome = RunOutcome(finishedWith: exitStatus).rawValue
            for breach in thresholds.breaches { logger.warning("threshold exceeded: \(breach)") }
            let outputFolder = root.relative(pipeline.outputs.folder.path)
            let outputs = (staged?.files ?? []).map {
                RunManifest.OutputFile(
                    path: outputFolder == pipeline.outputs.folder.path
                        ? $0.name : (outputFolder as NSString).appendingPathComponent($0.name),
                    sha256: $0.sha256, bytes: $0.bytes)
            }
            let result = manifest(
                outcome: outcome, exit: exitStatus, inputs: inputs, removed: removed,
                draftID: draft.metadata.draftID, outputs: outputs)
            let data = try result.encoded()
            if let staged {
                try AtomicFile.write(data, to: staged.folder.appendingPathComponent("run.json"))
                CrashPoint.reach(.afterStage)
            }
            try store.finishRun(
                id: runID, outcome: outcome, exitStatus: exitStatus.rawValue,
                manifestJSON: String(decoding: data, as: UTF8.self))
            final = result
        }
        CrashPoint.reach(.afterCommit)
        guard let manifest = final else {
            throw EnvironmentError(path: store.location, reason: "no manifest")
        }
        var manifestPath: String?
        if let staged {
            try timed("publish") { try publisher.publish(staged) }
            manifestPath = pipeline.outputs.folder.appendingPathComponent("run.json").path
        }
        let loaded = inputs.map(\.loaded).reduce(0, +)
        let rejected = inputs.map(\.rejected).reduce(0, +)
        let exitStatus = ExitStatus(rawValue: manifest.exitStatus) ?? .internalError
        let summary: Logger.Metadata = [
            "files": .stringConvertible(inputs.count), "rows.loaded": .stringConvertible(loaded),
            "rows.rejected": .stringConvertible(rejected),
            "outputs": .stringConvertible(manifest.outputs.count),
            "exit.status": .stringConvertible(manifest.exitStatus),
        ]
        let sentence: Logger.Message = """
            \(options.dryRun ? "dry run finished, nothing written" : "run finished"): \(manifest.outcome) — \
            \(inputs.count) files, \(loaded) records loaded, \(rejected) rows rejected, \
            \(manifest.outputs.count) outputs
            """
        if exitStatus == .success {
            logger.info(sentence, metadata: summary)
        } else {
            logger.warning(sentence, metadata: summary)
        }
        return RunResult(manifest: manifest, exitStatus: exitStatus, manifestPath: manifestPath)
    }

    /// The files of every source, each checked against the root. A source entry that matches
    /// no file is a configuration error (exit 2) unless it is `optional`.
    private func discoverFiles(root: PipelineRoot, logger: Logger) throws -> (
        files: [DiscoveredFile], skipped: [(String, String)]
    ) {
        var files: [DiscoveredFile] = []
        var skipped: [(String, String)] = []
        var seen = Set<String>()
        var issues: [PipelineIssue] = []
        for spec in pipeline.sources {
            let found = try spec.files()
            if found.files.isEmpty && !spec.optional {
                let written = PathMask.mask(root.relative(spec.path.path))
                issues.append(
                    PipelineIssue(
                        path: PathMask.mask(root.relative(pipeline.file.path)), line: spec.line, column: nil,
                        message:
                            "source \(written)\(spec.glob.map { " glob \"\($0)\"" } ?? "") matches no file; "
                            + "fix the path or glob, or mark the source 'optional: true'"))
            }
            for url in found.files where seen.insert(url.standardizedFileURL.path).inserted {
                let real = PipelineRoot.realPath(url.path) ?? url.path
                var file = DiscoveredFile(url: url, spec: spec, realPath: real, refusal: nil)
                if !root.contains(realPath: real) {
                    file.refusal =
                        "leaves the pipeline's root through a symbolic link or '..'; refused, nothing of it was read"
                }
                files.append(file)
            }
            skipped += found.skipped.map { (PathMask.mask(root.relative($0.0.path)), $0.1) }
        }
        if !issues.isEmpty { throw PipelineError(issues: issues) }
        for (path, reason) in skipped {
            logger.warning("skipped \(path): \(reason)", metadata: ["file.path": "\(path)"])
        }
        return (files, skipped)
    }

    private func ingest(
        _ file: DiscoveredFile, root: PipelineRoot, configuration: RunConfiguration, store: any StoreWriting,
        runID: String,
        logger: Logger
    ) throws -> SourceReport {
        let spec = file.spec
        let storedAs = PathMask.mask(root.relative(file.url.path))
        if let refusal = file.refusal {
            logger.error("refused: \(storedAs): \(refusal)", metadata: ["file.path": "\(storedAs)"])
            return .refused(path: storedAs, kind: spec.kind, error: "\(storedAs): \(refusal)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file.realPath)[.size] as? Int64) ?? 0
        progress.begin(path: storedAs, totalBytes: size)
        let options = IngestOptions(
            kind: spec.kind, encoding: spec.encoding, delimiter: spec.delimiter, headerLine: spec.headerLine,
            mapping: configuration.mapping(for: spec), dictionary: configuration.dictionary,
            reportingPeriod: pipeline.period.map { $0.from...$0.to }, reloadUnchanged: options.fullRefresh)
        defer { progress.end() }
        return try SourceIngestion.ingest(
            path: file.realPath, storedAs: storedAs, options: options, store: store, runID: runID,
            open: SourceIngestion.openWithReaders, logger: logger
        ) { bytes, rows in progress.advance(bytes: bytes, rows: rows) }
    }

    private func writeOutputs(
        draft: MapDraft, store: any StoreReading, configuration: RunConfiguration, to folder: URL
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
        if pipeline.outputs.formats.contains("plans"),
            let year = pipeline.outputs.plansYear(period: pipeline.period)
        {
            let plans = try MunicipalPlan.municipalitiesWithData(draft).map {
                try MunicipalPlan(draft: draft, store: store, municipality: $0, year: year)
            }
            try PlanWriter.writeAll(
                plans, to: folder.appendingPathComponent("plans", isDirectory: true),
                csvDialect: pipeline.outputs.plainCSV ? .plain : .excel)
        }
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
