/// The exit status of a karta command, the contract a scheduler acts on (README.md and
/// docs/cron.md list them).
public enum ExitStatus: Int32, Sendable, Codable, CaseIterable {
    case success = 0
    /// Finished, but data problems exceeded the pipeline's thresholds.
    case dataProblems = 1
    /// Invalid usage, configuration or pipeline file.
    case invalidUsage = 2
    /// Another run holds the store's lock.
    case locked = 3
    /// An input could not be read or parsed as a whole.
    case inputRefused = 4
    /// An internal error (a bug).
    case internalError = 70
    /// The environment failed: disk full, read-only folder, permissions, unreadable store (EX_IOERR).
    case environment = 74

    /// What the status means, for `docs/cron.md` and `--help`.
    public var meaning: String {
        switch self {
        case .success: "success"
        case .dataProblems: "finished, but data problems exceeded the pipeline's thresholds"
        case .invalidUsage: "invalid usage, configuration or pipeline file"
        case .locked: "another run holds the lock"
        case .inputRefused: "an input file could not be read or parsed as a whole"
        case .internalError: "internal error (a bug)"
        case .environment: "the environment failed: disk full, read-only folder, permissions, unreadable store"
        }
    }
}
