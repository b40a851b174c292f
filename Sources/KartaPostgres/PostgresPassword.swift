import Foundation
import KartaStore

/// The password for a PostgreSQL address, found the way libpq finds it: `PGPASSWORD`, else the
/// first matching line of the password file (`PGPASSFILE`, else `~/.pgpass`).
///
/// A password file that others can read is ignored, as libpq ignores it, and the reason is given
/// so that a failed login is not a mystery.
public struct PostgresPassword: Sendable {
    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The password for `address`, or nil when none is configured (trust or peer authentication).
    public func lookup(for address: PostgresAddress) throws(PostgresStoreError) -> String? {
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let path = passwordFilePath
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let permissions = (attributes?[.posixPermissions] as? NSNumber)?.intValue, permissions & 0o077 != 0
        {
            throw .passwordFileTooOpen(path: path)
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Self.match(passwordFile: text, address: address)
    }

    var passwordFilePath: String {
        if let path = environment["PGPASSFILE"], !path.isEmpty { return path }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".pgpass")
    }

    /// The password of the first line whose host, port, database and user match (`*` matches all).
    static func match(passwordFile text: String, address: PostgresAddress) -> String? {
        let wanted = [address.host, String(address.port), address.database, address.user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = splitEscaped(line)
            guard fields.count == 5 else { continue }
            let matches = zip(fields.prefix(4), wanted).allSatisfy { field, value in
                field == "*" || field == value
            }
            if matches { return fields[4] }
        }
        return nil
    }

    /// Splits a password-file line on `:`, honouring `\:` and `\\`.
    static func splitEscaped(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
