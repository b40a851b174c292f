import Foundation
import KartaModel

#if canImport(Glibc)
    import Glibc
#endif

/// Publishes a run's outputs as a set: they are written into a staging folder beside the
/// published ones and renamed into place (an atomic rename each) only when every one of them is
/// complete. A run killed while writing leaves only a staging folder, which the next run removes.
struct OutputPublisher {
    let folder: URL
    let runID: String

    /// Calls `write` with an empty staging folder, then moves what it wrote into `folder`.
    /// Returns the published files with their SHA-256, by name.
    func publish(_ write: (URL) throws -> Void) throws -> [RunManifest.OutputFile] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try removeStaleStaging()
        let staging = folder.appendingPathComponent(
            ".staging-\(runID.replacingOccurrences(of: ":", with: ""))")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: staging) }
        try write(staging)
        let names = try FileManager.default.contentsOfDirectory(atPath: staging.path).filter {
            !$0.hasPrefix(".")
        }
        .sorted()
        var published: [RunManifest.OutputFile] = []
        for name in names {
            let source = staging.appendingPathComponent(name)
            let target = folder.appendingPathComponent(name)
            let digest = try FileDigest.sha256(of: source)
            guard rename(source.path, target.path) == 0 else {
                throw PipelineError(
                    path: target.path, message: "cannot publish: \(String(cString: strerror(errno)))")
            }
            published.append(.init(path: target.path, sha256: digest.hex, bytes: digest.size))
            if published.count == 1 { CrashPoint.reach(.midPublish) }
        }
        return published
    }

    /// Staging folders of runs that were killed.
    private func removeStaleStaging() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where name.hasPrefix(".staging-") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}

/// Points where a test can have the process killed with SIGKILL, to prove that a crash at any
/// stage leaves the store and the outputs whole (`KARTA_TEST_CRASH_AT=after-first-file` …).
/// Without the variable nothing happens.
enum CrashPoint: String {
    case afterDiscover = "after-discover"
    case afterFirstFile = "after-first-file"
    case afterAggregate = "after-aggregate"
    case midEmit = "mid-emit"
    case midPublish = "mid-publish"

    private static let requested = ProcessInfo.processInfo.environment["KARTA_TEST_CRASH_AT"]

    static func reach(_ point: CrashPoint) {
        guard requested == point.rawValue else { return }
        kill(getpid(), SIGKILL)
    }
}
