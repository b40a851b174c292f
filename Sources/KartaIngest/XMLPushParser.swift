import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One file read through libxml2's SAX2 push parser, a chunk at a time.
///
/// Options: `XML_PARSE_NONET` only — never `NOENT` (entity substitution), `DTDLOAD`,
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
        xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue))
        session.ctxt = ctxt
        var declaration = [UInt8](repeating: 0, count: 512)
        let declarationCount = declaration.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 512, 0) }
        session.offsets.declarationEnd = XMLPushParser.encodingDeclarationEnd(
            Array(declaration.prefix(max(0, declarationCount))))
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

    /// The offset just after the closing quote of `encoding="..."` in an ASCII-compatible XML
    /// declaration at the start of the file, or 0.
    static func encodingDeclarationEnd(_ head: [UInt8]) -> Int64 {
        guard head.starts(with: Array("<?xml".utf8)), let close = head.firstRange(of: Array("?>".utf8)),
            let name = head[..<close.lowerBound].firstRange(of: Array("encoding".utf8))
        else { return 0 }
        var i = name.upperBound
        while i < close.lowerBound, head[i] != UInt8(ascii: "\""), head[i] != UInt8(ascii: "'") { i += 1 }
        guard i < close.lowerBound else { return 0 }
        let quote = head[i]
        i += 1
        while i < close.lowerBound, head[i] != quote { i += 1 }
        return i < close.lowerBound ? Int64(i + 1) : 0
    }

    /// The encoding as declared in the file, or as detected from its BOM.
    var encodingName: String {
        let declared =
            ctxt.pointee.encoding.map { String(cString: $0) }
            ?? ctxt.pointee.input?.pointee.encoding.map { String(cString: $0) }
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
        let status = withThreadErrorHandler {
            xmlParseChunk(ctxt, count > 0 ? buffer : nil, Int32(count), count == 0 ? 1 : 0)
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

    private func withThreadErrorHandler(_ body: () -> Int32) -> Int32 {
        let previousHandler: xmlStructuredErrorFunc? = __xmlStructuredError()?.pointee
        let previousContext: UnsafeMutableRawPointer? = __xmlStructuredErrorContext()?.pointee
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(session).toOpaque(), XMLSAXHandler.structuredError)
        defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }
        return body()
    }
}
