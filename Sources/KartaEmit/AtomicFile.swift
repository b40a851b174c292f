import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes files so that a reader sees either the old content or the new, never a mix: the bytes
/// go to a temporary file in the same folder, are flushed to disk, and the file is renamed over
/// the target.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public let path: String
        public let operation: String
        public let errno: Int32
        public var description: String {
            "cannot \(operation) \(path): \(String(cString: strerror(errno)))"
        }
    }

    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(getpid())")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: temporary.path, operation: "create", errno: errno) }
        var failure: WriteError?
        data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = WriteError(path: temporary.path, operation: "write", errno: errno)
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(fd) != 0 {
            failure = WriteError(path: temporary.path, operation: "fsync", errno: errno)
        }
        close(fd)
        if let failure {
            unlink(temporary.path)
            throw failure
        }
        guard rename(temporary.path, url.path) == 0 else {
            let error = WriteError(path: url.path, operation: "rename into", errno: errno)
            unlink(temporary.path)
            throw error
        }
        let directoryFD = open(directory.path, O_RDONLY | O_DIRECTORY)
        if directoryFD >= 0 {
            fsync(directoryFD)
            close(directoryFD)
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}
