import Foundation
import KartaStore
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to a PostgreSQL store, used synchronously by karta's stages.
///
/// karta's stages are plain sequential code; postgres-nio is asynchronous. Each call here waits
/// for its future on the calling thread (never on an event loop), and every wait is bounded: the
/// server ends a statement after ``statementTimeout`` (`SET statement_timeout`), and a wait that
/// outlives it by ``grace`` closes the connection, so a silent network never hangs a run. Call it
/// from a thread of its own, never from a Swift concurrency task (a blocked cooperative thread
/// starves the pool). One session per command: a run needs one connection, not a pool.
public final class PostgresSession: Sendable {
    public let address: PostgresAddress
    /// How long the server lets one statement run.
    public let statementTimeout: TimeInterval
    /// How much longer than ``statementTimeout`` karta waits for an answer before giving up on
    /// the connection.
    public static let grace: TimeInterval = 5
    private let connection: PostgresConnection
    private static let logger = Logger(label: "karta.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(address: PostgresAddress, connection: PostgresConnection, statementTimeout: TimeInterval) {
        self.address = address
        self.connection = connection
        self.statementTimeout = statementTimeout
    }

    /// Connects as `address.user`, with the password from ``PostgresPassword``. The
    /// `applicationName` appears in `pg_stat_activity`, which is how a locked-out run names the
    /// holder of the store's lock. `timeout` bounds the TCP connect and the login.
    public static func connect(
        to address: PostgresAddress, applicationName: String = "karta",
        password: PostgresPassword = PostgresPassword(), timeout: TimeInterval = 10,
        statementTimeout: TimeInterval = 600
    ) throws(PostgresStoreError) -> PostgresSession {
        let tls = try tls(for: address)
        let secret = try password.lookup(for: address)
        let connection: PostgresConnection
        do {
            // The host is resolved and the socket connected here, on the calling thread: NIO's own
            // resolver runs getaddrinfo on Dispatch's global queue.
            let socketAddress = try SocketAddress.makeAddressResolvingHost(address.host, port: address.port)
            let channel = try BoundedWait.result(
                of: ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .connectTimeout(.milliseconds(Int64(timeout * 1000)))
                    .connect(to: socketAddress),
                within: timeout + grace)
            var configuration = PostgresConnection.Configuration(
                establishedChannel: channel, tls: tls, username: address.user, password: secret,
                database: address.database)
            if (try? SocketAddress(ipAddress: address.host, port: address.port)) == nil {
                configuration.options.tlsServerName = address.host  // a name, not an IP literal
            }
            configuration.options.additionalStartupParameters = [("application_name", applicationName)]
            let connecting = PostgresConnection.connect(
                on: channel.eventLoop, configuration: configuration, id: 1, logger: logger)
            connecting.whenFailure { _ in channel.close(promise: nil) }
            do {
                connection = try BoundedWait.result(of: connecting, within: timeout)
            } catch let error as BoundedWait.TimedOut {
                channel.close(promise: nil)
                throw error
            }
        } catch let error as BoundedWait.TimedOut {
            throw .unreachable(address, reason: "no answer within \(Int(error.seconds)) s")
        } catch {
            throw classify(error, address: address, connecting: true)
        }
        let session = PostgresSession(
            address: address, connection: connection, statementTimeout: statementTimeout)
        do {
            try session.execute(
                PostgresQuery(unsafeSQL: "SET statement_timeout = \(Int(statementTimeout * 1000))"))
        } catch {
            session.close()
            throw error
        }
        return session
    }

    private static func tls(for address: PostgresAddress) throws(PostgresStoreError)
        -> PostgresConnection.Configuration.TLS
    {
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        switch address.tls {
        case .disable:
            return .disable
        case .prefer, .require:
            // libpq's prefer and require encrypt without checking the certificate.
            tlsConfiguration.certificateVerification = .none
        case .verifyFull:
            tlsConfiguration.certificateVerification = .fullVerification
        }
        do {
            let context = try NIOSSLContext(configuration: tlsConfiguration)
            return address.tls == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw .tlsFailed(address, reason: "\(error)")
        }
    }

    /// Runs statements that return no rows (several may be separated by semicolons only when
    /// they carry no parameters).
    public func execute(_ query: PostgresQuery) throws(PostgresStoreError) {
        _ = try rows(query)
    }

    /// Runs a query and returns all its rows.
    public func rows(_ query: PostgresQuery) throws(PostgresStoreError) -> [PostgresRow] {
        do {
            return Array(try wait(connection.query(query, logger: Self.logger)))
        } catch {
            throw Self.classify(error, address: address, connecting: false)
        }
    }

    /// Runs a query and hands each row to `body` as it arrives, in order.
    public func forEachRow(
        _ query: PostgresQuery, _ body: @escaping @Sendable (PostgresRow) throws -> Void
    ) throws(PostgresStoreError) {
        do {
            _ = try wait(connection.query(query, logger: Self.logger, body))
        } catch {
            throw Self.classify(error, address: address, connecting: false)
        }
    }

    /// How a transaction sees other sessions' changes.
    public enum Isolation: String, Sendable {
        case readCommitted = "READ COMMITTED"
        /// One snapshot for the whole transaction: a reader never sees a run half-applied.
        case repeatableRead = "REPEATABLE READ"
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws or
    /// the connection dies first. A read-only transaction takes no write lock.
    public func transaction<T>(
        _ isolation: Isolation = .readCommitted, readOnly: Bool = false, _ body: () throws -> T
    ) throws -> T {
        try execute(
            PostgresQuery(
                unsafeSQL: "BEGIN ISOLATION LEVEL \(isolation.rawValue)\(readOnly ? " READ ONLY" : "")"))
        let result: T
        do {
            result = try body()
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
        try execute("COMMIT")
        return result
    }

    /// A session nobody closed (a reading command that simply ends) closes on the way out:
    /// postgres-nio requires every connection to be closed before it goes.
    deinit { close() }

    /// Closes the connection; the server rolls back an open transaction.
    public func close() {
        _ = try? BoundedWait.result(of: connection.close(), within: Self.grace)
    }

    /// Waits for a statement's answer, at most ``statementTimeout`` and ``grace``; past that the
    /// connection is closed (the server then rolls back) and the wait fails as a lost connection,
    /// as it does at once when the connection closes first.
    private func wait<T>(_ future: EventLoopFuture<T>) throws -> T {
        do {
            return try BoundedWait.result(
                of: future, within: statementTimeout + Self.grace, closed: connection.closeFuture)
        } catch is BoundedWait.Closed {
            throw PostgresStoreError.connectionLost(address, reason: "the server closed the connection")
        } catch let error as BoundedWait.TimedOut {
            let _: EventLoopFuture<Void> = connection.close()
            throw PostgresStoreError.connectionLost(
                address, reason: "no answer within \(Int(error.seconds)) s")
        }
    }

    /// The one line a person reads, from postgres-nio's error.
    static func classify(_ error: any Error, address: PostgresAddress, connecting: Bool) -> PostgresStoreError
    {
        if let error = error as? PostgresStoreError { return error }
        guard let error = error as? PSQLError else {
            return connecting
                ? .unreachable(address, reason: reason(error))
                : .connectionLost(address, reason: reason(error))
        }
        if let sqlState = error.serverInfo?[.sqlState] {
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            switch sqlState {
            case "28P01", "28000": return .authenticationFailed(address, reason: message)
            case "3D000": return .databaseMissing(address)
            case "42501", "25006": return .permissionDenied(address, reason: message)
            case "57P01", "57P02", "57P03":
                return connecting
                    ? .unreachable(address, reason: message) : .connectionLost(address, reason: message)
            default: return .statementFailed(sqlState: sqlState, message: message)
            }
        }
        switch error.code {
        case .authMechanismRequiresPassword:
            return .authenticationFailed(
                address, reason: "the server asks for a password and none is configured")
        case .sslUnsupported:
            return .tlsFailed(
                address, reason: "the server does not offer TLS (sslmode=\(address.tls.rawValue))")
        case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return .tlsFailed(address, reason: error.underlying.map(reason) ?? "\(error.code)")
        default:
            let detail = error.underlying.map(reason) ?? "\(error.code)"
            return connecting
                ? .unreachable(address, reason: detail) : .connectionLost(address, reason: detail)
        }
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        return "\(error)"
    }
}
