import Foundation
import KartaStore
import Testing

@testable import KartaPostgres

@Suite("The password comes from PGPASSWORD or the password file, never from the URL")
struct PostgresPasswordTests {
    let address = PostgresAddress(user: "karta", host: "db.asp.local", port: 5432, database: "karta")

    @Test("PGPASSWORD wins over the file")
    func environmentFirst() throws {
        let password = PostgresPassword(environment: ["PGPASSWORD": "from-env", "PGPASSFILE": "/nonexistent"])
        #expect(try password.lookup(for: address) == "from-env")
    }

    @Test("the first matching line of the file, with wildcards and escaped colons")
    func passwordFileMatching() {
        let file = """
            # host:port:database:user:password
            other.host:5432:karta:karta:wrong
            db.asp.local:5432:*:analyst:not-this-user
            db.asp.local:*:karta:karta:pa\\:ss\\\\word
            *:*:*:*:fallback
            """
        #expect(PostgresPassword.match(passwordFile: file, address: address) == "pa:ss\\word")
        let elsewhere = PostgresAddress(user: "x", host: "y", database: "z")
        #expect(PostgresPassword.match(passwordFile: file, address: elsewhere) == "fallback")
    }

    @Test("a password file others can read is refused, as libpq refuses it")
    func openFileRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID())").path
        try "*:*:*:*:secret\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let password = PostgresPassword(environment: ["PGPASSFILE": path])
        #expect(throws: PostgresStoreError.self) { try password.lookup(for: address) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try password.lookup(for: address) == "secret")
    }
}
