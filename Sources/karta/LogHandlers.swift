import Foundation
import Logging
import KartaModel

/// How log lines look on stderr.
enum LogFormat: String, CaseIterable, Sendable {
    /// For people: `karta: warning: message (key=value …)`.
    case text
    /// For log collectors: one JSON object per line.
    case json
}

/// Sets up swift-log once for the process. Only the executable does this; libraries just log.
enum LoggingSetup {
    static func bootstrap(format: LogFormat, quiet: Bool, verbose: Bool = false) {
        let level: Logger.Level = quiet ? .warning : (verbose ? .debug : .info)
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                switch format {
                case .text: TextLogHandler(label: label)
                case .json: JSONLogHandler(label: label)
                }
            handler.logLevel = level
            return handler
        }
    }
}

/// Writes one line to stderr without interleaving with other threads' lines. On a terminal the
/// line first clears a live progress line, which is redrawn on its next update.
private let stderrLock = NSLock()
private let stderrIsTerminal = isatty(STDERR_FILENO) == 1
private func writeStderr(_ line: String) {
    stderrLock.lock()
    defer { stderrLock.unlock() }
    FileHandle.standardError.write(Data(((stderrIsTerminal ? "\r\u{1B}[K" : "") + line + "\n").utf8))
}

private func flatten(_ metadata: Logger.Metadata) -> [(String, String)] {
    metadata.sorted { $0.key < $1.key }.map { ($0.key, "\($0.value)") }
}

/// The metadata handling both of karta's handlers share.
protocol KartaLogHandler: LogHandler {
    var metadata: Logger.Metadata { get set }
}

extension KartaLogHandler {
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The handler's metadata with the event's on top.
    func merged(_ event: LogEvent) -> Logger.Metadata {
        metadata.merging(event.metadata ?? [:]) { _, new in new }
    }
}

struct TextLogHandler: KartaLogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    func log(event: LogEvent) {
        var all = merged(event)
        all["run.id"] = nil  // the run id is in the manifest; it only clutters a terminal
        // Info lines say it all in their message; the facts behind warnings and errors follow.
        let details =
            event.level == .info ? "" : flatten(all).map { "\($0.0)=\($0.1)" }.joined(separator: " ")
        let prefix = event.level >= .warning ? "karta: \(event.level): " : "karta: "
        writeStderr(prefix + "\(event.message)" + (details.isEmpty ? "" : "  (\(details))"))
    }
}

struct JSONLogHandler: KartaLogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    func log(event: LogEvent) {
        var object: [String: JSONLogValue] = [
            "ts": .text(ISO8601DateFormatter().string(from: Date())), "level": .text("\(event.level)"),
            "message": .text("\(event.message)"), "logger": .text(label),
        ]
        for (key, value) in merged(event) { object[key] = JSONLogValue(value) }
        if let data = try? KartaJSON.encoder(layout: .line).encode(object) {
            writeStderr(String(decoding: data, as: UTF8.self))
        }
    }
}

/// One metadata value in a JSON log line: counts and durations stay numbers, so that a log
/// collector can sum `rows.rejected` without parsing text.
enum JSONLogValue: Encodable, Equatable {
    case text(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)

    init(_ value: Logger.Metadata.Value) {
        switch value {
        case .stringConvertible(let convertible as any BinaryInteger): self = .integer(Int(convertible))
        case .stringConvertible(let convertible as Double): self = .number(convertible)
        case .stringConvertible(let convertible as Bool): self = .boolean(convertible)
        default: self = .text("\(value)")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .integer(let integer): try container.encode(integer)
        case .number(let number): try container.encode(number)
        case .boolean(let boolean): try container.encode(boolean)
        }
    }
}
