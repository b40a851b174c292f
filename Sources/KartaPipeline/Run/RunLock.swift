import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The lock that keeps two runs off one store: an OS file lock (`flock`) on `STORE.lock`, held
/// for the whole run. The kernel releases it when the process dies, so a crash never leaves a
/// stale lock. The file records the holder's PID and start time for the message a second run
/// prints.
public final class RunLock {
    /// Another process holds the lock.
    public struct Held: Error, CustomStringConvertible, Sendable {
        public let lockPath: String
        public let holder: String
        public var description: String {
            "another karta run holds the lock \(lockPath) (\(holder)); try again later or pass --wait SECONDS"
        }
    }

    public let path: String
    private let descriptor: Int32

    /// Takes the lock, waiting up to `wait` seconds (0: fail at once) for another holder.
    public init(storePath: String, wait: TimeInterval = 0, runID: String) throws {
        path = storePath + ".lock"
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PipelineError(
                path: path, message: "cannot open lock file: \(String(cString: strerror(errno)))")
        }
        let deadline = Date().addingTimeInterval(wait)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            if errno != EWOULDBLOCK && errno != EINTR {
                let message = String(cString: strerror(errno))
                close(descriptor)
                throw PipelineError(path: path, message: "cannot lock: \(message)")
            }
            if Date() >= deadline {
                let holder = RunLock.readHolder(descriptor)
                close(descriptor)
                throw Held(lockPath: path, holder: holder)
            }
            usleep(100_000)
        }
        let stamp = ISO8601DateFormatter().string(from: Date())
        let text = "pid \(getpid()), started \(stamp), run \(runID)\n"
        ftruncate(descriptor, 0)
        _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        fsync(descriptor)
    }

    deinit { release() }

    private var released = false

    /// Releases the lock (also done when the object goes away or the process ends).
    public func release() {
        guard !released else { return }
        released = true
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func readHolder(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return "holder unknown" }
        return String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }
}
