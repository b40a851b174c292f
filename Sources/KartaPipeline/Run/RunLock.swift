import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The lock that keeps two writers off one store: an OS file lock (`flock`) on `STORE.lock`,
/// held for the whole length of `karta run`, `karta ingest` and every other command that changes
/// the store. The kernel releases it when the process dies, so a crash never leaves a stale lock.
///
/// The file records the holder (PID, start time, run id, command). A second writer names the
/// holder that really holds the lock: on Linux the kernel's lock table (`/proc/locks`) says which
/// process it is, and the file's text is used only when it names that process (else the
/// process's own start time from `/proc`), so a file still showing a previous run is never
/// believed.
public final class RunLock {
    /// Another process holds the lock.
    public struct Held: Error, CustomStringConvertible, Sendable {
        public let lockPath: String
        public let holder: String
        public var description: String {
            "another karta run holds the lock \(lockPath) (\(holder)); try again later or pass --wait SECONDS"
        }
    }

    /// The lock file cannot be opened or locked (permissions, read-only folder…).
    public struct Unavailable: Error, CustomStringConvertible, Sendable {
        public let lockPath: String
        public let reason: String
        public var description: String { "\(lockPath): cannot lock: \(reason)" }
    }

    public let path: String
    private let descriptor: Int32
    private let started = Date()
    private let command: String

    /// Takes the lock, waiting up to `wait` seconds (0: fail at once) for another holder.
    /// `runID` and `command` describe the holder to whoever finds the lock taken.
    public init(storePath: String, wait: TimeInterval = 0, runID: String, command: String = "") throws {
        path = storePath + ".lock"
        self.command = command
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw Unavailable(lockPath: path, reason: "\(error.localizedDescription)")
        }
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Unavailable(lockPath: path, reason: String(cString: strerror(errno)))
        }
        let deadline = Date().addingTimeInterval(wait)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            if errno != EWOULDBLOCK && errno != EINTR {
                let message = String(cString: strerror(errno))
                close(descriptor)
                throw Unavailable(lockPath: path, reason: message)
            }
            if Date() >= deadline {
                let holder = RunLock.describeHolder(lockPath: path, descriptor: descriptor)
                close(descriptor)
                throw Held(lockPath: path, holder: holder)
            }
            usleep(100_000)
        }
        record(runID: runID)
    }

    deinit { release() }

    private var released = false

    /// Writes the holder's description into the lock file (again, once the run has an id).
    public func record(runID: String) {
        let stamp = ISO8601DateFormatter().string(from: started)
        var text = "pid \(getpid()), started \(stamp), run \(runID)"
        if !command.isEmpty { text += ", \(command)" }
        text += "\n"
        // Written over the old text, then cut to length: the file never reads as empty.
        _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        ftruncate(descriptor, off_t(text.utf8.count))
        fsync(descriptor)
    }

    /// Releases the lock (also done when the object goes away or the process ends).
    public func release() {
        guard !released else { return }
        released = true
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// The holder of the lock of the store at `storePath`, or nil when nobody holds it. Takes no
    /// lock itself (on Linux), so asking never makes a starting run fail.
    public static func currentHolder(storePath: String) -> String? {
        let lockPath = storePath + ".lock"
        #if os(Linux)
            guard FileManager.default.fileExists(atPath: lockPath) else { return nil }
            guard kernelHolder(lockPath: lockPath) != nil else { return nil }
            let descriptor = open(lockPath, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return "holder unknown" }
            defer { close(descriptor) }
            return describeHolder(lockPath: lockPath, descriptor: descriptor)
        #else
            let descriptor = open(lockPath, O_RDWR | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
                flock(descriptor, LOCK_UN)
                return nil
            }
            return describeHolder(lockPath: lockPath, descriptor: descriptor)
        #endif
    }

    /// The run id the holder recorded, when the lock is held.
    public static func currentHolderRunID(storePath: String) -> String? {
        guard let holder = currentHolder(storePath: storePath),
            let range = holder.range(of: "run ")
        else { return nil }
        return String(holder[range.upperBound...].prefix { $0 != "," && !$0.isWhitespace })
    }

    /// The holder as a sentence: the file's text when it names the process the kernel says holds
    /// the lock (waiting up to a second for a new holder to write it), else that process's PID
    /// and start time.
    private static func describeHolder(lockPath: String, descriptor: Int32) -> String {
        guard let pid = kernelHolder(lockPath: lockPath) else { return readText(descriptor) ?? "holder unknown" }
        for _ in 0..<20 {
            if let text = readText(descriptor), text.hasPrefix("pid \(pid),") { return text }
            usleep(50_000)
        }
        if let started = processStart(pid) {
            return "pid \(pid), started \(ISO8601DateFormatter().string(from: started))"
        }
        return "pid \(pid)"
    }

    private static func readText(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    /// The PID of the process holding an `flock` on the file, from the kernel's lock table
    /// (Linux); nil elsewhere or when nobody holds it.
    static func kernelHolder(lockPath: String) -> Int32? {
        #if os(Linux)
            var info = stat()
            guard stat(lockPath, &info) == 0,
                let table = try? String(contentsOfFile: "/proc/locks", encoding: .utf8)
            else { return nil }
            let inode = String(info.st_ino)
            for line in table.split(separator: "\n") {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                // "1: FLOCK  ADVISORY  WRITE 1234 08:01:56789 0 EOF" (blocked waiters have "->").
                guard fields.count >= 6, fields[1] == "FLOCK", !line.contains("->") else { continue }
                let device = fields[5].split(separator: ":")
                if device.count == 3, device[2] == inode, let pid = Int32(fields[4]) { return pid }
            }
            return nil
        #else
            return nil
        #endif
    }

    /// When the process `pid` started (Linux `/proc`), or nil.
    private static func processStart(_ pid: Int32) -> Date? {
        #if os(Linux)
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")"),
                let system = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
                let bootLine = system.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
                let boot = Double(bootLine.dropFirst(6))
            else { return nil }
            // Field 22 (starttime) is the 20th after the ")" that ends the command name.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 19, let ticks = Double(fields[19]) else { return nil }
            return Date(timeIntervalSince1970: boot + ticks / Double(sysconf(Int32(_SC_CLK_TCK))))
        #else
            return nil
        #endif
    }
}
