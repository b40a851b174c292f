import KartaModel

/// A streaming XML reader: libxml2's SAX2 push parser turns a repeating element into flat
/// ``KartaModel/RawRow``s, in constant memory, refusing hostile files.
///
/// ```swift
/// let reader = try XMLReader(path: "asp-export.xml", options: XMLReadOptions())
/// print(reader.description.recordElement, reader.description.header)
/// while let result = try reader.next() { ... }
/// ```
/// The file is parsed a chunk at a time; the records one chunk produces are kept as bytes
/// until `next()` turns each into a row. A malformed or hostile file throws ``XMLReadError`` — from
/// `init` when it shows before the first record, from `next()` after — and then nothing read
/// from it may be kept.
public final class XMLReader: RawRowSource {
    public let description: RawSourceDescription
    /// The mapping in use: the given one, or the detected one.
    public let mapping: XMLRecordMapping
    private let parser: XMLPushParser
    private let collector: XMLRecordCollector

    public init(path: String, options: XMLReadOptions = XMLReadOptions()) throws(XMLReadError) {
        let mapping: XMLRecordMapping
        if let given = options.mapping {
            mapping = given
        } else {
            mapping = try XMLRecordDetection.detect(path: path, options: options)
        }
        parser = try XMLPushParser(path: path, options: options) { _ in }
        let collector = XMLRecordCollector(
            mapping: mapping, dictionary: parser.dictionary, rawTextLimit: options.rawTextLimit)
        parser.session.records = collector
        self.collector = collector
        self.mapping = mapping
        // Read up to the first record, so the description can name its line.
        while !collector.hasPendingRecords {
            collector.recycle()
            guard try parser.feedNextChunk() else { break }
        }
        description = RawSourceDescription(
            path: path, format: .xml, encoding: parser.encodingName,
            headerLine: collector.firstRecordLine ?? 0,
            header: mapping.fields.map(\.name), recordElement: mapping.recordElement)
    }

    /// Records read so far (including those still buffered).
    public var recordCount: Int { collector.recordCount }

    public func next() throws -> RawRowResult? {
        while true {
            if let result = collector.nextResult() { return result }
            // Every record of the chunk is out: parse the next one.
            collector.recycle()
            guard try parser.feedNextChunk() else { return collector.nextResult() }
        }
    }

    /// True when the bytes look like the start of an XML document: a BOM, then optional
    /// whitespace, then `<?xml` or `<` and a name start (UTF-8), or UTF-16 `<` in either order.
    public static func looksLikeXML(prefix bytes: some Collection<UInt8>) -> Bool {
        let b = Array(bytes.prefix(512))
        if b.starts(with: [0xFF, 0xFE, 0x3C, 0x00]) || b.starts(with: [0xFE, 0xFF, 0x00, 0x3C])
            || b.starts(with: [0x3C, 0x00, 0x3F, 0x00]) || b.starts(with: [0x00, 0x3C, 0x00, 0x3F])
        {
            return true
        }
        var i = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < b.count, [0x20, 0x09, 0x0A, 0x0D].contains(b[i]) { i += 1 }
        guard i + 1 < b.count, b[i] == UInt8(ascii: "<") else { return false }
        let next = b[i + 1]
        return next == UInt8(ascii: "?") || next == UInt8(ascii: "!") || next >= 0x80
            || (next | 0x20 >= UInt8(ascii: "a") && next | 0x20 <= UInt8(ascii: "z"))
            || next == UInt8(ascii: "_")
    }
}
