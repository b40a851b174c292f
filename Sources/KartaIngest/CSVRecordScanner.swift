import KartaModel
import CLibCSV

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The characters that shape a CSV file.
public struct CSVDialect: Sendable, Hashable {
    /// The field delimiter byte (`;`, `,`, TAB or `|`).
    public var delimiter: UInt8
    /// The quote byte, usually `"`.
    public var quote: UInt8
    /// Whether blanks and tabs around unquoted fields are dropped (off: values stay as written).
    public var trimUnquoted: Bool

    public init(
        delimiter: UInt8 = UInt8(ascii: ";"), quote: UInt8 = UInt8(ascii: "\""), trimUnquoted: Bool = false
    ) {
        self.delimiter = delimiter
        self.quote = quote
        self.trimUnquoted = trimUnquoted
    }
}

/// A record libcsv could not parse, or one over a size limit, found by ``CSVRecordScanner``.
struct CSVScanProblem {
    enum Kind {
        /// A quote inside an unquoted field, or text after a closing quote (libcsv strict mode).
        case badQuote(line: Int, field: Int, strayQuote: Bool)
        /// A quoted field still open at the end of the file; reading went on at `rereadFrom`, the
        /// line after the record's first line, when there is one.
        case unterminatedQuote(field: Int, rereadFrom: Int?)
        case fieldTooLarge(field: Int, limit: Int)
        case recordTooLarge(limit: Int)
    }
    var kind: Kind
    var line: Int
    var byteOffset: Int64
    /// The record's first physical line, decoded to UTF-8 and cut at the raw-text limit.
    var rawText: String
}

/// Splits a decoded byte stream into records with libcsv, one physical line at a time, keeping
/// the exact provenance of every record: its first physical line and its original byte offset.
///
/// Feeding libcsv up to each line break is what makes provenance exact: libcsv ends a record only
/// at a CR or LF, so each call ends at most one record, and the scanner knows where the next one
/// starts. After a parse error the parser is re-initialised and reading resumes at the line after
/// the bad record's first line, so no later row is lost (a stray opening quote swallows lines
/// that are read again).
final class CSVRecordScanner {
    enum Event {
        /// A record: its fields are in ``fields`` until the next call.
        case record
        case problem(CSVScanProblem)
        case end
    }

    let input: DecodedChunkReader
    let dialect: CSVDialect
    /// The fields of the last record.
    let sink: UnsafeMutablePointer<CSVFieldSink>
    private let parser: UnsafeMutablePointer<csv_parser>
    private let rawTextLimit: Int
    /// A record may hold at most this many bytes and fields (a defence against hostile files).
    private let maxRecordBytes: Int
    private let maxFields = 10_000

    // Position in the current chunk and in the file.
    private var cursor = 0
    private var nextLF = -1
    private var nextCR = -1
    /// 1-based physical line of the byte at `cursor`.
    private(set) var line = 1
    private var previousWasCR = false
    private var atEnd = false

    // The record being read.
    private(set) var recordLine = 0
    private(set) var recordOffset: Int64 = 0
    private var rawStart = 0
    /// The record's text from earlier chunks (at most `carryCapacity` bytes are kept).
    private let carry: UnsafeMutablePointer<UInt8>
    private let carryCapacity: Int
    private var carryCount = 0
    private var rawCarryTotal = 0
    /// Where the line after the record's first line starts, once that line has ended.
    private var resumePoint: (offset: Int64, line: Int, previousWasCR: Bool)?
    /// Length in decoded bytes of the record's first line, once it has ended.
    private var firstLineLength: Int?
    private(set) var rawBytes: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)

    init(input: DecodedChunkReader, dialect: CSVDialect, maxFieldBytes: Int, rawTextLimit: Int) {
        self.input = input
        self.dialect = dialect
        self.rawTextLimit = max(0, rawTextLimit)
        maxRecordBytes = max(maxFieldBytes * 4, 16 << 20)
        carryCapacity = self.rawTextLimit * 4
        carry = .allocate(capacity: max(1, carryCapacity))
        let table = input.encoding == .windows1251 ? Windows1251.makeUTF8Table() : nil
        sink = .allocate(capacity: 1)
        sink.initialize(to: CSVFieldSink(maxFieldBytes: maxFieldBytes, decodeTable: table))
        parser = .allocate(capacity: 1)
        parser.initialize(to: csv_parser())
        initParser()
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
        carry.deallocate()
        sink.pointee.deallocate()
        sink.deinitialize(count: 1)
        sink.deallocate()
    }

    private func initParser() {
        csv_init(parser, UInt8(CSV_STRICT | CSV_STRICT_FINI))
        csv_set_delim(parser, dialect.delimiter)
        csv_set_quote(parser, dialect.quote)
        if dialect.trimUnquoted {
            csv_set_space_func(parser, karta_csv_blank_space)
        } else {
            csv_set_space_func(parser, karta_csv_no_space)
        }
        csv_set_blk_size(parser, 4096)
    }

    private func resetParser() {
        csv_free(parser)
        initParser()
    }

    /// Reads up to the end of the next record.
    func next() throws -> Event {
        sink.pointee.reset()
        carryCount = 0
        rawCarryTotal = 0
        resumePoint = nil
        firstLineLength = nil
        var started = false
        while true {
            if cursor >= input.count {
                if started { keepRaw(upTo: input.count) }
                let loaded = atEnd ? false : try input.nextChunk()
                if !loaded {
                    atEnd = true
                    return started ? finishAtEnd() : .end
                }
                cursor = 0
                rawStart = 0
                nextLF = -1
                nextCR = -1
                continue
            }
            let base = input.bytes
            if !started {
                // Blank lines between records: libcsv skips them too; count them as lines.
                while cursor < input.count {
                    let byte = base[cursor]
                    guard byte == 0x0A || byte == 0x0D else { break }
                    countLineBreak(byte, segmentStart: true)
                    cursor += 1
                }
                if cursor >= input.count { continue }
                started = true
                recordLine = line
                recordOffset = input.originalOffset(ofIndex: cursor)
                rawStart = cursor
            }
            let terminator = findLineBreak()
            let segmentEnd = terminator < input.count ? terminator + 1 : input.count
            let length = segmentEnd - cursor
            let parsed = csv_parse(parser, base + cursor, length, csvFieldCallback, csvRecordCallback, sink)
            if parsed < length {
                return try parseError(at: cursor + parsed, terminator: terminator)
            }
            if terminator < input.count {
                let byte = base[terminator]
                countLineBreak(byte, segmentStart: terminator == cursor)
                if resumePoint == nil {
                    firstLineLength = rawCarryTotal + (terminator - rawStart)
                    resumePoint = (input.originalOffset(ofIndex: segmentEnd), line, byte == 0x0D)
                }
            } else if length > 0 {
                previousWasCR = false
            }
            cursor = segmentEnd
            let sinkState = sink.pointee
            if terminator < input.count && !sinkState.recordEnded && sinkState.fieldCount == 0
                && parser.pointee.pstate == 0
            {
                // libcsv skipped the line (only blanks, trimmed away): not a record.
                started = false
                carryCount = 0
                rawCarryTotal = 0
                resumePoint = nil
                firstLineLength = nil
                continue
            }
            if sinkState.recordEnded {
                let end = terminator < input.count ? terminator : segmentEnd
                return finishRecord(rawEnd: end)
            }
            if parser.pointee.entry_pos > sinkState.maxFieldBytes {
                return try abandonRecord(
                    .fieldTooLarge(field: sinkState.fieldCount, limit: sinkState.maxFieldBytes),
                    lineEnd: terminator)
            }
            if sinkState.byteCount > maxRecordBytes || sinkState.fieldCount > maxFields {
                return try abandonRecord(.recordTooLarge(limit: maxRecordBytes), lineEnd: terminator)
            }
        }
    }

    // MARK: - Lines

    /// The index of the next CR or LF at or after `cursor`, or `input.count`.
    @inline(__always)
    private func findLineBreak() -> Int {
        let count = input.count
        if nextLF < cursor { nextLF = scan(for: 0x0A, count: count) }
        if nextCR < cursor { nextCR = scan(for: 0x0D, count: count) }
        return min(nextLF, nextCR)
    }

    @inline(__always)
    private func scan(for byte: UInt8, count: Int) -> Int {
        let start = input.bytes + cursor
        guard let found = memchr(start, Int32(byte), count - cursor) else { return count }
        return cursor + start.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Counts a CR or LF: CR, LF and CRLF each end one physical line.
    @inline(__always)
    private func countLineBreak(_ byte: UInt8, segmentStart: Bool) {
        if byte == 0x0D || !(segmentStart && previousWasCR) { line += 1 }
        previousWasCR = byte == 0x0D
    }

    // MARK: - Raw text

    /// Keeps the record's bytes of the current chunk before the chunk is replaced.
    private func keepRaw(upTo end: Int) {
        let available = end - rawStart
        guard available > 0 else { return }
        let kept = min(carryCapacity - carryCount, available)
        if kept > 0 {
            (carry + carryCount).update(from: input.bytes + rawStart, count: kept)
            carryCount += kept
        }
        rawCarryTotal += available
        rawStart = end
    }

    private func finishRecord(rawEnd: Int) -> Event {
        if rawCarryTotal == 0 {
            rawBytes = UnsafeBufferPointer(start: input.bytes + rawStart, count: max(0, rawEnd - rawStart))
        } else {
            keepRaw(upTo: rawEnd)
            rawBytes = UnsafeBufferPointer(start: carry, count: carryCount)
        }
        return .record
    }

    /// The record's first line (or its text up to `lineEnd` when the first line has not ended),
    /// decoded and cut at the raw-text limit.
    private func problemText(lineEnd: Int) -> String {
        let end = min(max(lineEnd, rawStart), input.count)
        var bytes = Array(UnsafeBufferPointer(start: carry, count: carryCount))
        if bytes.count < carryCapacity && rawStart < end {
            bytes.append(
                contentsOf: UnsafeBufferPointer(start: input.bytes + rawStart, count: end - rawStart))
        }
        if let firstLineLength, firstLineLength < bytes.count { bytes.removeSubrange(firstLineLength...) }
        return decodeRaw(bytes)
    }

    /// Decodes raw record bytes (UTF-8, or Windows-1251) to a String of at most `rawTextLimit` characters.
    func decodeRaw(_ bytes: some Collection<UInt8>) -> String {
        let text =
            input.encoding == .windows1251
            ? Windows1251.decode(bytes) : String(decoding: bytes, as: UTF8.self)
        return text.prefix(characters: rawTextLimit)
    }

    // MARK: - Problems and recovery

    private func parseError(at index: Int, terminator: Int) throws -> Event {
        let fields = sink.pointee.fieldCount
        let strayQuote = index < input.count && input.bytes[index] == dialect.quote
        return try abandonRecord(
            .badQuote(line: line, field: fields + 1, strayQuote: strayQuote), lineEnd: terminator)
    }

    /// Reports the record as a problem and continues after it: at the line after its first line
    /// when that line has ended (the record may have swallowed good lines), else after the
    /// current line.
    private func abandonRecord(_ kind: CSVScanProblem.Kind, lineEnd: Int) throws -> Event {
        let end = resumePoint == nil ? try skipToLineEnd(from: lineEnd) : lineEnd
        let problem = CSVScanProblem(
            kind: kind, line: recordLine, byteOffset: recordOffset, rawText: problemText(lineEnd: end))
        resetParser()
        if let resumePoint {
            jump(to: resumePoint)
        } else if end < input.count {
            countLineBreak(input.bytes[end], segmentStart: false)
            cursor = end + 1
        } else {
            cursor = input.count
        }
        return .problem(problem)
    }

    /// The index of the line break that ends the current line, loading chunks (and keeping the
    /// record's raw text) as needed; `input.count` at the end of the input.
    private func skipToLineEnd(from lineEnd: Int) throws -> Int {
        var end = lineEnd
        while end >= input.count {
            keepRaw(upTo: input.count)
            previousWasCR = false
            let loaded = atEnd ? false : try input.nextChunk()
            guard loaded else {
                atEnd = true
                cursor = 0
                return input.count
            }
            cursor = 0
            rawStart = 0
            nextLF = -1
            nextCR = -1
            end = findLineBreak()
        }
        return end
    }

    private func finishAtEnd() -> Event {
        let status = csv_fini(parser, csvFieldCallback, csvRecordCallback, sink)
        if status == 0 {
            if sink.pointee.oversizeField >= 0 || sink.pointee.recordEnded {
                return finishRecord(rawEnd: input.count)
            }
            return .end
        }
        let problem = CSVScanProblem(
            kind: .unterminatedQuote(field: sink.pointee.fieldCount + 1, rereadFrom: resumePoint?.line),
            line: recordLine,
            byteOffset: recordOffset, rawText: problemText(lineEnd: input.count))
        resetParser()
        if let resumePoint {
            jump(to: resumePoint)
            atEnd = false
        }
        return .problem(problem)
    }

    private func jump(to point: (offset: Int64, line: Int, previousWasCR: Bool)) {
        line = point.line
        previousWasCR = point.previousWasCR
        nextLF = -1
        nextCR = -1
        if let index = input.reposition(toOriginalOffset: point.offset) {
            cursor = index
        } else {
            cursor = input.count
        }
    }
}
