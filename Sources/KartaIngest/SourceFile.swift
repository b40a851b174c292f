#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An input file opened for reading, after the checks every reader needs: it exists, it is a
/// regular file, it can be read. Owns the descriptor until ``takeDescriptor()``.
final class SourceFile {
    let path: String
    let size: Int64
    private var descriptor: Int32

    init(path: String) throws {
        self.path = path
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        if status.st_mode & S_IFMT == S_IFDIR { throw IngestError.isDirectory(path: path) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        self.descriptor = descriptor
        size = Int64(status.st_size)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Reads up to `count` bytes from `offset` (fewer at the end of the file).
    func read(count: Int, at offset: Int64 = 0) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                pread(
                    descriptor, buffer.baseAddress.map { $0 + filled }, count - filled,
                    off_t(offset) + off_t(filled))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// Hands the descriptor over to a reader, which closes it.
    func takeDescriptor() -> Int32 {
        let taken = descriptor
        descriptor = -1
        return taken
    }
}
