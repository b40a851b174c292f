import Foundation
import KartaModel
import KartaStore
import Logging

/// `karta ingest` as a library call: one run in the store, every file ingested in turn.
public enum IngestRun {
    /// Opens (or creates) the store, records a run, ingests every file (`open` is normally
    /// ``SourceIngestion/openWithReaders(_:)``) and finishes the run. Throws only when the store
    /// itself cannot be used.
    public static func ingest(
        files: [String], options: IngestOptions, storePath: String, command: String,
        open: RawSourceOpener, logger: Logger? = nil
    ) throws -> [SourceIngestionReport] {
        let store = try Store(path: storePath)
        let runID = try store.startRun(command: command)
        let reports = files.map { path in
            SourceIngestion.ingest(
                path: path, options: options, store: store, runID: runID, open: open,
                logger: logger)
        }
        let refused = reports.contains { $0.status == .refused }
        try store.finishRun(
            id: runID, outcome: refused ? "input_refused" : "success",
            exitStatus: refused ? ExitStatus.inputRefused.rawValue : ExitStatus.success.rawValue)
        return reports
    }
}
