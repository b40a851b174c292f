import Foundation
import KartaModel
import KartaStore
import Logging

/// `karta ingest` as a library call: one run in the store, every file ingested in turn.
public enum IngestRun {
    /// Takes the store's lock (the one `karta run` takes: ``RunLock/Held`` when another writer
    /// has it), opens (or creates) the store, records a run, ingests every file (`open` is
    /// normally ``SourceIngestion/openWithReaders(_:)``) in one transaction and finishes the
    /// run. Throws only when the store itself cannot be used.
    public static func ingest(
        files: [String], options: IngestOptions, store address: StoreAddress, command: String,
        open: RawSourceOpener, logger: Logger? = nil, wait: TimeInterval = 0
    ) throws -> [SourceReport] {
        let opened = try WritableStore.open(address, wait: wait, command: command)
        defer { opened.close() }
        let store = opened.store
        for id in try store.markInterruptedRuns() {
            logger?.warning("run \(id) did not finish (killed or crashed): marked interrupted")
        }
        let runID = try store.startRun(command: command)
        opened.record(runID: runID)
        let reports = try store.inRunTransaction {
            var reports: [SourceReport] = []
            for path in files {
                let report = try SourceIngestion.ingest(
                    path: path, options: options, store: store, runID: runID, open: open, logger: logger)
                if let failure = report.environmentFailure {
                    throw EnvironmentError(path: store.location, reason: failure)
                }
                reports.append(report)
            }
            let exit: ExitStatus = reports.contains { $0.status == .refused } ? .inputRefused : .success
            try store.finishRun(
                id: runID, outcome: RunOutcome(finishedWith: exit).rawValue, exitStatus: exit.rawValue,
                manifestJSON: nil)
            return reports
        }
        return reports
    }
}
