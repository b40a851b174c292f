import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a large file piece by piece with the same guarantee as ``AtomicFile``: the bytes go to
/// a temporary file in the target's folder, and only ``commit()`` flushes it to disk and renames
/// it over the target. A writer that is dropped without commit removes its temporary file.
///
/// Memory stays constant: bytes are buffered up to `bufferSize` and then written out.
public final class AtomicFileStream {
    public let url: URL
    private let temporary: URL
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let bufferSize: Int
    private var committed = false
    /// Bytes appended so far.
    public private(set) var byteCount: Int64 = 0

    public init(url: URL, bufferSize: Int = 1 << 16) throws {
        self.url = url
        self.bufferSize = bufferSize
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw AtomicFile.WriteError(path: temporary.path, operation: "create", errno: errno)
        }
        buffer.reserveCapacity(bufferSize)
    }

    deinit {
        if !committed {
            if fd >= 0 { close(fd) }
            unlink(temporary.path)
        }
    }

    /// Appends bytes.
    public func append<Bytes: Sequence>(_ bytes: Bytes) throws where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= bufferSize { try flush() }
    }

    /// Appends a string's UTF-8 bytes.
    public func append(_ text: String) throws {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= bufferSize { try flush() }
    }

    /// Lets `body` append bytes straight to the buffer (no intermediate copy), then writes the
    /// buffer out when it is full.
    public func append(with body: (inout [UInt8]) throws -> Void) throws {
        try body(&buffer)
        if buffer.count >= bufferSize { try flush() }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                guard let base = bytes.baseAddress else { return }
                let written = Glibc.write(fd, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw AtomicFile.WriteError(path: temporary.path, operation: "write", errno: errno)
                }
                offset += written
            }
        }
        byteCount += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the temporary file over the target.
    public func commit() throws {
        try flush()
        guard fsync(fd) == 0 else {
            throw AtomicFile.WriteError(path: temporary.path, operation: "fsync", errno: errno)
        }
        close(fd)
        fd = -1
        guard rename(temporary.path, url.path) == 0 else {
            let error = AtomicFile.WriteError(path: url.path, operation: "rename into", errno: errno)
            unlink(temporary.path)
            committed = true
            throw error
        }
        committed = true
        let directoryFD = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY)
        if directoryFD >= 0 {
            fsync(directoryFD)
            close(directoryFD)
        }
    }
}
