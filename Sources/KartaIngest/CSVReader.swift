import KartaModel

/// Reads one CSV export as a stream of rows with exact provenance: the `RawRowSource` for CSV.
///
/// Opening sniffs the file (encoding, delimiter, quote, line ending, header row below any title
/// lines) unless the options say otherwise, reads the header, and refuses the file as a whole
/// (``IngestError``) when it cannot be read as text. Then each record comes out as a row or as a
/// problem (`malformed`, `field_too_large`); blank lines and all-empty records (`;;;;`) are
/// skipped. A file with a header and no records is refused (``IngestError/headerOnly``): a
/// register export without a single service is almost always a failed export. Set
/// ``CSVReadOptions/allowHeaderOnly`` to read it as zero rows instead (as DuckDB does). A record with fewer fields than the header is `malformed`; extra fields are accepted
/// only when they are empty (Excel's trailing delimiters). Memory stays bounded by the chunk
/// size and the field limit, whatever the file size.
public final class CSVReader: RawRowSource {
    public let description: RawSourceDescription
    /// What was detected (or given) about the file.
    public let report: CSVSniffReport
    private let scanner: CSVRecordScanner
    private let options: CSVReadOptions
    private var recordIndex = 0
    /// A record already scanned (its fields still in the scanner), to be delivered next.
    private var pendingScan: CSVRecordScanner.Event?
    /// Per column, the strings of values that repeat row after row (district, municipality,
    /// service type, target group, funding): no allocation for them.
    private var columnStrings: [RepeatedStringCache] = []
    /// Decodes a row's raw bytes when a reject needs them: one closure for the whole file.
    private lazy var renderRaw: @Sendable ([UInt8]) -> String = {
        [limit = options.rawTextLimit, windows1251 = report.encoding == .windows1251] in
        CSVRecord.decodeRaw($0, windows1251: windows1251, limit: limit)
    }

    /// Opens, sniffs and reads the header of the CSV file at `path`.
    public init(path: String, options: CSVReadOptions = CSVReadOptions()) throws {
        self.options = options
        let file = try SourceFile(path: path)
        if file.size == 0 { throw IngestError.empty(path: path) }
        let head = try file.read(count: max(options.sampleBytes, 16))
        let isWholeFile = Int64(head.count) >= file.size
        let encoding = try Self.encoding(
            of: head, isWholeFile: isWholeFile, path: path, declared: options.encoding)
        let bomLength = head.starts(with: encoding.byteOrderMark) ? encoding.byteOrderMark.count : 0
        let sample = Self.sniffingSample(
            head, bomLength: bomLength, isWholeFile: isWholeFile, encoding: encoding)
        let report = try DialectSniffer.sniff(
            sample: sample, bomLength: bomLength, path: path, encoding: encoding, options: options)
        self.report = report

        let input = DecodedChunkReader(
            path: path, encoding: encoding, backing: .file(descriptor: file.takeDescriptor()),
            startOffset: Int64(bomLength), chunkSize: options.chunkBytes)
        scanner = CSVRecordScanner(
            input: input, dialect: report.dialect, maxFieldBytes: options.maxFieldBytes,
            rawTextLimit: options.rawTextLimit)
        let (headerLine, header) = try Self.readHeader(scanner: scanner, from: report.headerLine, path: path)
        description = RawSourceDescription(
            path: path, format: .csv, encoding: encoding.rawValue,
            delimiter: String(UnicodeScalar(report.dialect.delimiter)), lineEnding: report.lineEnding,
            headerLine: headerLine, header: header)
        // Look for a first record, so that a header-only file is refused at once.
        while true {
            let event = try scanner.next()
            if case .record = event, scanner.sink.pointee.isBlank { continue }
            if case .end = event, !options.allowHeaderOnly {
                throw IngestError.headerOnly(path: path, headerLine: headerLine)
            }
            pendingScan = event
            break
        }
    }

    /// The next row or problem after the header, or nil at the end of the file.
    public func next() throws -> RawRowResult? {
        switch try nextRecord() {
        case nil:
            return nil
        case .problem(let problem):
            return .problem(problem)
        case .record(let record):
            if columnStrings.count < record.fieldCount {
                columnStrings += Array(
                    repeating: RepeatedStringCache(), count: record.fieldCount - columnStrings.count)
            }
            var fields: [String] = []
            fields.reserveCapacity(record.fieldCount)
            for index in 0..<record.fieldCount {
                fields.append(columnStrings[index].string(record.field(index)))
            }
            return .row(
                RawRow(
                    fields: fields, position: record.position,
                    rawSource: RawText(bytes: Array(record.rawBytes), decode: renderRaw)))
        }
    }

    /// Calls `record` for every remaining record (fields as UTF-8 bytes, valid during the call)
    /// and `problem` for every reject: the fast path, with no `String` per field.
    public func forEachRecord(
        _ record: (CSVRecord) throws -> Void, problem: (RawRowProblem) throws -> Void
    ) throws {
        while let event = try nextRecord() {
            switch event {
            case .record(let view): try record(view)
            case .problem(let found): try problem(found)
            }
        }
    }

    /// The next record as a byte view (valid until the next call), or a problem; nil at the end.
    public func nextRecord() throws -> CSVRecordEvent? {
        let headerCount = description.header.count
        while true {
            let event = try pendingScan ?? scanner.next()
            pendingScan = nil
            switch event {
            case .end:
                return nil
            case .problem(let found):
                defer { recordIndex += 1 }
                return .problem(problem(from: found))
            case .record:
                let sink = scanner.sink.pointee
                var count = sink.fieldCount
                if sink.isBlank { continue }  // a blank record: `;;;;`
                let position = SourcePosition(
                    line: scanner.recordLine, byteOffset: scanner.recordOffset, recordIndex: recordIndex)
                recordIndex += 1
                if sink.oversizeField >= 0 {
                    let field = sink.oversizeField
                    return .problem(
                        RawRowProblem(
                            position: SourcePosition(
                                line: position.line, column: field + 1, byteOffset: position.byteOffset,
                                recordIndex: position.recordIndex),
                            column: columnName(field),
                            .fieldTooLarge(field: field + 1, limit: options.maxFieldBytes),
                            rawText: scanner.decodeRaw(scanner.rawBytes)))
                }
                while count > headerCount && sink.field(count - 1).isEmpty { count -= 1 }
                if count != headerCount {
                    let message: RejectMessage =
                        count > headerCount
                        ? .tooManyFields(found: sink.fieldCount, expected: headerCount)
                        : .tooFewFields(found: count, expected: headerCount)
                    return .problem(
                        RawRowProblem(
                            position: position, column: nil, message,
                            rawText: scanner.decodeRaw(scanner.rawBytes)))
                }
                return .record(
                    CSVRecord(
                        position: position, fieldCount: count, sink: scanner.sink, rawBytes: scanner.rawBytes,
                        rawIsWindows1251: report.encoding == .windows1251, rawTextLimit: options.rawTextLimit)
                )
            }
        }
    }

    private func columnName(_ field: Int) -> String? {
        field < description.header.count ? description.header[field] : nil
    }

    private func problem(from found: CSVScanProblem) -> RawRowProblem {
        var field: Int?
        let message: RejectMessage
        switch found.kind {
        case .badQuote(let line, let index, let strayQuote):
            field = index
            message =
                strayQuote
                ? .strayQuote(line: line, field: index) : .textAfterClosingQuote(line: line, field: index)
        case .unterminatedQuote(let index, let rereadFrom):
            field = index
            message = .unterminatedQuote(field: index, startLine: found.line, rereadFrom: rereadFrom)
        case .fieldTooLarge(let index, let limit):
            field = index + 1
            message = .fieldTooLarge(field: index + 1, limit: limit)
        case .recordTooLarge(let limit):
            message = .recordTooLarge(limit: limit)
        }
        return RawRowProblem(
            position: SourcePosition(
                line: found.line, column: field, byteOffset: found.byteOffset, recordIndex: recordIndex),
            column: field.flatMap { columnName($0 - 1) }, message,
            rawText: found.rawText)
    }

    // MARK: - Opening

    /// The declared encoding (a UTF-8 file with a BOM declared as UTF-8 stays UTF-8-BOM), or the
    /// detected one.
    static func encoding(of head: [UInt8], isWholeFile: Bool, path: String, declared: TextEncoding?) throws
        -> TextEncoding
    {
        if let declared {
            if declared == .utf8 && head.starts(with: TextEncoding.utf8BOM.byteOrderMark) { return .utf8BOM }
            if declared.isByteOriented, let offset = head.firstIndex(of: 0) {
                throw IngestError.binary(path: path, byteOffset: Int64(offset))
            }
            return declared
        }
        switch EncodingDetection.detect(sample: head, isWholeFile: isWholeFile) {
        case .encoding(let encoding): return encoding
        case .binary(let offset):
            if let utf16 = EncodingDetection.bomlessUTF16(head) {
                throw IngestError.unknownEncoding(
                    path: path,
                    reason: "it looks like \(utf16.rawValue) without a byte-order mark; "
                        + "set --encoding \(utf16.rawValue)")
            }
            throw IngestError.binary(path: path, byteOffset: Int64(offset))
        case .unknown(let reason): throw IngestError.unknownEncoding(path: path, reason: reason)
        case .invalidUTF8(let offset):
            throw IngestError.invalidEncoding(
                path: path, encoding: TextEncoding.utf8.rawValue, byteOffset: Int64(offset), suggestion: nil)
        }
    }

    /// The file's first bytes (BOM included) cut after the last line break (unless they are the
    /// whole file), so that the sample ends on a boundary of the encoding.
    static func sniffingSample(_ bytes: [UInt8], bomLength: Int, isWholeFile: Bool, encoding: TextEncoding)
        -> [UInt8]
    {
        if isWholeFile { return bytes }
        if encoding.isByteOriented {
            guard let last = bytes.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return bytes }
            return Array(bytes[...last])
        }
        let low = encoding == .utf16BE ? 1 : 0
        var index = (bytes.count & ~1) - 2
        while index >= bomLength {
            let unit = bytes[index + low]
            if bytes[index + 1 - low] == 0 && (unit == 0x0A || unit == 0x0D) {
                return Array(bytes[..<(index + 2)])
            }
            index -= 2
        }
        return Array(bytes[..<(bytes.count & ~1)])
    }

    /// Skips title lines up to the header line and returns the header's line and names
    /// (trailing empty names dropped).
    static func readHeader(scanner: CSVRecordScanner, from headerLine: Int, path: String) throws
        -> (Int, [String])
    {
        var sawRecord = false
        while true {
            switch try scanner.next() {
            case .end:
                throw sawRecord
                    ? IngestError.headerNotFound(path: path, headerLine: headerLine)
                    : IngestError.empty(path: path)
            case .problem(let problem):
                sawRecord = true
                if problem.line >= headerLine {
                    throw IngestError.malformedHeader(
                        path: path, line: problem.line, message: "the header row has broken quoting")
                }
            case .record:
                let sink = scanner.sink.pointee
                if sink.isBlank { continue }
                sawRecord = true
                guard scanner.recordLine >= headerLine else { continue }
                var names = (0..<sink.fieldCount).map { String(decoding: sink.field($0), as: UTF8.self) }
                while names.count > 1 && names.last?.isEmpty == true { names.removeLast() }
                return (scanner.recordLine, names)
            }
        }
    }
}
