import ArgumentParser
import Foundation
import KartaAggregate
import KartaEmit
import KartaNormalize
import KartaPipeline
import KartaPostgres
import KartaStore

/// Maps a failure onto its exit status (``ExitStatus``) and the one line a person reads:
/// 2 for configuration and a store newer than this karta, 3 for the lock, 74 when the
/// environment failed (disk full, read-only folder, permissions, unreadable store: the path and
/// the operating system's reason; a PostgreSQL server that cannot be reached), 66/75/76/77 for a
/// PostgreSQL store's missing database, lost connection, failed TLS and refused login, 70 only
/// for bugs.
enum ErrorStatus {
    static func classify(_ error: any Error) -> (message: String, status: ExitStatus) {
        switch error {
        case CommandFailure.usage(let message): return (message, .invalidUsage)
        case CommandFailure.inputRefused(let message): return (message, .inputRefused)
        case CommandFailure.internalError(let message): return (message, .internalError)
        case let error as AggregationError: return (error.description, .invalidUsage)
        case let error as CriteriaFileError: return (error.description, .invalidUsage)
        case let error as DataFileError: return (error.description, .invalidUsage)
        case let error as MappingFileError: return (error.description, .invalidUsage)
        case let error as DraftFileError: return (error.description, .inputRefused)
        case let error as AdoptedMapFileError: return (error.description, .inputRefused)
        case let error as RunLock.Held: return (error.description, .locked)
        case let error as RunLock.Unavailable: return (error.description, .environment)
        case let error as PipelineError: return (error.description, .invalidUsage)
        case let error as EnvironmentError: return (error.description, .environment)
        case let error as PlanPrinter.Failure: return (error.description, .environment)
        case let error as AtomicFile.WriteError:
            return ("\(error.path): \(String(cString: strerror(error.errno)))", .environment)
        case let error as PostgresRunLock.Held: return (error.description, .locked)
        case let error as StoreAddressError: return (error.description, .invalidUsage)
        case let error as StoreCopyError:
            switch error {
            case .destinationNotEmpty, .versionMismatch, .sameStore: return (error.description, .invalidUsage)
            case .shapeMismatch, .digestMismatch, .unknownTables: return (error.description, .internalError)
            }
        case let error as PostgresStoreError:
            switch error {
            case .unreachable, .passwordFileTooOpen: return (error.description, .environment)
            case .authenticationFailed, .permissionDenied: return (error.description, .storeLoginRefused)
            case .databaseMissing: return (error.description, .storeDatabaseMissing)
            case .tlsFailed: return (error.description, .storeTLSFailed)
            case .connectionLost: return (error.description, .storeConnectionLost)
            case .statementFailed: return (error.description, .environment)
            }
        case let error as StoreError:
            switch error {
            case .newerSchema, .needsUpgrade, .missing: return (error.description, .invalidUsage)
            case .environment: return (error.description, .environment)
            case .internalInconsistency: return (error.description, .internalError)
            }
        default:
            if EnvironmentFailure.isStoreFailure(error) {
                return ("store: \(EnvironmentFailure.reason(error))", .environment)
            }
            let nsError = error as NSError
            let isFileError =
                nsError.domain == NSPOSIXErrorDomain
                || (nsError.domain == NSCocoaErrorDomain
                    && (4...1023).contains(nsError.code))
            if isFileError {
                let path =
                    (nsError.userInfo[NSFilePathErrorKey] as? String)
                    ?? (nsError.userInfo[NSURLErrorKey] as? URL)?.path ?? "file system"
                return ("\(path): \(EnvironmentFailure.reason(error))", .environment)
            }
            return ("internal error (a bug): \(error)", .internalError)
        }
    }
}

extension ExitCode {
    /// The exit code of one of karta's statuses (never a raw number in a command).
    init(_ status: ExitStatus) { self.init(status.rawValue) }
}

/// Writes one error line on stderr with karta's one prefix: `karta: error: MESSAGE`.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("karta: error: " + message + "\n").utf8))
}
