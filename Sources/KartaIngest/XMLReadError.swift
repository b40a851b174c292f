/// A file-level failure of the XML reader: nothing read from the file may be kept.
///
/// `refused` means the file looks hostile (entity declarations, excessive nesting or sizes);
/// `malformed` means libxml2 found it not well-formed. Both end a CLI run on the file with exit
/// status 4 (README.md, "Exit status") while the other files go on.
public struct XMLReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// Hostile or over a limit: entities declared, too deep, a value or the file too large.
        case refused
        /// Not well-formed XML (unclosed tag, bad encoding byte, truncated file), per libxml2.
        case malformed
        /// No element repeats that could be a record.
        case noRecords = "no_records"
        /// The file could not be opened or read.
        case unreadable
    }

    public var kind: Kind
    public var path: String
    /// 1-based line where libxml2 stopped, when known.
    public var line: Int?
    /// 1-based column (in characters) where libxml2 stopped, when known.
    public var column: Int?
    /// Why, for a person: karta's reason, or libxml2's own message for malformed input.
    public var reason: String
    /// False when karta, not libxml2, found the file malformed (an undecodable byte).
    public var reportedByLibxml2: Bool

    public init(
        kind: Kind, path: String, line: Int? = nil, column: Int? = nil, reason: String,
        reportedByLibxml2: Bool = true
    ) {
        self.kind = kind
        self.path = path
        self.line = line
        self.column = column
        self.reason = reason
        self.reportedByLibxml2 = reportedByLibxml2
    }

    /// True when the file was refused as hostile rather than found broken.
    public var isRefusal: Bool { kind == .refused }

    public var description: String {
        var place = path
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        switch kind {
        case .refused: return "\(place): refused: \(reason)"
        case .malformed:
            return "\(place): malformed XML (\(reportedByLibxml2 ? "libxml2: " : "")\(reason))"
        case .noRecords: return "\(place): no records: \(reason)"
        case .unreadable: return "\(place): cannot read: \(reason)"
        }
    }
}
