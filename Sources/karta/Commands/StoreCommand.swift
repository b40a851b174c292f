import ArgumentParser
import Foundation
import KartaModel
import KartaPipeline
import KartaPostgres
import KartaStore

/// `karta store`: moving a store between SQLite and PostgreSQL, and checking one.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Copy a store between SQLite and PostgreSQL, or check one.",
        discussion: """
            A store is a SQLite file path or postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=…]; the \
            password comes from PGPASSWORD, PGPASSFILE or ~/.pgpass, never from the URL. See \
            docs/deployment.md.
            """,
        subcommands: [StoreCopyCommand.self, StoreCheckCommand.self])
}

struct StoreCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy every table of one store into another, checked by row counts and SHA-256.",
        discussion: """
            The destination changes in one transaction, under its writers' lock: all tables or \
            nothing. A destination that holds rows is refused unless --replace. Before the commit \
            each table's row count and content digest (SHA-256 of its rows in primary-key order) \
            are compared with the source's; any difference, error or lost connection leaves the \
            destination as it was.

            Exit status: 0 copied · 2 usage, destination not empty, a newer store · 3 the \
            destination is locked · 74 a store cannot be reached or read · 75 the connection was \
            lost · 76 TLS failed · 77 the server refused the login · 66 no such database.

            Examples:
              karta store copy out/karta.sqlite postgresql://karta_run@db.asp.local/karta
              karta store copy postgresql://analyst@db.asp.local/karta copy.sqlite --json
            """)

    @Argument(help: "The store to copy (a SQLite path or a postgresql:// URL).")
    var source: String

    @Argument(help: "The store to copy into; a SQLite file is created if missing.")
    var destination: String

    @Flag(help: "Replace the rows the destination holds.")
    var replace = false

    @Option(help: "Wait up to SECONDS for the destination's writers' lock.")
    var wait: Double = 0

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        do {
            let from = try OpenedStore.open(try StoreAddress(parsing: source), writing: false)
            defer { from.close() }
            let to = try OpenedStore.open(try StoreAddress(parsing: destination), writing: true, wait: wait)
            var copied = false
            defer { to.close(keepingNewFile: copied) }
            let report = try StoreCopy.copy(from: from.store, to: to.store, replace: replace)
            copied = true
            if json {
                try printJSON(report, schema: .storeCopy)
                return
            }
            print("copied \(report.source) → \(report.destination) (schema \(report.storeSchemaVersion))")
            printDigests(report.tables)
        } catch {
            throw CommandFailure.report(error)
        }
    }
}

struct StoreCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Connect to a store, check its schema version, and report its tables.",
        discussion: """
            Read-only: takes no lock and writes nothing (on PostgreSQL one REPEATABLE READ READ ONLY \
            transaction, so a run writing meanwhile is seen as before or after, never half-way). \
            A store at another schema version than this karta's is refused (exit 2).

            Examples:
              karta store check postgresql://analyst@db.asp.local/karta?sslmode=verify-full
              karta store check out/karta.sqlite --json
            """)

    @Argument(help: "The store (a SQLite path or a postgresql:// URL).")
    var store: String

    @Flag(help: "Print JSON.")
    var json = false

    /// What `store check` reports.
    struct Report: Encodable {
        var store: String
        var storeSchemaVersion: Int
        var supportedSchemaVersion: Int
        var tables: [StoreTableDigest]

        enum CodingKeys: String, CodingKey {
            case store, tables
            case storeSchemaVersion = "store_schema_version"
            case supportedSchemaVersion = "supported_schema_version"
        }
    }

    func run() throws {
        do {
            let opened = try OpenedStore.open(try StoreAddress(parsing: store), writing: false)
            defer { opened.close() }
            let report = Report(
                store: opened.store.location, storeSchemaVersion: try opened.store.schemaVersion(),
                supportedSchemaVersion: Store.schemaVersion,
                tables: try opened.store.readTables().map(\.digest))
            if json {
                try printJSON(report, schema: .storeCheck)
                return
            }
            print(
                "store \(report.store): schema version \(report.storeSchemaVersion) (this karta: \(report.supportedSchemaVersion))"
            )
            printDigests(report.tables)
        } catch {
            throw CommandFailure.report(error)
        }
    }
}

/// Prints one line per table: name, rows, SHA-256.
private func printDigests(_ tables: [StoreTableDigest]) {
    printTable(
        header: ["table", "rows", "sha256"],
        rows: tables.map { [$0.table, String($0.rows), $0.sha256] })
}

/// A store opened by `karta store`, SQLite or PostgreSQL, with what closing it takes.
private struct OpenedStore {
    let store: any TableStore
    /// Closes the store: frees its lock and ends its connection.
    private let closing: () -> Void
    /// Removes a SQLite file this command created, when the copy into it failed.
    private let removeNewFile: (() -> Void)?

    static func open(_ address: StoreAddress, writing: Bool, wait: Double = 0) throws -> OpenedStore {
        switch address {
        case .sqlite(let path):
            guard writing else {
                let store = try StoreFileOption.openExisting(path: path)
                return OpenedStore(store: store, closing: {}, removeNewFile: nil)
            }
            let existed = FileManager.default.fileExists(atPath: path)
            let lock = try RunLock(
                storePath: path, wait: wait, runID: "store copy", command: "karta store copy")
            do {
                let store = try Store(path: path)
                let remove: (() -> Void)? =
                    existed
                    ? nil
                    : {
                        for suffix in ["", "-wal", "-shm"] {
                            try? FileManager.default.removeItem(atPath: path + suffix)
                        }
                    }
                return OpenedStore(store: store, closing: { lock.release() }, removeNewFile: remove)
            } catch {
                lock.release()
                throw error
            }
        case .postgres(let postgres):
            let store = try PostgresStore(
                address: postgres, access: writing ? .readWrite : .readOnly,
                applicationName: writing ? "karta store copy" : "karta store (reading)", wait: wait)
            return OpenedStore(store: store, closing: { store.close() }, removeNewFile: nil)
        }
    }

    func close(keepingNewFile keep: Bool = true) {
        closing()
        if !keep, let removeNewFile { removeNewFile() }
    }
}
