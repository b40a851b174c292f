import KartaStore

/// Why a PostgreSQL store could not be used: one line a person can act on, and the exit status
/// a scheduler acts on (docs/deployment.md lists them).
public enum PostgresStoreError: Error, Sendable, CustomStringConvertible {
    /// Nothing answered at the address: host unknown, port closed, network down, timeout.
    case unreachable(PostgresAddress, reason: String)
    /// The server refused the user's password (or no password was configured).
    case authenticationFailed(PostgresAddress, reason: String)
    /// The server has no such database.
    case databaseMissing(PostgresAddress)
    /// The server requires or refuses TLS against the URL's `sslmode`.
    case tlsFailed(PostgresAddress, reason: String)
    /// The connection broke after it was made (server restarted, network cut, session killed).
    case connectionLost(PostgresAddress, reason: String)
    /// The role may not do what the command needs (a read-only role asked to write).
    case permissionDenied(PostgresAddress, reason: String)
    /// The password file is readable by others; libpq ignores such a file, and so does karta.
    case passwordFileTooOpen(path: String)
    /// The server answered a statement with an error.
    case statementFailed(sqlState: String, message: String)

    public var description: String {
        switch self {
        case .unreachable(let address, let reason):
            "store \(address): cannot reach \(address.host):\(address.port): \(reason)"
        case .authenticationFailed(let address, let reason):
            "store \(address): the server refused user \"\(address.user)\": \(reason) (the password comes from PGPASSWORD or ~/.pgpass)"
        case .databaseMissing(let address):
            "store \(address): database \"\(address.database)\" does not exist on \(address.host):\(address.port) (docs/deployment.md: creating the database)"
        case .tlsFailed(let address, let reason):
            "store \(address): TLS failed: \(reason)"
        case .connectionLost(let address, let reason):
            "store \(address): the connection was lost: \(reason); nothing of this run was kept"
        case .permissionDenied(let address, let reason):
            "store \(address): user \"\(address.user)\" may not do this: \(reason) (docs/deployment.md: roles)"
        case .passwordFileTooOpen(let path):
            "\(path) is readable by other users; make it private (chmod 600) or set PGPASSWORD"
        case .statementFailed(let sqlState, let message):
            "store: the database refused a statement (SQLSTATE \(sqlState)): \(message)"
        }
    }
}
