import Foundation
import KartaModel

/// The machine-readable record of one run, written as `out/run.json` (in the spirit of dbt's
/// `run_results.json`) and kept in the store's `runs` table. The only output with timestamps.
public struct RunManifest: Codable, Sendable {
    public var runID: String
    public var kartaVersion: String
    public var command: String
    public var pipeline: PipelineInfo?
    public var startedAt: String
    public var finishedAt: String?
    public var durationSeconds: Double?
    /// `success`, `data_problems`, `input_refused`, `removals_refused`, `invalid`, `failed`.
    public var outcome: String
    public var exitStatus: Int32
    public var dryRun: Bool
    public var fullRefresh: Bool
    /// One entry per input file (``SourceReport``'s JSON form).
    public var inputs: [SourceReport]
    /// Sources that were in the store but no longer exist among the pipeline's files.
    public var removedSources: [String]
    /// Entries of source folders that are not readable regular files.
    public var skippedEntries: [SkippedEntry]
    public var stages: [StageTiming]
    public var thresholds: ThresholdReport
    /// The identity of the draft the run computed (`metadata.draftID` in `map-draft.json`).
    public var draftID: String?
    public var outputs: [OutputFile]

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", kartaVersion = "karta_version", command, pipeline
        case startedAt = "started_at", finishedAt = "finished_at", durationSeconds = "duration_seconds"
        case outcome, exitStatus = "exit_status", dryRun = "dry_run", fullRefresh = "full_refresh"
        case inputs, removedSources = "removed_sources", skippedEntries = "skipped_entries", stages
        case thresholds, draftID = "draft_id", outputs
    }

    public struct PipelineInfo: Codable, Sendable {
        public var path: String
        public var name: String
        public var sha256: String
    }

    public struct SkippedEntry: Codable, Sendable {
        public var path: String
        public var reason: String
    }

    public struct StageTiming: Codable, Sendable {
        public var stage: String
        public var seconds: Double
    }

    public struct ThresholdReport: Codable, Sendable {
        public var maxRejectedPercent: Double
        public var failOnRefused: Bool
        public var maxRejectedRows: Int?
        public var maxRemovedPercent: Double?
        /// Each threshold the run exceeded, as a sentence.
        public var breaches: [String]

        enum CodingKeys: String, CodingKey {
            case maxRejectedPercent = "max_rejected_percent", failOnRefused = "fail_on_refused"
            case maxRejectedRows = "max_rejected_rows", maxRemovedPercent = "max_removed_percent", breaches
        }
    }

    public struct OutputFile: Codable, Sendable {
        public var path: String
        public var sha256: String
        public var bytes: Int64
    }

    /// Pretty, key-sorted JSON with Cyrillic kept readable.
    public func encoded() throws -> Data {
        try KartaJSON.document(self, schema: .runManifest)
    }
}
