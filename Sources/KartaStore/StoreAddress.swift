import Foundation

/// Where a store lives: an embedded SQLite file, or a shared PostgreSQL database named by URL.
///
/// `store:` in a pipeline, `--store` and `KARTA_STORE` take either form. A PostgreSQL URL never
/// carries a password: it comes from `PGPASSWORD` or `~/.pgpass`, so that pipeline files and shell
/// histories hold no secret.
public enum StoreAddress: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresAddress)

    /// Reads a `--store` value: `postgresql://…` or `postgres://…` is a database, anything else a
    /// file path.
    public init(parsing text: String) throws(StoreAddressError) {
        let lowered = text.lowercased()
        if lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://") {
            self = .postgres(try PostgresAddress(url: text))
        } else {
            self = .sqlite(path: text)
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let address): address.description
        }
    }
}

/// A PostgreSQL database as `postgresql://user@host:port/dbname?sslmode=…` names it.
public struct PostgresAddress: Sendable, Hashable, CustomStringConvertible {
    /// How the connection uses TLS, as libpq's `sslmode` names it.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        /// TLS with the server's certificate checked against the system's roots and its name.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode

    public init(user: String, host: String, port: Int = 5432, database: String, tls: TLSMode = .prefer) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.tls = tls
    }

    /// Parses a URL; refuses one that carries a password or lacks a user, host or database.
    public init(url text: String) throws(StoreAddressError) {
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw .malformed(text, reason: "expected postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=…]")
        }
        if components.password != nil {
            throw .passwordInURL(Self.redacted(text))
        }
        guard let user = components.user, !user.isEmpty else {
            throw .malformed(text, reason: "the URL names no user (postgresql://USER@HOST/DATABASE)")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw .malformed(text, reason: "the URL names no database (postgresql://USER@HOST/DATABASE)")
        }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    let known = TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw .malformed(text, reason: "sslmode must be one of \(known)")
                }
                tls = mode
            case "password":
                throw .passwordInURL(Self.redacted(text))
            default:
                throw .malformed(text, reason: "unknown parameter \"\(item.name)\" (karta knows sslmode)")
            }
        }
        self.init(
            user: user.removingPercentEncoding ?? user, host: host, port: components.port ?? 5432,
            database: database.removingPercentEncoding ?? database, tls: tls)
    }

    public var description: String {
        "postgresql://\(user)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)"
    }

    /// The URL with any password replaced, for messages.
    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return "postgresql://…" }
        if components.password != nil { components.password = "***" }
        components.queryItems = components.queryItems?.map {
            $0.name == "password" ? URLQueryItem(name: "password", value: "***") : $0
        }
        return components.string ?? "postgresql://…"
    }
}

/// A `--store` value karta cannot use.
public enum StoreAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String, reason: String)
    case passwordInURL(String)

    public var description: String {
        switch self {
        case .malformed(let text, let reason):
            "store \(PostgresAddress.redacted(text)): \(reason)"
        case .passwordInURL(let text):
            "store \(text): the URL carries a password; remove it and give it in PGPASSWORD or ~/.pgpass"
        }
    }
}
