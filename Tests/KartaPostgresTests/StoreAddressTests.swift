import KartaStore
import Testing

@Suite("A store is named by a path or a PostgreSQL URL")
struct StoreAddressTests {
    @Test("a path is a SQLite store")
    func pathIsSQLite() throws {
        #expect(try StoreAddress(parsing: "out/karta.sqlite") == .sqlite(path: "out/karta.sqlite"))
    }

    @Test("a postgresql URL gives user, host, port, database and sslmode")
    func urlParts() throws {
        let address = try StoreAddress(parsing: "postgresql://karta_run@db.asp.local:6432/karta?sslmode=verify-full")
        #expect(
            address
                == .postgres(
                    PostgresAddress(user: "karta_run", host: "db.asp.local", port: 6432, database: "karta", tls: .verifyFull)))
    }

    @Test("the port defaults to 5432 and sslmode to prefer, as libpq's do")
    func defaults() throws {
        let address = try PostgresAddress(url: "postgres://analyst@10.0.0.5/karta")
        #expect(address.port == 5432)
        #expect(address.tls == .prefer)
    }

    @Test("a URL that carries a password is refused, and the message does not repeat it")
    func passwordRefused() {
        for url in ["postgresql://karta:s3cret@db/karta", "postgresql://karta@db/karta?password=s3cret"] {
            do {
                _ = try StoreAddress(parsing: url)
                Issue.record("accepted \(url)")
            } catch {
                guard case .passwordInURL = error else { Issue.record("wrong error \(error)"); continue }
                #expect(!error.description.contains("s3cret"))
                #expect(error.description.contains("PGPASSWORD"))
            }
        }
    }

    @Test("a URL without user or database, or with an unknown sslmode, is malformed")
    func malformed() {
        for url in ["postgresql://db/karta", "postgresql://karta@db", "postgresql://karta@db/karta?sslmode=maybe"] {
            #expect(throws: StoreAddressError.self) { try StoreAddress(parsing: url) }
        }
    }
}
