/// Why an input file was refused as a whole (exit status 4): nothing from it may be kept.
///
/// Every case carries the path and enough context (byte offset, line) for a person to find the
/// problem; ``description`` is a sentence that says what to do about it.
public enum IngestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path does not exist or cannot be opened or read.
    case unreadable(path: String, reason: String)
    /// The path names a directory, not a file.
    case isDirectory(path: String)
    /// The file has no bytes, or only a byte-order mark and blank lines.
    case empty(path: String)
    /// The file has a header row but not a single record after it.
    case headerOnly(path: String, headerLine: Int)
    /// The file contains NUL or other control bytes: it is not a text export.
    case binary(path: String, byteOffset: Int64)
    /// A byte sequence is not valid in the detected or declared encoding.
    case invalidEncoding(path: String, encoding: String, byteOffset: Int64, suggestion: String?)
    /// No encoding could be recognised with confidence.
    case unknownEncoding(path: String, reason: String)
    /// The requested header line does not exist in the file.
    case headerNotFound(path: String, headerLine: Int)
    /// The header row cannot be parsed.
    case malformedHeader(path: String, line: Int, message: String)
    /// The file's format is not one karta reads (yet).
    case unsupportedFormat(path: String, format: String)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .unreadable(let path, _), .isDirectory(let path), .empty(let path),
            .headerOnly(let path, _), .binary(let path, _), .invalidEncoding(let path, _, _, _),
            .unknownEncoding(let path, _), .headerNotFound(let path, _), .malformedHeader(let path, _, _),
            .unsupportedFormat(let path, _):
            path
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): cannot read the file (\(reason))"
        case .isDirectory(let path):
            "\(path): is a directory; give the path of an export file"
        case .empty(let path):
            "\(path): the file is empty (no records); ask the sender for the export again"
        case .headerOnly(let path, let line):
            "\(path): the file has a header row (line \(line)) but no data rows; "
                + "ask the sender for the complete export"
        case .binary(let path, let offset):
            "\(path): not a text file (control byte at byte offset \(offset)); "
                + "expected a CSV or XML export, not a spreadsheet or archive (save it as CSV first)"
        case .invalidEncoding(let path, let encoding, let offset, let suggestion):
            "\(path): byte offset \(offset) is not valid \(encoding)"
                + (suggestion.map { "; the file looks like \($0): set --encoding \($0)" }
                    ?? "; set the file's encoding with --encoding")
        case .unknownEncoding(let path, let reason):
            "\(path): cannot recognise the text encoding (\(reason)); "
                + "set it with --encoding (UTF-8, windows-1251, UTF-16LE, UTF-16BE)"
        case .headerNotFound(let path, let line):
            "\(path): there is no record at or after header line \(line); check --header-line"
        case .malformedHeader(let path, let line, let message):
            "\(path): line \(line): \(message); fix the header or give --header-line"
        case .unsupportedFormat(let path, let format):
            "\(path): \(format) files are not supported yet"
        }
    }
}

/// An error that refuses a whole input file (exit status 4): whatever was read from the file must
/// be dropped, and the message names the file.
public protocol FileRefusal: Error, CustomStringConvertible {
    /// The refused file.
    var path: String { get }
}

extension IngestError: FileRefusal {}
extension XMLReadError: FileRefusal {}
