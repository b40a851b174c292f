import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An input file found by a pipeline's source.
public struct DiscoveredFile: Sendable, Hashable {
    /// The path as the pipeline names it (inside the root, links not followed).
    public var url: URL
    public var spec: SourceSpec
    /// The file's real path (every link followed), checked to be inside the root: what is read.
    public var realPath: String
    /// Why the file is refused without being read (its real path leaves the root), or nil.
    public var refusal: String?
}

extension SourceSpec {
    /// The files this source names, sorted by path so every run reads them in the same order.
    ///
    /// A folder is listed without recursion; entries that are not regular files (folders, FIFOs,
    /// broken or looping links) are returned in `skipped` with the reason, never silently dropped.
    /// A missing path of an `optional` source names no file.
    public func files() throws -> (files: [URL], skipped: [(URL, String)]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
            if optional { return ([], []) }
            throw PipelineError(path: path.path, message: "source path does not exist")
        }
        guard isDirectory.boolValue else { return ([path], []) }
        let names = try FileManager.default.contentsOfDirectory(atPath: path.path).sorted()
        var files: [URL] = []
        var skipped: [(URL, String)] = []
        for name in names where !name.hasPrefix(".") {
            if let glob, fnmatch(glob, name, 0) != 0 { continue }
            let url = path.appendingPathComponent(name)
            var info = stat()
            if stat(url.path, &info) != 0 {
                skipped.append((url, String(cString: strerror(errno))))
                continue
            }
            if (info.st_mode & S_IFMT) != S_IFREG {
                skipped.append((url, "not a regular file"))
                continue
            }
            files.append(url)
        }
        return (files, skipped)
    }
}

/// The rule every path of a pipeline follows: its real path (symbolic links and `..` resolved
/// by the kernel) stays inside the real path of the pipeline's root.
public struct PipelineRoot: Sendable {
    /// The root as the pipeline names it.
    public let logical: String
    /// The root with every link resolved.
    public let real: String

    public init(_ root: URL) {
        logical = root.standardizedFileURL.path
        real = Self.realPath(root.path) ?? root.standardizedFileURL.path
    }

    /// The real path of `path` (nil when it does not exist).
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// True when `realPath` is the root or inside it.
    public func contains(realPath: String) -> Bool {
        realPath == real || realPath.hasPrefix(real.hasSuffix("/") ? real : real + "/")
    }

    /// The real path of `path`, or of its nearest existing ancestor with the rest appended
    /// (for files about to be created), when it stays inside the root; nil when it leaves it.
    public func checkedRealPath(_ path: String) -> String? {
        var existing = URL(fileURLWithPath: path).standardizedFileURL
        var rest: [String] = []
        while Self.realPath(existing.path) == nil, existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        guard let base = Self.realPath(existing.path) else { return nil }
        let full = ([base] + rest).joined(separator: "/").replacingOccurrences(of: "//", with: "/")
        return contains(realPath: base) ? full : nil
    }

    /// `path` relative to the root: the identity of a source. Paths outside the root stay as
    /// they are.
    public func relative(_ path: String) -> String {
        for base in [logical, real] {
            let prefix = base.hasSuffix("/") ? base : base + "/"
            if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        }
        return path
    }
}
