import ArgumentParser
import Foundation
import KartaAggregate
import KartaModel
import KartaPipeline
import KartaPostgres
import KartaStore

/// `--store FILE|URL`: the store to read; `$KARTA_STORE`, else `karta.sqlite` in the current
/// folder. A `postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=…]` URL names a PostgreSQL store.
struct StoreFileOption: ParsableArguments {
    @Option(
        name: .customLong("store"),
        help: "The store: a SQLite file or a postgresql:// URL (default: $KARTA_STORE, else karta.sqlite).")
    var path: String?

    var resolvedPath: String {
        path ?? ProcessInfo.processInfo.environment["KARTA_STORE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "karta.sqlite"
    }

    /// The store named, file or database.
    func address() throws(StoreAddressError) -> StoreAddress { try StoreAddress(parsing: resolvedPath) }

    /// Opens an existing store for reading; a missing file is a usage error, never silently
    /// created. A store from an older karta is upgraded first, under the writers' lock.
    func openExisting() throws -> any StoreReading { try Self.openExisting(try address()) }

    /// ``openExisting()`` for a store named another way.
    static func openExisting(_ address: StoreAddress) throws -> any StoreReading {
        switch address {
        case .sqlite(let path):
            return try openExisting(path: path)
        case .postgres(let postgres):
            do {
                return try PostgresStore(
                    address: postgres, access: .readOnly, applicationName: "karta (reader)")
            } catch StoreError.needsUpgrade {
                return try PostgresStore(
                    address: postgres, access: .readWrite, applicationName: "karta (store upgrade)")
            }
        }
    }

    /// ``openExisting()`` for a SQLite file.
    static func openExisting(path: String) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure.usage(AggregationError.storeMissing(path: path).description)
        }
        do {
            return try Store(path: path, access: .readOnly)
        } catch StoreError.needsUpgrade {
            let lock = try RunLock(storePath: path, runID: "schema upgrade", command: "karta (store upgrade)")
            defer { lock.release() }
            return try Store(path: path)
        }
    }
}

/// A failure a command reports on stderr with its ``ExitStatus``.
enum CommandFailure: Error {
    /// Invalid usage or configuration (``ExitStatus/invalidUsage``).
    case usage(String)
    /// An input file that cannot be read as a whole (``ExitStatus/inputRefused``).
    case inputRefused(String)
    /// A bug (``ExitStatus/internalError``).
    case internalError(String)

    /// Prints the message (``printError(_:)``) and turns the failure into the exit code that
    /// ``ErrorStatus`` maps it to.
    static func report(_ error: any Error) -> ExitCode {
        let (message, status) = ErrorStatus.classify(error)
        printError(message)
        return ExitCode(status)
    }
}

extension SourcePolicy: ExpressibleByArgument {}
extension SourceKind: ExpressibleByArgument {}

/// The planning criteria a command uses and where they came from.
struct ChosenCriteria {
    var criteria: PlanningCriteria
    /// Where they came from, for people: `run 2025-…-1a2b3c4d (mappings/criteria.example.yml)`.
    var origin: String

    /// One line for the output: `criteria: VERSION (STATUS) — from ORIGIN`.
    var line: String { "criteria: \(criteria.version) (\(criteria.status)) — from \(origin)" }
}

/// The planning criteria a command uses: `--criteria FILE`, else `$KARTA_CRITERIA`, else the
/// criteria the store's latest run recorded (what the published draft used), else
/// `mappings/criteria.yml`, else the example file, else none.
enum CriteriaFile {
    static func load(_ option: String?) throws -> PlanningCriteria {
        try choose(option, store: nil).criteria
    }

    static func choose(_ option: String?, store: (any StoreReading)?) throws -> ChosenCriteria {
        if let path = option
            ?? ProcessInfo.processInfo.environment["KARTA_CRITERIA"].flatMap({ $0.isEmpty ? nil : $0 })
        {
            return ChosenCriteria(criteria: try CriteriaLoader.load(path: path), origin: path)
        }
        if let store, let latest = try store.latestRunCriteria() {
            let (runID, recorded) = latest
            let origin = "run \(runID)" + (recorded.path.map { " (\($0))" } ?? "")
            guard let yaml = recorded.yaml else { return ChosenCriteria(criteria: .none, origin: origin) }
            return ChosenCriteria(
                criteria: try CriteriaLoader.parse(yaml, path: recorded.path ?? "run \(runID)"),
                origin: origin)
        }
        for path in ["mappings/criteria.yml", "mappings/criteria.example.yml"]
        where FileManager.default.fileExists(atPath: path) {
            return ChosenCriteria(criteria: try CriteriaLoader.load(path: path), origin: path)
        }
        return ChosenCriteria(criteria: .none, origin: "no criteria file")
    }
}

/// The financing standards and target-group indicators a command uses, and where they came from.
struct ChosenCostInputs {
    var standards: FinancingStandards?
    var standardsOrigin: String
    var indicators: TargetGroupIndicators?
    var indicatorsOrigin: String

    /// One line for the output: `standards: VERSION (STATUS) — from ORIGIN`.
    var standardsLine: String {
        guard let standards else { return "standards: none — \(standardsOrigin)" }
        return "standards: \(standards.version) (\(standards.status.rawValue)) — from \(standardsOrigin)"
    }

    /// `--standards FILE`, else `$KARTA_STANDARDS`, else what the store's latest run used (its
    /// kept draft names them), else `mappings/standards.yml`, else the example file, else none;
    /// `--indicators FILE`, else `$KARTA_INDICATORS`, else the latest run's, else none.
    static func choose(
        standards option: String?, indicators indicatorsOption: String?, store: (any StoreReading)?
    ) throws
        -> ChosenCostInputs
    {
        let environment = ProcessInfo.processInfo.environment
        let latest = try store.flatMap { try LatestRunInputs.read($0) }
        var chosen = ChosenCostInputs(
            standards: nil, standardsOrigin: "no standards file", indicators: nil,
            indicatorsOrigin: "no indicators file")
        if let path = option ?? environment["KARTA_STANDARDS"].flatMap({ $0.isEmpty ? nil : $0 }) {
            chosen.standards = try StandardsLoader.load(path: path)
            chosen.standardsOrigin = path
        } else if let latest {
            chosen.standards = latest.standards
            chosen.standardsOrigin =
                "run \(latest.runID)" + (latest.standards?.sourcePath.map { " (\($0))" } ?? "")
        } else {
            for path in ["mappings/standards.yml", "mappings/standards.example.yml"]
            where FileManager.default.fileExists(atPath: path) {
                chosen.standards = try StandardsLoader.load(path: path)
                chosen.standardsOrigin = path
                break
            }
        }
        if let path = indicatorsOption ?? environment["KARTA_INDICATORS"].flatMap({ $0.isEmpty ? nil : $0 }) {
            chosen.indicators = try IndicatorsLoader.load(path: path)
            chosen.indicatorsOrigin = path
        } else if let latest {
            chosen.indicators = latest.indicators
            chosen.indicatorsOrigin = "run \(latest.runID)"
        }
        return chosen
    }
}

/// The standards and indicators the store's latest run computed its kept draft with (read from
/// that draft's metadata).
struct LatestRunInputs: Decodable {
    var runID = ""
    var standards: FinancingStandards?
    var indicators: TargetGroupIndicators?

    private struct Document: Decodable {
        var metadata: LatestRunInputs
    }

    enum CodingKeys: String, CodingKey {
        case standards, indicators
    }

    static func read(_ store: any StoreReading) throws -> LatestRunInputs? {
        guard let (runID, json) = try store.storedDraft(run: "latest") else { return nil }
        guard var inputs = try? JSONDecoder().decode(Document.self, from: Data(json.utf8)).metadata else {
            return nil
        }
        inputs.runID = runID
        return inputs
    }
}
