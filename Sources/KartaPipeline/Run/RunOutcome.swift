/// How a run ended, as `run.json`'s `outcome` and the store's `runs.outcome` name it.
public enum RunOutcome: String, Sendable, Codable, CaseIterable {
    case success
    /// Finished, but data problems exceeded the pipeline's thresholds.
    case dataProblems = "data_problems"
    /// An input was refused as a whole.
    case inputRefused = "input_refused"
    /// The run would have removed too many stored sources and changed nothing.
    case removalsRefused = "removals_refused"
    case invalid
    case failed
    /// Started and never finished (killed, crashed), shown by `karta history`.
    case interrupted
    /// Started and still holding the store's lock, shown by `karta history`.
    case running

    /// The outcome of a finished run that exits with `status`.
    public init(finishedWith status: ExitStatus) {
        self =
            switch status {
            case .success: .success
            case .dataProblems: .dataProblems
            case .inputRefused: .inputRefused
            default: .failed
            }
    }
}
