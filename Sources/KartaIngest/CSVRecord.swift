import KartaModel

/// One record of a CSV file as UTF-8 bytes, with its provenance: the fast, allocation-free view.
///
/// The field buffers belong to the reader and are valid only until its next call; copy what
/// you keep (``CSVReader/next()`` does that for you, as `String`s).
public struct CSVRecord {
    /// Where the record starts: physical line, original byte offset, index after the header.
    public let position: SourcePosition
    /// The number of fields (the header's, once trailing empty extras are dropped).
    public let fieldCount: Int
    let sink: UnsafeMutablePointer<CSVFieldSink>
    /// The record's text as in the file (Windows-1251 bytes are not yet decoded).
    let rawBytes: UnsafeBufferPointer<UInt8>
    let rawIsWindows1251: Bool
    let rawTextLimit: Int

    /// The UTF-8 bytes of field `index` (0-based, below ``fieldCount``).
    @inline(__always)
    public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        sink.pointee.field(index)
    }

    /// Field `index` as a String.
    public func string(_ index: Int) -> String {
        String(decoding: field(index), as: UTF8.self)
    }

    /// The record's text as in the file, decoded, cut at the reader's raw-text limit.
    public var rawText: String {
        Self.decodeRaw(rawBytes, windows1251: rawIsWindows1251, limit: rawTextLimit)
    }

    /// Decodes a record's raw bytes (Windows-1251 or UTF-8) to at most `limit` characters.
    static func decodeRaw(_ bytes: some Collection<UInt8>, windows1251: Bool, limit: Int) -> String {
        let text = windows1251 ? Windows1251.decode(bytes) : String(decoding: bytes, as: UTF8.self)
        return text.prefix(characters: limit)
    }

    /// The total length of the fields in UTF-8 bytes.
    public var byteCount: Int { fieldCount == 0 ? 0 : sink.pointee.ends[fieldCount - 1] }
}

/// What ``CSVReader/nextRecord()`` yields.
public enum CSVRecordEvent {
    /// A record whose field count matches the header.
    case record(CSVRecord)
    /// A record that became a reject (bad quoting, wrong field count, a field too large).
    case problem(RawRowProblem)
}

extension String {
    /// The first `limit` characters (the whole text when it is no longer): the same as
    /// `count > limit ? String(prefix(limit)) : self`, without counting a long text to its end.
    func prefix(characters limit: Int) -> String {
        if utf8.count <= limit { return self }
        guard let end = index(startIndex, offsetBy: limit, limitedBy: endIndex) else { return self }
        return String(self[..<end])
    }
}
