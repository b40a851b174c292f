import Foundation
import KartaModel
import KartaStore

#if canImport(Glibc)
    import Glibc
#endif

/// Publishes a run's outputs as one set: whoever reads the output folder sees the complete old
/// set or the complete new set, each with the `run.json` that describes it, never a mix.
///
/// Layout of the output folder (the paths users know stay the same):
///
/// ```
/// out/map-draft.json  → .karta-current/map-draft.json     (one link per output, run.json too)
/// out/.karta-current  → .karta-versions/RUN               (the one link that switches the set)
/// out/.karta-versions/RUN/                                (a complete set with its run.json)
/// ```
///
/// A run writes its set into a new version folder (``stage(version:_:)``), then ``publish(_:)``
/// makes sure every name has its link and switches `.karta-current` with one atomic `rename`.
/// Links and folders left by a killed run are removed when the next run starts
/// (``removeLeftovers()``). Output folders from karta versions that wrote plain files are
/// adopted first: their files move, unchanged, into a version folder of their own, so the
/// switch to links never shows a mix either.
struct OutputPublisher {
    let folder: URL
    /// Where the store lives, when inside the folder: never touched.
    var protectedNames: Set<String> = []

    static let currentName = ".karta-current"
    static let versionsName = ".karta-versions"

    private var versions: URL { folder.appendingPathComponent(Self.versionsName) }
    private var current: URL { folder.appendingPathComponent(Self.currentName) }

    /// A complete set written into its version folder, not yet visible.
    struct Staged {
        var version: String
        var folder: URL
        /// The outputs (run.json excluded), by name, with their digests.
        var files: [(name: String, sha256: String, bytes: Int64)]
    }

    /// Removes what killed runs left: version folders that are not the published one, and the
    /// temporary links of an unfinished switch; also `.staging-*` folders of older versions.
    func removeLeftovers() throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw EnvironmentError(path: folder.path, reason: EnvironmentFailure.reason(error))
        }
        let published = publishedVersion()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            if name.hasPrefix(".staging-") || name.hasPrefix(".karta-link-") || name == Self.currentName + ".new" {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
        // A folder we cannot write fails here, before the store changes.
        try replaceLink(at: folder.appendingPathComponent(".karta-probe"), target: Self.currentName)
        unlink(folder.appendingPathComponent(".karta-probe").path)
        guard FileManager.default.fileExists(atPath: versions.path) else { return }
        for name in try FileManager.default.contentsOfDirectory(atPath: versions.path) where name != published {
            try FileManager.default.removeItem(at: versions.appendingPathComponent(name))
        }
    }

    /// The version folder `.karta-current` points at, if any.
    func publishedVersion() -> String? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current.path) else {
            return nil
        }
        return (target as NSString).lastPathComponent
    }

    /// Calls `write` with the empty folder of a new version and returns what it wrote.
    func stage(version: String, _ write: (URL) throws -> Void) throws -> Staged {
        try FileManager.default.createDirectory(at: versions, withIntermediateDirectories: true)
        let target = versions.appendingPathComponent(version)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try write(target)
        var files: [(name: String, sha256: String, bytes: Int64)] = []
        for name in try Self.fileNames(in: target) where name != "run.json" {
            let digest = try FileDigest.sha256(of: target.appendingPathComponent(name))
            files.append((name, digest.hex, digest.size))
        }
        return Staged(version: version, folder: target, files: files)
    }

    /// The files of a version folder, sorted, those of a subfolder (`plans/`) as `plans/NAME`;
    /// hidden names are left out.
    static func fileNames(in folder: URL) throws -> [String] {
        var names: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                names += try fileNames(in: url).map { "\(name)/\($0)" }
            } else {
                names.append(name)
            }
        }
        return names.sorted()
    }

    /// Makes the staged set the published one: adopt plain files of older versions, add the
    /// links of new names, switch `.karta-current` (the one atomic step), remove links of names
    /// the new set no longer has and the old version folder.
    func publish(_ staged: Staged) throws {
        // One link per top-level name: `out/plans → .karta-current/plans` shows the whole folder.
        var names: [String] = []
        for file in staged.files {
            let top = String(file.name.prefix { $0 != "/" })
            if names.last != top && !names.contains(top) { names.append(top) }
        }
        names.append("run.json")
        try adoptPlainFiles(names: names)
        CrashPoint.reach(.publishAdopted)
        for name in names { try link(name) }
        CrashPoint.reach(.publishLinked)
        let previous = publishedVersion()
        try replaceLink(at: current, target: "\(Self.versionsName)/\(staged.version)")
        syncFolder(folder)
        CrashPoint.reach(.publishSwitched)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where !names.contains(name) && isOutputLink(name) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        if let previous, previous != staged.version {
            try? FileManager.default.removeItem(at: versions.appendingPathComponent(previous))
        }
    }

    /// True for `out/NAME → .karta-current/NAME`.
    private func isOutputLink(_ name: String) -> Bool {
        let path = folder.appendingPathComponent(name).path
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return false }
        return target == "\(Self.currentName)/\(name)"
    }

    /// `out/NAME → .karta-current/NAME`, unless it is there already.
    private func link(_ name: String) throws {
        guard !isOutputLink(name), !protectedNames.contains(name) else { return }
        try replaceLink(at: folder.appendingPathComponent(name), target: "\(Self.currentName)/\(name)")
    }

    /// Plain files with output names (from karta versions before publishing by link) move into
    /// a version folder of their own, which becomes current, and are replaced by links that
    /// show the same bytes: readers see no change.
    private func adoptPlainFiles(names: [String]) throws {
        let plain = names.filter { name in
            guard !protectedNames.contains(name) else { return false }
            var info = stat()
            return lstat(folder.appendingPathComponent(name).path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        }
        guard !plain.isEmpty else { return }
        let version = publishedVersion() ?? "adopted"
        let target = versions.appendingPathComponent(version)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for name in plain {
            let destination = target.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: destination)
            try FileManager.default.linkItem(at: folder.appendingPathComponent(name), to: destination)
        }
        if publishedVersion() == nil {
            try replaceLink(at: current, target: "\(Self.versionsName)/\(version)")
        }
        for name in plain { try link(name) }
        syncFolder(folder)
    }

    /// Puts a symbolic link at `url` pointing at `target` with one `rename` (atomic).
    private func replaceLink(at url: URL, target: String) throws {
        let temporary = folder.appendingPathComponent(".karta-link-\(getpid())-\(url.lastPathComponent)")
        unlink(temporary.path)
        guard symlink(target, temporary.path) == 0 else {
            throw EnvironmentError(path: temporary.path, code: errno)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let code = errno
            unlink(temporary.path)
            throw EnvironmentError(path: url.path, code: code)
        }
    }

    private func syncFolder(_ url: URL) {
        let descriptor = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}

/// The file system failed (disk full, read-only folder, permissions): exit status 74 with one
/// line naming the path and the operating system's reason.
public struct EnvironmentError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public init(path: String, code: Int32) {
        self.init(path: path, reason: String(cString: strerror(code)))
    }

    public var description: String { "\(path): \(reason)" }
}

/// Points where a test has the process killed with SIGKILL (`KARTA_TEST_CRASH_AT=after-commit`)
/// or paused (`KARTA_TEST_PAUSE_AT=after-file:0.5`, seconds), to prove that a crash at any stage
/// boundary and between any two steps of publishing leaves the store and the outputs whole, and
/// that readers never see a run half-way. **For tests only**: without the variables nothing
/// happens.
enum CrashPoint: String, CaseIterable {
    case afterDiscover = "after-discover"
    case afterFirstFile = "after-first-file"
    /// After every file (pauses only).
    case afterFile = "after-file"
    case afterPrune = "after-prune"
    case afterAggregate = "after-aggregate"
    case midEmit = "mid-emit"
    case afterStage = "after-stage"
    case afterCommit = "after-commit"
    case publishAdopted = "publish-adopted"
    case publishLinked = "publish-linked"
    case publishSwitched = "publish-switched"

    private static let crash = ProcessInfo.processInfo.environment["KARTA_TEST_CRASH_AT"]
    private static let pause: (String, Double)? = {
        guard let value = ProcessInfo.processInfo.environment["KARTA_TEST_PAUSE_AT"] else { return nil }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let seconds = Double(parts[1]) else { return nil }
        return (String(parts[0]), seconds)
    }()

    static func reach(_ point: CrashPoint) {
        if let pause, pause.0 == point.rawValue { usleep(UInt32(pause.1 * 1_000_000)) }
        guard crash == point.rawValue else { return }
        kill(getpid(), SIGKILL)
    }
}
