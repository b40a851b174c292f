import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Shows progress of long work on stderr: on a terminal, one live line per file (bytes, rows/s,
/// ETA) redrawn at most ten times a second; otherwise (cron, pipes) nothing until the file ends.
/// Quiet mode shows nothing.
public final class ProgressReporter: @unchecked Sendable {
    public enum Mode: Sendable {
        case live
        case silent
    }

    private let mode: Mode
    private var path = ""
    private var total: Int64 = 0
    private var started = Date()
    private var lastDraw = Date.distantPast
    private let lock = NSLock()

    public init(mode: Mode) { self.mode = mode }

    /// Live on a terminal, silent otherwise or when `quiet`.
    public static func forStandardError(quiet: Bool) -> ProgressReporter {
        ProgressReporter(mode: !quiet && isatty(STDERR_FILENO) == 1 ? .live : .silent)
    }

    public func begin(path: String, totalBytes: Int64) {
        lock.withLock {
            self.path = path
            total = totalBytes
            started = Date()
            lastDraw = .distantPast
        }
    }

    /// Called by readers as they go; cheap when nothing needs drawing.
    public func advance(bytes: Int64, rows: Int) {
        guard mode == .live else { return }
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
            lastDraw = now
            let elapsed = max(now.timeIntervalSince(started), 0.001)
            let rate = Double(rows) / elapsed
            let fraction = total > 0 ? Double(bytes) / Double(total) : 0
            let eta = fraction >= 0.01 ? String(format: "%.0fs", elapsed * (1 - fraction) / fraction) : "…"
            let line = String(
                format: "\r\u{1B}[K%@  %3.0f%%  %@ / %@  %.0f rows/s  ETA %@",
                (path as NSString).lastPathComponent,
                fraction * 100, ProgressReporter.megabytes(bytes), ProgressReporter.megabytes(total), rate,
                eta)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Clears the live line; the caller logs the file's outcome as a normal log line.
    public func end() {
        guard mode == .live else { return }
        lock.withLock { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
