import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The per-file state that libxml2's SAX2 callbacks work on: security checks, the element
/// stack, positions, and either a record collector or a structure survey.
///
/// libxml2 calls back into Swift through C function pointers; the session travels as the
/// parser context's user data (`Unmanaged`, unretained: the push parser owns the session).
final class XMLParseSession {
    let path: String
    let limits: XMLReadLimits
    @exclusivity(unchecked) var ctxt: xmlParserCtxtPtr?
    /// The first file-level failure; once set, the parser is stopped and nothing more is kept.
    @exclusivity(unchecked) var failure: XMLReadError? {
        didSet { failed = failure != nil }
    }
    /// True once ``failure`` is set: what the callbacks check (a `Bool`, not a copy of the error).
    @exclusivity(unchecked) private(set) var failed = false
    /// Open elements' local names (interned in the parser's dictionary), outermost first.
    @exclusivity(unchecked) var stack: [UnsafePointer<xmlChar>] = []
    /// UTF-8 bytes of the text node being read (reset at every tag).
    @exclusivity(unchecked) var textBytes = 0
    @exclusivity(unchecked) unowned(unsafe) var records: XMLRecordCollector?
    @exclusivity(unchecked) unowned(unsafe) var survey: XMLStructureSurvey?
    @exclusivity(unchecked) var offsets = XMLByteOffsetCounter()
    /// Where the last construct ended (decoded offset, line, column): usually the `<` of the
    /// next start tag, which saves scanning back for it.
    @exclusivity(unchecked) var mark: (decoded: Int, line: Int32, column: Int32) = (-1, 0, 0)
    /// The file bytes of the chunk being parsed, for errors that carry no line.
    var chunkBytes: Range<Int64> = 0..<0

    init(path: String, limits: XMLReadLimits) {
        self.path = path
        self.limits = limits
        stack.reserveCapacity(64)
    }

    /// Refuses the file: records why and, from a SAX callback, stops libxml2.
    ///
    /// From the error callback (`stop` false) the parser is not stopped: errors also arrive from
    /// inside libxml2's input buffer code, where halting the parser frees the buffer in use.
    /// Every callback ignores events once a failure is recorded, and the chunk loop throws it.
    func refuse(_ reason: String, line: Int? = nil, column: Int? = nil, stop: Bool = true) {
        guard failure == nil else { return }
        let (currentLine, currentColumn) = currentLineColumn()
        failure = XMLReadError(
            kind: .refused, path: path, line: line ?? currentLine, column: column ?? currentColumn,
            reason: reason)
        if stop, let ctxt { xmlStopParser(ctxt) }
    }

    func currentLineColumn() -> (Int?, Int?) {
        guard let input = ctxt?.pointee.input else { return (nil, nil) }
        return (Int(input.pointee.line), Int(input.pointee.col))
    }

    /// Takes libxml2's structured error: the first error or fatal error fails the file.
    func take(_ error: UnsafePointer<xmlError>) {
        let e = error.pointee
        var message =
            e.message.map { String(cString: $0) }?.trimmingWhitespace.split(whereSeparator: \.isNewline)
            .joined(separator: "; ") ?? "unknown error"
        // Errors from the encoding converter come before parsing reaches the bytes: no line.
        let line = e.line > 0 ? Int(e.line) : nil
        let column = e.int2 > 0 && e.line > 0 ? Int(e.int2) : nil
        if line == nil {
            message += " (in bytes \(chunkBytes.lowerBound)–\(chunkBytes.upperBound) of the file)"
        }
        // An entity used but not declared in the file (perhaps in an external DTD, never loaded).
        if e.code == Int32(XML_WAR_UNDECLARED_ENTITY.rawValue)
            || e.code == Int32(XML_ERR_UNDECLARED_ENTITY.rawValue)
        {
            refuse(
                "the file refers to an entity that is not declared in it (\(message)); external entities are never loaded",
                line: line, column: column, stop: false)
            return
        }
        if e.level == XML_ERR_WARNING { return }
        guard failure == nil else { return }
        if let limit = XMLParseSession.libxml2LimitReason(message) {
            failure = XMLReadError(kind: .refused, path: path, line: line, column: column, reason: limit)
        } else {
            failure = XMLReadError(kind: .malformed, path: path, line: line, column: column, reason: message)
        }
    }

    /// libxml2's own hard limits (it runs without `XML_PARSE_HUGE`), reported as refusals.
    static func libxml2LimitReason(_ message: String) -> String? {
        if message.contains("AttValue length too long") || message.contains("Huge input lookup")
            || message.contains("length too long") || message.contains("Name too long")
        {
            return "a single value or tag is larger than libxml2's limit of 10,000,000 bytes (\(message))"
        }
        if message.contains("Excessive depth") { return "the elements nest too deep (\(message))" }
        if message.contains("Detected an entity reference loop") || message.contains("amplification") {
            return "entity expansion (\(message))"
        }
        return nil
    }

    /// Position of the markup construct that ends at the parser's cursor (the `<` of the start
    /// tag just parsed): 1-based line and column (in characters, like libxml2), byte offset in
    /// the file; and the start tag's text as libxml2 decoded it. '<' never occurs inside a tag, so the last '<' before the cursor starts it.
    func startTagPosition() -> (
        line: Int, column: Int?, byteOffset: Int64, tag: UnsafeBufferPointer<xmlChar>?, closing: UInt8
    ) {
        guard let input = ctxt?.pointee.input, let base = input.pointee.base, let cur = input.pointee.cur
        else { return (0, nil, 0, nil, 0) }
        let line = Int(input.pointee.line)
        let col = Int(input.pointee.col)
        // Fast path: the previous construct ended at this tag's '<' (no other '<' in between).
        let consumed = Int(input.pointee.consumed)
        let marked = mark.decoded - consumed
        if marked >= 0, marked < cur - base {
            let start = base + marked
            if start.pointee == UInt8(ascii: "<"), memchr(start + 1, 0x3C, cur - start - 1) == nil {
                let closing = input.pointee.end.map { cur < $0 ? cur.pointee : 0 } ?? 0
                return (
                    Int(mark.line), Int(mark.column), offsets.byteOffset(of: start, input: input),
                    UnsafeBufferPointer(start: start, count: cur - start), closing
                )
            }
        }
        // One pass back from the cursor to the '<': characters and newlines in between.
        var p = cur
        var newlines = 0
        var characters = 0
        while p > base {
            p -= 1
            let byte = p.pointee
            if byte == UInt8(ascii: "<") { break }
            if byte == 0x0A { newlines += 1 }
            if byte & 0xC0 != 0x80 { characters += 1 }
        }
        guard p.pointee == UInt8(ascii: "<") else {
            return (line, nil, offsets.byteOffset(of: cur, input: input), nil, 0)
        }
        characters += 1
        var column: Int? = nil
        if newlines == 0 {
            column = col - characters
        } else {
            var s = p
            var count = 0
            while s > base, (s - 1).pointee != 0x0A {
                s -= 1
                if s.pointee & 0xC0 != 0x80 { count += 1 }
            }
            if s > base { column = count + 1 }
        }
        let closing = input.pointee.end.map { cur < $0 ? cur.pointee : 0 } ?? 0
        return (
            line - newlines, column, offsets.byteOffset(of: p, input: input),
            UnsafeBufferPointer(start: p, count: cur - p),
            closing
        )
    }
}

extension XMLParseSession {
    /// Remembers where the construct just parsed ended (called at the end of callbacks).
    @inline(__always)
    func markCursor() {
        guard let input = ctxt?.pointee.input, let base = input.pointee.base, let cur = input.pointee.cur
        else { return }
        mark = (Int(input.pointee.consumed) + (cur - base), input.pointee.line, input.pointee.col)
    }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        return String(scalars)
    }
}
