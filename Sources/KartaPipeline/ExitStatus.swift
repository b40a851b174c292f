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
    /// A PostgreSQL store's database does not exist on its server (EX_NOINPUT).
    case storeDatabaseMissing = 66
    /// An internal error (a bug).
    case internalError = 70
    /// The environment failed: disk full, read-only folder, permissions, unreadable store, a
    /// PostgreSQL server that cannot be reached (EX_IOERR).
    case environment = 74
    /// The connection to a PostgreSQL store was lost during the command; nothing was kept
    /// (EX_TEMPFAIL: run again).
    case storeConnectionLost = 75
    /// TLS with a PostgreSQL store failed: required but refused, or the certificate not trusted
    /// (EX_PROTOCOL).
    case storeTLSFailed = 76
    /// The PostgreSQL server refused the login (wrong or missing password, unknown role,
    /// pg_hba.conf) or the role lacks a privilege the command needs (EX_NOPERM).
    case storeLoginRefused = 77

    /// What the status means, for `docs/cron.md` and `--help`.
    public var meaning: String {
        switch self {
        case .success: "success"
        case .dataProblems: "finished, but data problems exceeded the pipeline's thresholds"
        case .invalidUsage: "invalid usage, configuration or pipeline file"
        case .locked: "another run holds the lock"
        case .inputRefused: "an input file could not be read or parsed as a whole"
        case .storeDatabaseMissing: "the PostgreSQL store's database does not exist"
        case .internalError: "internal error (a bug)"
        case .environment:
            "the environment failed: disk full, read-only folder, permissions, unreadable or unreachable store"
        case .storeConnectionLost: "the connection to the PostgreSQL store was lost; nothing was kept"
        case .storeTLSFailed: "TLS with the PostgreSQL store failed (sslmode)"
        case .storeLoginRefused: "the PostgreSQL server refused the login or a privilege (password, role, pg_hba.conf, GRANTs)"
        }
    }
}
