import ArgumentParser
import Foundation
import KartaAggregate
import KartaPipeline
import KartaStore

/// `--store FILE`: the store to read; `$KARTA_STORE`, else `karta.sqlite` in the current folder.
struct StoreFileOption: ParsableArguments {
    @Option(name: .customLong("store"), help: "The store file (default: $KARTA_STORE, else karta.sqlite).")
    var path: String?

    var resolvedPath: String {
        path ?? ProcessInfo.processInfo.environment["KARTA_STORE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "karta.sqlite"
    }

    /// Opens an existing store for reading; a missing file is a usage error, never silently
    /// created. A store from an older karta is upgraded first, under the writers' lock.
    func openExisting() throws -> Store { try Self.openExisting(path: resolvedPath) }

    /// ``openExisting()`` for a path given another way.
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

/// A failure a command reports on stderr with the exit status of DESIGN.md.
enum CommandFailure: Error {
    /// Exit 2: invalid usage or configuration.
    case usage(String)
    /// Exit 70.
    case internalError(String)

    /// Prints the message and turns the failure into the exit code.
    static func report(_ error: any Error) -> ExitCode {
        let (message, code): (String, Int32) =
            switch error {
            case CommandFailure.usage(let message): (message, 2)
            case CommandFailure.internalError(let message): (message, 70)
            case let error as AggregationError: (error.description, 2)
            case let error as CriteriaFileError: (error.description, 2)
            default:
                { let (message, status) = ErrorStatus.classify(error); return (message, status.rawValue) }()
            }
        FileHandle.standardError.write(Data("karta: \(message)\n".utf8))
        return ExitCode(code)
    }
}

extension SourcePolicy: ExpressibleByArgument {}

/// The planning criteria a command uses: `--criteria FILE`, else `$KARTA_CRITERIA`, else
/// `mappings/criteria.yml`, else the example file, else none.
enum CriteriaFile {
    static func load(_ option: String?) throws -> PlanningCriteria {
        if let path = option
            ?? ProcessInfo.processInfo.environment["KARTA_CRITERIA"].flatMap({ $0.isEmpty ? nil : $0 })
        {
            return try CriteriaLoader.load(path: path)
        }
        for path in ["mappings/criteria.yml", "mappings/criteria.example.yml"]
        where FileManager.default.fileExists(atPath: path) {
            return try CriteriaLoader.load(path: path)
        }
        return .none
    }
}
