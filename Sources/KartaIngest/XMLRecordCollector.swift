import CLibXML2
import KartaModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns the SAX events of record elements into ``KartaModel/RawRow``s, following a mapping.
///
/// Works in two steps, so that libxml2's parsing loop and the making of `String`s each run
/// with their own code hot in the instruction cache:
/// - while libxml2 parses a chunk, the SAX callbacks only copy bytes: each record's field
///   values and raw text go into buffers shared by the chunk's records, with its position;
/// - ``nextResult()`` then turns one such record into a `RawRow` (or a `RawRowProblem`), when
///   the reader is asked for it. ``recycle()`` empties the buffers once every record of the
///   chunk has been handed out, keeping a record still open at the chunk's end.
///
/// Its mutable state is marked `@exclusivity(unchecked)`: libxml2 calls back into it for every
/// tag, attribute and text run, and the runtime's access checks on that state were ~8 % of a
/// load's instructions (BENCHMARKS.md). One reader owns it on one thread, and no callback
/// re-enters another, so no two accesses can overlap.
final class XMLRecordCollector {
    typealias Name = UnsafePointer<xmlChar>

    /// Where a field's value is in ``values``: `start < 0` when the record has none.
    struct Span {
        var start: Int
        var end: Int
        static let none = Span(start: -1, end: -1)
    }

    /// A record read from the chunk, not yet handed out: its position in the file and where its
    /// bytes are in the collector's buffers.
    struct PendingRecord {
        var line: Int
        var column: Int?
        var byteOffset: Int64
        var index: Int
        /// Its raw text is `raw[rawStart..<rawEnd]`.
        var rawStart: Int
        var rawEnd: Int
        /// Its values start at `values[valuesStart]`; field `i` is `spans[spansStart + i]`.
        var valuesStart: Int
        var spansStart: Int
        /// Index in ``presetSets`` of its ancestor fields' values, -1 without ancestor fields.
        var presetSet: Int
        /// A child field that occurs twice (the record is a problem), else -1.
        var duplicateField: Int
    }

    let mapping: XMLRecordMapping
    /// A name no element has (libxml2 names are never empty), for a failed interning.
    nonisolated(unsafe) static let unmatchable: Name = {
        let name = UnsafeMutablePointer<xmlChar>.allocate(capacity: 1)
        name.pointee = 0
        return UnsafePointer(name)
    }()
    let rawTextLimit: Int
    private let fieldCount: Int
    /// Renders a raw text longer than the limit (cut, with `…`): made once, shared by records.
    private let renderTruncated: @Sendable ([UInt8]) -> String
    /// Renders a raw text within the limit: a closure without context, so a record holding it
    /// retains nothing for it.
    private static let renderWhole: @Sendable ([UInt8]) -> String = { String(decoding: $0, as: UTF8.self) }
    /// Record element name and (for a full path) the names from the document element.
    private let recordName: Name
    private let recordPath: [Name]?
    private let attributeFields: [(name: Name, index: Int)]
    private let childFields: [(name: Name, index: Int)]
    private let ancestorFields: [(levels: Int, name: Name, index: Int)]
    private let ancestorNames: Set<Name>

    /// Attributes kept for open elements outside records (only names some ancestor field needs).
    @exclusivity(unchecked) private var ancestorAttributes: [[(name: Name, value: String)]] = []
    /// Changes whenever ``ancestorAttributes`` does.
    @exclusivity(unchecked) private var ancestorGeneration = 0
    /// The values of the ancestor fields ("" for the other fields), one set per change of
    /// ancestors among the chunk's records; the last set is for ``presetGeneration``.
    @exclusivity(unchecked) private var presetSets: [[String]] = []
    @exclusivity(unchecked) private var presetGeneration = -1
    @exclusivity(unchecked) private var ancestorScratch: [UInt8] = []

    /// Depth of the open record element (stack count), 0 outside records.
    @exclusivity(unchecked) private var recordDepth = 0
    /// Per attribute position in a record's start tag: the name last seen there and its field.
    @exclusivity(unchecked) private var attributeSlots: [(name: Name, field: Int)] = []

    /// The chunk's records: field values, spans, raw texts, positions.
    @exclusivity(unchecked) private var values = ScratchBuffer<UInt8>(capacity: 64 * 1024)
    @exclusivity(unchecked) private var spans = ScratchBuffer<Span>(capacity: 4096)
    @exclusivity(unchecked) private var raw = ScratchBuffer<UInt8>(capacity: 64 * 1024)
    @exclusivity(unchecked) private var records = ScratchBuffer<PendingRecord>(capacity: 1024)
    /// The record being read (valid while ``recordDepth`` > 0).
    @exclusivity(unchecked) private var current = PendingRecord(
        line: 0, column: nil, byteOffset: 0, index: 0, rawStart: 0, rawEnd: 0, valuesStart: 0,
        spansStart: 0, presetSet: -1, duplicateField: -1)
    @exclusivity(unchecked) private var rawStartTagOpen = false
    /// Where the text being read in a child starts in ``raw`` (-1: none), and whether it is
    /// blank so far.
    @exclusivity(unchecked) private var textRunStart = -1
    @exclusivity(unchecked) private var textRunBlank = true
    @exclusivity(unchecked) private var capturing = -1
    @exclusivity(unchecked) private var captureStart = 0

    /// The next of ``records`` to hand out.
    @exclusivity(unchecked) private var cursor = 0
    /// Per field, the strings of long values that repeat (kinds, target groups, funding).
    @exclusivity(unchecked) private var fieldStrings: [RepeatedStringCache]

    @exclusivity(unchecked) private(set) var recordCount = 0
    @exclusivity(unchecked) private(set) var firstRecordLine: Int?

    init(mapping: XMLRecordMapping, dictionary: xmlDictPtr?, rawTextLimit: Int) {
        self.mapping = mapping
        self.rawTextLimit = rawTextLimit
        fieldCount = mapping.fields.count
        renderTruncated = { Self.renderRawText($0, limit: rawTextLimit) }
        func intern(_ name: String) -> Name {
            let bytes = Array(name.utf8)
            if let interned = bytes.withUnsafeBufferPointer({
                xmlDictLookup(dictionary, $0.baseAddress, Int32($0.count))
            }) {
                return interned
            }
            // Without a dictionary entry the name never matches anything.
            return XMLRecordCollector.unmatchable
        }
        let components = mapping.recordPathComponents
        recordName = intern(mapping.recordElement)
        recordPath = mapping.isFullPath ? components.map(intern) : nil
        var attributeFields: [(Name, Int)] = []
        var childFields: [(Name, Int)] = []
        var ancestorFields: [(Int, Name, Int)] = []
        for (index, field) in mapping.fields.enumerated() {
            switch field.path {
            case .attribute(let name): attributeFields.append((intern(name), index))
            case .childText(let name): childFields.append((intern(name), index))
            case .ancestorAttribute(let levels, let name):
                ancestorFields.append((levels, intern(name), index))
            }
        }
        self.attributeFields = attributeFields
        self.childFields = childFields
        self.ancestorFields = ancestorFields
        ancestorNames = Set(ancestorFields.map(\.1))
        fieldStrings = Array(repeating: RepeatedStringCache(), count: mapping.fields.count)
    }

    deinit {
        values.deallocate()
        spans.deallocate()
        raw.deallocate()
        records.deallocate()
    }

    private func isRecord(_ session: XMLParseSession, _ name: Name) -> Bool {
        guard name == recordName else { return false }
        guard let recordPath else { return true }
        guard session.stack.count == recordPath.count else { return false }
        for (open, expected) in zip(session.stack, recordPath) where open != expected { return false }
        return true
    }

    // MARK: - While libxml2 parses: bytes only

    func startElement(
        _ session: XMLParseSession, _ name: Name, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        let depth = session.stack.count
        endTextRun()
        if recordDepth == 0 {
            if isRecord(session, name) {
                beginRecord(session, name, count, attributes)
            } else {
                var kept: [(name: Name, value: String)] = []
                if !ancestorNames.isEmpty, count > 0, let attributes {
                    for i in 0..<count {
                        guard let attribute = attributes[5 * i], ancestorNames.contains(attribute),
                            let start = attributes[5 * i + 3], let end = attributes[5 * i + 4]
                        else { continue }
                        ancestorScratch.removeAll(keepingCapacity: true)
                        appendAttributeValue(start, end, to: &ancestorScratch)
                        kept.append((attribute, String(decoding: ancestorScratch, as: UTF8.self)))
                    }
                }
                ancestorAttributes.append(kept)
                ancestorGeneration &+= 1
            }
        } else if depth == recordDepth + 1 {
            closeStartTag()
            appendRaw(UInt8(ascii: "<"))
            appendRaw(name)
            appendRaw(UInt8(ascii: ">"))
            for field in childFields where field.name == name {
                if spans[current.spansStart + field.index].start >= 0, current.duplicateField < 0 {
                    current.duplicateField = field.index
                }
                capturing = field.index
                captureStart = values.count
            }
        }
    }

    func endElement(_ session: XMLParseSession) {
        let depth = session.stack.count
        endTextRun()
        guard recordDepth > 0 else {
            if !ancestorAttributes.isEmpty {
                ancestorAttributes.removeLast()
                ancestorGeneration &+= 1
            }
            return
        }
        if depth == recordDepth + 1 {
            if capturing >= 0 {
                let slot = current.spansStart + capturing
                if spans[slot].start < 0 { spans[slot] = Span(start: captureStart, end: values.count) }
                capturing = -1
            }
            appendRaw(UInt8(ascii: "<"))
            appendRaw(UInt8(ascii: "/"))
            appendRaw(session.stack[depth - 1])
            appendRaw(UInt8(ascii: ">"))
        } else if depth == recordDepth {
            if rawStartTagOpen {
                appendRaw(UInt8(ascii: "/"))
                appendRaw(UInt8(ascii: ">"))
                rawStartTagOpen = false
            } else {
                appendRaw(UInt8(ascii: "<"))
                appendRaw(UInt8(ascii: "/"))
                appendRaw(session.stack[depth - 1])
                appendRaw(UInt8(ascii: ">"))
            }
            current.rawEnd = raw.count
            records.append(current)
            recordCount += 1
            recordDepth = 0
        }
    }

    func characters(_ session: XMLParseSession, _ text: UnsafePointer<xmlChar>, _ length: Int) {
        guard recordDepth > 0, session.stack.count == recordDepth + 1 else { return }
        let buffer = UnsafeBufferPointer(start: text, count: length)
        if capturing >= 0 { values.append(text, count: length) }
        // libxml2 may hand one text in several calls (at chunk ends, around entities): whether
        // it is blank is decided for the whole text, at the next tag.
        if textRunStart < 0 {
            textRunStart = raw.count
            textRunBlank = true
        }
        if textRunBlank, buffer.contains(where: { $0 > 0x20 }) { textRunBlank = false }
        if rawCount < rawTextLimit { appendEscaped(buffer, quote: false) }
    }

    /// Ends the text being read in a child: a text that is only whitespace (indentation) is
    /// left out of the raw text.
    @inline(__always)
    private func endTextRun() {
        guard textRunStart >= 0 else { return }
        if textRunBlank { raw.removeLast(raw.count - textRunStart) }
        textRunStart = -1
    }

    private func beginRecord(
        _ session: XMLParseSession, _ name: Name, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        recordDepth = session.stack.count
        let start = session.startTagPosition()
        if firstRecordLine == nil { firstRecordLine = start.line }
        current = PendingRecord(
            line: start.line, column: start.column, byteOffset: start.byteOffset, index: recordCount,
            rawStart: raw.count, rawEnd: raw.count, valuesStart: values.count, spansStart: spans.count,
            presetSet: -1, duplicateField: -1)
        spans.append(repeating: .none, count: fieldCount)
        capturing = -1
        // The raw text starts with the start tag exactly as in the file (decoded to UTF-8).
        let renderAttributes = start.tag == nil
        // libxml2 turns an `&amp;` into `&#38;` (undone by appendAttributeValue); a start tag
        // without any `&` has values to copy as they are.
        var verbatim = false
        if let tag = start.tag, let base = tag.baseAddress {
            verbatim = memchr(base, Int32(UInt8(ascii: "&")), tag.count) == nil
            raw.append(base, count: min(tag.count, rawTextLimit + 1))
            // libxml2 calls back before it consumes the tag's closing `>` or `/>`: closed later.
            rawStartTagOpen = true
        } else {
            appendRaw(UInt8(ascii: "<"))
            appendRaw(name)
            rawStartTagOpen = true
        }
        if count > 0, let attributes {
            for i in 0..<count {
                guard let attribute = attributes[5 * i], let start = attributes[5 * i + 3],
                    let end = attributes[5 * i + 4]
                else { continue }
                let from = values.count
                if verbatim {
                    values.append(start, count: end - start)
                } else {
                    appendAttributeValue(start, end, to: &values)
                }
                if renderAttributes, rawCount < rawTextLimit {
                    appendRaw(UInt8(ascii: " "))
                    appendRaw(attribute)
                    appendRaw(UInt8(ascii: "="))
                    appendRaw(UInt8(ascii: "\""))
                    appendEscaped(
                        UnsafeBufferPointer(start: values.base + from, count: values.count - from),
                        quote: true)
                    appendRaw(UInt8(ascii: "\""))
                }
                let slot = attributeSlot(i, attribute)
                if slot >= 0 {
                    spans[current.spansStart + slot] = Span(start: from, end: values.count)
                } else if slot == XMLRecordCollector.severalFields {
                    for field in attributeFields where field.name == attribute {
                        spans[current.spansStart + field.index] = Span(start: from, end: values.count)
                    }
                }
            }
        }
        if !ancestorFields.isEmpty {
            if presetGeneration != ancestorGeneration || presetSets.isEmpty {
                // Ancestors of the record are the kept levels, innermost last.
                var set = [String](repeating: "", count: fieldCount)
                for field in ancestorFields {
                    let level = ancestorAttributes.count - field.levels
                    guard level >= 0 else { continue }
                    set[field.index] =
                        ancestorAttributes[level].first(where: { $0.name == field.name })?.value ?? ""
                }
                presetSets.append(set)
                presetGeneration = ancestorGeneration
            }
            current.presetSet = presetSets.count - 1
        }
    }

    /// ``attributeSlot(_:_:)`` for an attribute that no field takes.
    private static let noField = -1
    /// ``attributeSlot(_:_:)`` for an attribute that several fields take.
    private static let severalFields = -2

    /// The field an attribute fills, remembered by its place in the start tag: records of one
    /// export list their attributes in the same order, so the names (interned pointers) are
    /// matched against the mapping once, not once per record.
    @inline(__always)
    private func attributeSlot(_ position: Int, _ name: Name) -> Int {
        if position < attributeSlots.count, attributeSlots[position].name == name {
            return attributeSlots[position].field
        }
        var field = XMLRecordCollector.noField
        for candidate in attributeFields where candidate.name == name {
            field = field == XMLRecordCollector.noField ? candidate.index : XMLRecordCollector.severalFields
        }
        if position < attributeSlots.count {
            attributeSlots[position] = (name, field)
        } else if position == attributeSlots.count {
            attributeSlots.append((name, field))
        }
        return field
    }

    // MARK: - Handing records out

    /// True while some record of the chunk has not been handed out.
    var hasPendingRecords: Bool { cursor < records.count }

    /// The next record read, as a row (or a problem); nil once the chunk's records are all out.
    func nextResult() -> RawRowResult? {
        guard cursor < records.count else { return nil }
        let record = records[cursor]
        cursor += 1
        let recordSpans = spans.base + record.spansStart
        let presets = record.presetSet >= 0 ? presetSets[record.presetSet] : []
        var fields: [String] = []
        fields.reserveCapacity(fieldCount)
        for i in 0..<fieldCount {
            let span = recordSpans[i]
            if span.start >= 0 {
                let value = UnsafeBufferPointer(start: values.base + span.start, count: span.end - span.start)
                fields.append(fieldStrings[i].string(value))
            } else if i < presets.count {
                fields.append(presets[i])  // an ancestor field ("" where the ancestor lacks it)
            } else {
                fields.append("")
            }
        }
        let position = SourcePosition(
            line: record.line, column: record.column, byteOffset: record.byteOffset, recordIndex: record.index
        )
        let rawBytes = UnsafeBufferPointer(
            start: raw.base + record.rawStart, count: record.rawEnd - record.rawStart)
        if record.duplicateField >= 0 {
            let name = mapping.fields[record.duplicateField].name
            return .problem(
                RawRowProblem(
                    position: position, column: name, .repeatedElement(name: name),
                    rawText: Self.renderRawText(rawBytes, limit: rawTextLimit)))
        }
        // The raw text stays bytes until a reject needs it: most records load and never show it.
        let rawSource = RawText(
            bytes: Array(rawBytes), decode: rawBytes.count > rawTextLimit ? renderTruncated : Self.renderWhole)
        return .row(RawRow(fields: fields, position: position, rawSource: rawSource))
    }

    /// Empties the buffers once every record read has been handed out; a record still open (it
    /// continues in the next chunk) moves to the front.
    func recycle() {
        precondition(cursor == records.count, "records of the chunk not handed out yet")
        records.removeAll()
        cursor = 0
        if let last = presetSets.last, presetSets.count > 1 {
            presetSets = [last]
            if recordDepth > 0, current.presetSet >= 0 { current.presetSet = 0 }
        }
        guard recordDepth > 0 else {
            values.removeAll()
            spans.removeAll()
            raw.removeAll()
            return
        }
        let shift = current.valuesStart
        values.removeFirst(shift)
        if textRunStart >= 0 { textRunStart -= current.rawStart }
        raw.removeFirst(current.rawStart)
        spans.removeFirst(current.spansStart)
        for i in 0..<fieldCount where spans[i].start >= 0 {
            spans[i] = Span(start: spans[i].start - shift, end: spans[i].end - shift)
        }
        if capturing >= 0 { captureStart -= shift }
        current.valuesStart = 0
        current.rawStart = 0
        current.spansStart = 0
    }

    // MARK: - Raw text

    private static func renderRawText(_ raw: [UInt8], limit rawTextLimit: Int) -> String {
        raw.withUnsafeBufferPointer { renderRawText($0, limit: rawTextLimit) }
    }

    private static func renderRawText(_ raw: UnsafeBufferPointer<UInt8>, limit rawTextLimit: Int) -> String {
        guard raw.count > rawTextLimit else { return String(decoding: raw, as: UTF8.self) }
        var end = rawTextLimit
        while end > 0, raw[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: raw[..<end]), as: UTF8.self) + "…"
    }

    /// Bytes of the open record's raw text so far.
    private var rawCount: Int { raw.count - current.rawStart }

    /// Room left in the raw text: bytes past `rawTextLimit + 1` are never shown (the text is cut
    /// at the limit), so they are not kept.
    @inline(__always)
    private var rawRoom: Int { rawTextLimit + 1 - rawCount }

    private func closeStartTag() {
        if rawStartTagOpen {
            appendRaw(UInt8(ascii: ">"))
            rawStartTagOpen = false
        }
    }

    @inline(__always)
    private func appendRaw(_ byte: UInt8) {
        if rawCount <= rawTextLimit { raw.append(byte) }
    }

    private func appendRaw(_ name: Name) {
        let room = rawRoom
        guard room > 0 else { return }
        raw.append(name, count: min(room, Int(xmlStrlen(name))))
    }

    /// Appends bytes to the raw text, escaping `&`, `<` (and `"` in attribute values).
    private func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, quote: Bool) {
        guard let base = bytes.baseAddress else { return }
        let needsEscape = bytes.contains {
            $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || (quote && $0 == UInt8(ascii: "\""))
        }
        if needsEscape {
            for byte in bytes {
                guard rawRoom > 0 else { return }
                appendEscaped(byte, quote: quote)
            }
        } else {
            let room = rawRoom
            if room > 0 { raw.append(base, count: min(room, bytes.count)) }
        }
    }

    @inline(__always)
    private func appendEscaped(_ byte: UInt8, quote: Bool) {
        switch byte {
        case UInt8(ascii: "&"): appendLiteral("&amp;")
        case UInt8(ascii: "<"): appendLiteral("&lt;")
        case UInt8(ascii: "\"") where quote: appendLiteral("&quot;")
        default: raw.append(byte)
        }
    }

    private func appendLiteral(_ literal: StaticString) {
        let room = rawRoom
        guard room > 0 else { return }
        raw.append(literal.utf8Start, count: min(room, literal.utf8CodeUnitCount))
    }
}

/// Copies an attribute value as libxml2 hands it to SAX2, undoing its one escape: without
/// entity substitution it passes a literal `&` as `&#38;` (so that a tree could re-escape it).
@inline(__always)
func appendAttributeValue(
    _ start: UnsafePointer<xmlChar>, _ end: UnsafePointer<xmlChar>, to out: inout [UInt8]
) {
    let buffer = UnsafeBufferPointer(start: start, count: end - start)
    guard memchr(start, Int32(UInt8(ascii: "&")), end - start) != nil else {
        out.append(contentsOf: buffer)
        return
    }
    var i = 0
    let escape: [UInt8] = Array("&#38;".utf8)
    while i < buffer.count {
        if buffer[i] == UInt8(ascii: "&"), i + 5 <= buffer.count, buffer[i..<(i + 5)].elementsEqual(escape) {
            out.append(UInt8(ascii: "&"))
            i += 5
        } else {
            out.append(buffer[i])
            i += 1
        }
    }
}

/// ``appendAttributeValue(_:_:to:)`` into the collector's byte buffer.
@inline(__always)
func appendAttributeValue(
    _ start: UnsafePointer<xmlChar>, _ end: UnsafePointer<xmlChar>, to out: inout ScratchBuffer<UInt8>
) {
    let count = end - start
    if memchr(start, Int32(UInt8(ascii: "&")), count) == nil {
        out.append(start, count: count)
    } else {
        appendUnescaping(start, count, to: &out)
    }
}

/// Appends a value that has an `&`, turning each `&#38;` back into `&`.
private func appendUnescaping(
    _ start: UnsafePointer<xmlChar>, _ count: Int, to out: inout ScratchBuffer<UInt8>
) {
    var i = 0
    while i < count {
        if start[i] == UInt8(ascii: "&"), i + 5 <= count, start[i + 1] == UInt8(ascii: "#"),
            start[i + 2] == UInt8(ascii: "3"), start[i + 3] == UInt8(ascii: "8"),
            start[i + 4] == UInt8(ascii: ";")
        {
            out.append(UInt8(ascii: "&"))
            i += 5
        } else {
            out.append(start[i])
            i += 1
        }
    }
}
