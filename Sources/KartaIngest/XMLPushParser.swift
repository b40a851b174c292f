import KartaModel
import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One file read through libxml2's SAX2 push parser, a chunk at a time.
///
/// A file that declares `windows-1251` (without a BOM) is transcoded to UTF-8 by karta's table
/// (``XMLWindows1251Input``) and parsed with `XML_PARSE_IGNORE_ENC`; any other encoding is
/// decoded by libxml2.
///
/// Options: `XML_PARSE_NONET` (and `IGNORE_ENC` as above) — never `NOENT` (entity substitution), `DTDLOAD`,
/// `DTDVALID`, `HUGE` or `RECOVER`. libxml2's errors arrive through the SAX handler's
/// structured error callback (and, for errors raised outside the parser context such as
/// encoding conversion, through the thread's structured error handler, set around each
/// `xmlParseChunk` and restored after).
final class XMLPushParser {
    let path: String
    let session: XMLParseSession
    let ctxt: xmlParserCtxtPtr
    private let fd: Int32
    private let chunkSize: Int
    private let buffer: UnsafeMutablePointer<CChar>
    private(set) var bytesRead: Int64 = 0
    private(set) var finished = false
    /// The first bytes of the file (for BOM and encoding detection).
    let prefix: [UInt8]
    /// The encoding named in the XML declaration, as written.
    let declaredEncoding: String?
    /// Set when karta transcodes the file (declared windows-1251) instead of libxml2.
    private let windows1251: XMLWindows1251Input?

    init(path: String, options: XMLReadOptions, configure: (XMLParseSession) -> Void) throws(XMLReadError) {
        _ = XMLPushParser.libraryInitialized
        self.path = path
        chunkSize = options.chunkSize
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw XMLReadError(kind: .unreadable, path: path, reason: String(cString: strerror(errno)))
        }
        self.fd = fd
        buffer = .allocate(capacity: options.chunkSize)
        let session = XMLParseSession(path: path, limits: options.limits)
        configure(session)
        self.session = session
        var head = [CChar](repeating: 0, count: 4)
        let headCount = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 4, 0) }
        prefix = head.prefix(max(0, headCount)).map { UInt8(bitPattern: $0) }
        var sax = XMLSAXHandler.make()
        let user = Unmanaged.passUnretained(session).toOpaque()
        // The first bytes go in at creation, for libxml2's encoding detection (UTF-16 BOM).
        let created = head.withUnsafeBufferPointer {
            xmlCreatePushParserCtxt(&sax, user, $0.baseAddress, Int32(max(0, headCount)), path)
        }
        guard let ctxt = created else {
            buffer.deallocate()
            close(fd)
            throw XMLReadError(kind: .unreadable, path: path, reason: "libxml2 could not create a parser")
        }
        self.ctxt = ctxt
        session.ctxt = ctxt
        var head512 = [UInt8](repeating: 0, count: 512)
        let head512Count = head512.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 512, 0) }
        let declaration = XMLPushParser.encodingDeclaration(Array(head512.prefix(max(0, head512Count))))
        declaredEncoding = declaration?.name
        var parseOptions = Int32(XML_PARSE_NONET.rawValue)
        if let declaration, XMLWindows1251Input.isWindows1251(declaration.name) {
            // No BOM can precede an ASCII declaration, so the file is Windows-1251 from byte 0.
            windows1251 = XMLWindows1251Input(chunkSize: options.chunkSize)
            parseOptions |= Int32(XML_PARSE_IGNORE_ENC.rawValue)
            session.offsets.assumeSingleByte(from: 0)
        } else {
            windows1251 = nil
            session.offsets.declarationEnd = declaration?.end ?? 0
        }
        xmlCtxtUseOptions(ctxt, parseOptions)
        bytesRead = Int64(max(0, headCount))
        _ = lseek(fd, off_t(bytesRead), SEEK_SET)
    }

    /// libxml2's global state, set up once before any thread parses.
    static let libraryInitialized: Void = xmlInitParser()

    deinit {
        xmlFreeParserCtxt(ctxt)
        buffer.deallocate()
        close(fd)
    }

    /// The parser's dictionary, for interning the names a mapping looks for.
    var dictionary: xmlDictPtr? { ctxt.pointee.dict }

    /// The encoding named in an ASCII-compatible XML declaration at the start of the file, and
    /// the offset just after the closing quote of its value.
    static func encodingDeclaration(_ head: [UInt8]) -> (name: String, end: Int64)? {
        guard head.starts(with: Array("<?xml".utf8)), let close = head.firstRange(of: Array("?>".utf8)),
            let name = head[..<close.lowerBound].firstRange(of: Array("encoding".utf8))
        else { return nil }
        var i = name.upperBound
        while i < close.lowerBound, head[i] != UInt8(ascii: "\""), head[i] != UInt8(ascii: "'") { i += 1 }
        guard i < close.lowerBound else { return nil }
        let quote = head[i]
        i += 1
        let valueStart = i
        while i < close.lowerBound, head[i] != quote { i += 1 }
        guard i < close.lowerBound else { return nil }
        return (String(decoding: head[valueStart..<i], as: UTF8.self), Int64(i + 1))
    }

    /// The encoding as declared in the file, or as detected from its BOM.
    var encodingName: String {
        let declared =
            ctxt.pointee.encoding.map { String(cString: $0) }
            ?? ctxt.pointee.input?.pointee.encoding.map { String(cString: $0) } ?? declaredEncoding
        if prefix.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if prefix.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8-BOM" }
        return declared ?? "UTF-8"
    }

    /// Reads and parses the next chunk; false once the end of the file has been parsed.
    ///
    /// With `terminateAtEnd` false (the detection pre-scan) the end of the file is not told to
    /// libxml2, so a truncated file is reported by the reading pass, after its records.
    func feedNextChunk(terminateAtEnd: Bool = true) throws(XMLReadError) -> Bool {
        if let failure = session.failure { throw failure }
        guard !finished else { return false }
        var count = 0
        repeat {
            count = read(fd, buffer, chunkSize)
        } while count < 0 && errno == EINTR
        guard count >= 0 else {
            throw XMLReadError(kind: .unreadable, path: path, reason: String(cString: strerror(errno)))
        }
        if count > 0, bytesRead + Int64(count) > session.limits.maxFileBytes {
            session.refuse(
                "the file is larger than \(session.limits.maxFileBytes) bytes (limit maxFileBytes)")
            throw session.failure ?? XMLReadError(kind: .refused, path: path, reason: "file too large")
        }
        session.chunkBytes = bytesRead..<(bytesRead + Int64(count))
        bytesRead += Int64(count)
        if count == 0 && !terminateAtEnd {
            finished = true
            return false
        }
        var input = UnsafeRawPointer(buffer)
        var inputCount = count
        if let windows1251, count > 0 {
            switch windows1251.transcode(UnsafeRawBufferPointer(start: buffer, count: count)) {
            case .transcoded(let produced):
                input = UnsafeRawPointer(windows1251.output)
                inputCount = produced
            case .unassigned(let index):
                throw undecodableByte(at: session.chunkBytes.lowerBound + Int64(index))
            }
        }
        let status = withThreadErrorHandler {
            xmlParseChunk(
                ctxt, count > 0 ? input.assumingMemoryBound(to: CChar.self) : nil, Int32(inputCount),
                count == 0 ? 1 : 0)
        }
        if let failure = session.failure { throw failure }
        if status != 0 {
            let (line, column) = session.currentLineColumn()
            throw XMLReadError(
                kind: status == Int32(XML_ERR_INVALID_ENCODING.rawValue) ? .malformed : .malformed,
                path: path,
                line: line, column: column, reason: "libxml2 stopped with error code \(status)")
        }
        if count == 0 {
            finished = true
            if ctxt.pointee.wellFormed == 0 {
                throw XMLReadError(kind: .malformed, path: path, reason: "the document is not well-formed")
            }
            return false
        }
        return true
    }

    /// The error for a byte Windows-1251 does not assign, at its line and column.
    private func undecodableByte(at offset: Int64) -> XMLReadError {
        let (line, column) = lineAndColumn(ofByte: offset)
        return XMLReadError(
            kind: .malformed, path: path, line: line, column: column,
            reason:
                "byte 0x98 at byte offset \(offset) is not a character in windows-1251, the encoding the file declares",
            reportedByLibxml2: false)
    }

    /// 1-based line and column (one character per byte) of a file offset, by reading up to it.
    private func lineAndColumn(ofByte offset: Int64) -> (Int?, Int?) {
        var line = 1
        var lineStart: Int64 = 0
        var position: Int64 = 0
        var block = [UInt8](repeating: 0, count: 64 * 1024)
        while position < offset {
            let wanted = Int(min(Int64(block.count), offset - position))
            let n = block.withUnsafeMutableBytes { pread(fd, $0.baseAddress, wanted, off_t(position)) }
            guard n > 0 else { return (nil, nil) }
            for i in 0..<n where block[i] == 0x0A {
                line += 1
                lineStart = position + Int64(i) + 1
            }
            position += Int64(n)
        }
        return (line, Int(offset - lineStart) + 1)
    }

    private func withThreadErrorHandler(_ body: () -> Int32) -> Int32 {
        let previousHandler: xmlStructuredErrorFunc? = __xmlStructuredError()?.pointee
        let previousContext: UnsafeMutableRawPointer? = __xmlStructuredErrorContext()?.pointee
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(session).toOpaque(), XMLSAXHandler.structuredError)
        defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }
        return body()
    }
}
