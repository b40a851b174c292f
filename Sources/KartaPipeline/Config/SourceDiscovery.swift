import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An input file found by a pipeline's source, or the reason it cannot be read.
public struct DiscoveredFile: Sendable, Hashable {
    public var url: URL
    public var spec: SourceSpec
}

extension SourceSpec {
    /// The files this source names, sorted by path so every run reads them in the same order.
    ///
    /// A folder is listed without recursion; entries that are not regular files (folders, FIFOs,
    /// broken or looping links) are returned in `skipped` with the reason, never silently dropped.
    public func files() throws -> (files: [URL], skipped: [(URL, String)]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
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
