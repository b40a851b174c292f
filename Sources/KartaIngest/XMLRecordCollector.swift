import CLibXML2
import KartaModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns the SAX events of record elements into ``KartaModel/RawRow``s, following a mapping.
///
/// Works on bytes until a record is complete: attribute values and child text are copied into
/// one reusable byte buffer, and only the finished record becomes `String`s.
final class XMLRecordCollector {
    typealias Name = UnsafePointer<xmlChar>

    let mapping: XMLRecordMapping
    /// A name no element has (libxml2 names are never empty), for a failed interning.
    nonisolated(unsafe) static let unmatchable: Name = {
        let name = UnsafeMutablePointer<xmlChar>.allocate(capacity: 1)
        name.pointee = 0
        return UnsafePointer(name)
    }()
    let rawTextLimit: Int
    /// Renders a record's raw bytes: made once, so a record shares it instead of allocating a closure.
    private let renderRaw: @Sendable ([UInt8]) -> String
    /// Record element name and (for a full path) the names from the document element.
    private let recordName: Name
    private let recordPath: [Name]?
    private let attributeFields: [(name: Name, index: Int)]
    private let childFields: [(name: Name, index: Int)]
    private let ancestorFields: [(levels: Int, name: Name, index: Int)]
    private let ancestorNames: Set<Name>

    /// Attributes kept for open elements outside records (only names some ancestor field needs).
    @exclusivity(unchecked) private var ancestorAttributes: [[(name: Name, value: String)]] = []

    /// Depth of the open record element (stack count), 0 outside records.
    @exclusivity(unchecked) private var recordDepth = 0
    /// Per attribute position in a record's start tag: the name last seen there and its field.
    @exclusivity(unchecked) private var attributeSlots: [(name: Name, field: Int)] = []
    @exclusivity(unchecked) private var values: [UInt8] = []
    @exclusivity(unchecked) private var ranges: [Range<Int>?]
    @exclusivity(unchecked) private var presets: [String?]
    /// Per field, the strings of values that repeat (kinds, groups, funding).
    @exclusivity(unchecked) private var fieldStrings: [RepeatedStringCache]
    @exclusivity(unchecked) private var raw: [UInt8] = []
    /// Where finished records keep their raw bytes: many records per allocation.
    @exclusivity(unchecked) private var rawArena = RawTextArena(capacity: 256 * 1024)
    @exclusivity(unchecked) private var rawStartTagOpen = false
    @exclusivity(unchecked) private var capturing = -1
    @exclusivity(unchecked) private var captureStart = 0
    @exclusivity(unchecked) private var duplicateField: Int?
    @exclusivity(unchecked) private var position = SourcePosition(line: 0, byteOffset: 0, recordIndex: 0)

    @exclusivity(unchecked) private(set) var recordCount = 0
    @exclusivity(unchecked) private(set) var firstRecordLine: Int?
    /// Records finished since the caller last drained them.
    @exclusivity(unchecked) var pending: [RawRowResult] = []

    init(mapping: XMLRecordMapping, dictionary: xmlDictPtr?, rawTextLimit: Int) {
        self.mapping = mapping
        self.rawTextLimit = rawTextLimit
        renderRaw = { Self.renderRawText($0, limit: rawTextLimit) }
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
        ranges = Array(repeating: nil, count: mapping.fields.count)
        presets = Array(repeating: nil, count: mapping.fields.count)
        fieldStrings = Array(repeating: RepeatedStringCache(), count: mapping.fields.count)
        values.reserveCapacity(4096)
        raw.reserveCapacity(rawTextLimit + 64)
    }

    private func isRecord(_ session: XMLParseSession, _ name: Name) -> Bool {
        guard name == recordName else { return false }
        guard let recordPath else { return true }
        guard session.stack.count == recordPath.count else { return false }
        for (open, expected) in zip(session.stack, recordPath) where open != expected { return false }
        return true
    }

    func startElement(
        _ session: XMLParseSession, _ name: Name, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        let depth = session.stack.count
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
                        values.removeAll(keepingCapacity: true)
                        appendAttributeValue(start, end, to: &values)
                        kept.append((attribute, String(decoding: values, as: UTF8.self)))
                    }
                }
                ancestorAttributes.append(kept)
            }
        } else if depth == recordDepth + 1 {
            closeStartTag()
            appendRaw(UInt8(ascii: "<"))
            appendRaw(name)
            appendRaw(UInt8(ascii: ">"))
            for field in childFields where field.name == name {
                if ranges[field.index] != nil, duplicateField == nil { duplicateField = field.index }
                capturing = field.index
                captureStart = values.count
            }
        }
    }

    func endElement(_ session: XMLParseSession) {
        let depth = session.stack.count
        guard recordDepth > 0 else {
            if !ancestorAttributes.isEmpty { ancestorAttributes.removeLast() }
            return
        }
        if depth == recordDepth + 1 {
            if capturing >= 0 {
                if ranges[capturing] == nil { ranges[capturing] = captureStart..<values.count }
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
            finishRecord()
        }
    }

    func characters(_ session: XMLParseSession, _ text: UnsafePointer<xmlChar>, _ length: Int) {
        guard recordDepth > 0, session.stack.count == recordDepth + 1 else { return }
        let buffer = UnsafeBufferPointer(start: text, count: length)
        if capturing >= 0 { values.append(contentsOf: buffer) }
        if raw.count < rawTextLimit, buffer.contains(where: { $0 > 0x20 }) {
            appendEscaped(buffer, quote: false)
        }
    }

    private func beginRecord(
        _ session: XMLParseSession, _ name: Name, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        recordDepth = session.stack.count
        let start = session.startTagPosition()
        position = SourcePosition(
            line: start.line, column: start.column, byteOffset: start.byteOffset, recordIndex: recordCount)
        if firstRecordLine == nil { firstRecordLine = start.line }
        values.removeAll(keepingCapacity: true)
        raw.removeAll(keepingCapacity: true)
        ranges.withUnsafeMutableBufferPointer { $0.update(repeating: nil) }
        if !ancestorFields.isEmpty {
            presets.withUnsafeMutableBufferPointer { $0.update(repeating: nil) }
        }
        duplicateField = nil
        capturing = -1
        // The raw text starts with the start tag exactly as in the file (decoded to UTF-8).
        let renderAttributes = start.tag == nil
        if let tag = start.tag {
            raw.append(contentsOf: UnsafeBufferPointer(rebasing: tag[..<min(tag.count, rawTextLimit + 1)]))
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
                appendAttributeValue(start, end, to: &values)
                if renderAttributes, raw.count < rawTextLimit {
                    appendRaw(UInt8(ascii: " "))
                    appendRaw(attribute)
                    appendRaw(UInt8(ascii: "="))
                    appendRaw(UInt8(ascii: "\""))
                    values.withUnsafeBufferPointer {
                        appendEscaped(UnsafeBufferPointer(rebasing: $0[from...]), quote: true)
                    }
                    appendRaw(UInt8(ascii: "\""))
                }
                let slot = attributeSlot(i, attribute)
                if slot >= 0 {
                    ranges[slot] = from..<values.count
                } else if slot == XMLRecordCollector.severalFields {
                    for field in attributeFields where field.name == attribute {
                        ranges[field.index] = from..<values.count
                    }
                }
            }
        }
        // Ancestors of the record are the kept levels, innermost last.
        for field in ancestorFields {
            let level = ancestorAttributes.count - field.levels
            guard level >= 0 else { continue }
            presets[field.index] = ancestorAttributes[level].first(where: { $0.name == field.name })?.value
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

    private func finishRecord() {
        var fields: [String] = []
        fields.reserveCapacity(ranges.count)
        values.withUnsafeBufferPointer { buffer in
            for i in ranges.indices {
                if let preset = presets[i] {
                    fields.append(preset)
                } else if let range = ranges[i] {
                    fields.append(fieldStrings[i].string(UnsafeBufferPointer(rebasing: buffer[range])))
                } else {
                    fields.append("")
                }
            }
        }
        if let duplicate = duplicateField {
            let rawText = Self.renderRawText(raw, limit: rawTextLimit)
            let name = mapping.fields[duplicate].name
            pending.append(
                .problem(
                    RawRowProblem(
                        position: position, column: name, reason: .malformed,
                        message:
                            "the record has more than one `\(name)` element; karta cannot tell which one to use",
                        rawText: rawText)))
        } else {
            // The raw text stays bytes until a reject needs it: most records load and never show it.
            let rawSource = raw.withUnsafeBufferPointer {
                RawTextArena.keep($0, in: &rawArena, decode: renderRaw)
            }
            pending.append(.row(RawRow(fields: fields, position: position, rawSource: rawSource)))
        }
        recordCount += 1
        recordDepth = 0
    }

    private static func renderRawText(_ raw: [UInt8], limit rawTextLimit: Int) -> String {
        guard raw.count > rawTextLimit else { return String(decoding: raw, as: UTF8.self) }
        var end = rawTextLimit
        while end > 0, raw[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: raw[..<end], as: UTF8.self) + "…"
    }

    private func closeStartTag() {
        if rawStartTagOpen {
            appendRaw(UInt8(ascii: ">"))
            rawStartTagOpen = false
        }
    }

    @inline(__always)
    private func appendRaw(_ byte: UInt8) {
        if raw.count <= rawTextLimit { raw.append(byte) }
    }

    private func appendRaw(_ name: Name) {
        guard raw.count <= rawTextLimit else { return }
        raw.append(contentsOf: UnsafeBufferPointer(start: name, count: Int(xmlStrlen(name))))
    }

    /// Appends bytes to the raw text, escaping `&`, `<` (and `"` in attribute values).
    private func appendEscaped(_ bytes: some Collection<UInt8>, quote: Bool) {
        let needsEscape = bytes.contains {
            $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || (quote && $0 == UInt8(ascii: "\""))
        }
        if needsEscape {
            for byte in bytes { appendEscaped(byte, quote: quote) }
        } else {
            raw.append(contentsOf: bytes)
        }
    }

    @inline(__always)
    private func appendEscaped(_ byte: UInt8, quote: Bool) {
        switch byte {
        case UInt8(ascii: "&"): raw.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
        case UInt8(ascii: "<"): raw.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
        case UInt8(ascii: "\"") where quote: raw.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])
        default: raw.append(byte)
        }
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
