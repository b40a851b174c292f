import Foundation
import KartaModel
import KartaNormalize
import KartaStore

/// An adopted Map file (kind `adopted-map`) read on its own, outside any store: what
/// `karta diff MAP.csv NEW` compares a draft with.
public struct AdoptedMapFile: Sendable {
    /// How the file was read: rows, loaded lines, rejects.
    public var report: SourceReport
    /// The Map's lines, in file order.
    public var entries: [AdoptedMapEntry]

    /// Reads `path` with the default mapping into a temporary store that is removed afterwards.
    /// Throws ``AdoptedMapFileError`` when the file is refused as a whole.
    public static func read(path: String) throws -> AdoptedMapFile {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("karta-adopted-map-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("adopted-map.sqlite").path)
        let options = IngestOptions(
            kind: .adoptedMap, mapping: try ColumnMapping.standard(), dictionary: try ServiceDictionary.standard())
        let runID = try store.startRun(command: "karta diff")
        let report = try store.inRunTransaction {
            try SourceIngestion.ingest(
                path: path, options: options, store: store, runID: runID, open: SourceIngestion.openWithReaders,
                logger: nil)
        }
        if let failure = report.environmentFailure { throw EnvironmentError(path: store.path, reason: failure) }
        guard report.status != .refused else {
            throw AdoptedMapFileError(path: path, message: report.error ?? "refused")
        }
        return AdoptedMapFile(report: report, entries: try store.adoptedMapEntries())
    }
}

/// An adopted Map file that cannot be read as a whole.
public struct AdoptedMapFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { message.hasPrefix(path) ? message : "\(path): \(message)" }
}
