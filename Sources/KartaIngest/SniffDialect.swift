import KartaModel

/// What the sniffer found out about a CSV file from its first bytes, like DuckDB's sniffer.
public struct CSVSniffReport: Sendable, Hashable {
    public var encoding: TextEncoding
    public var dialect: CSVDialect
    /// `LF`, `CRLF` or `CR`; nil when the sample has no line break.
    public var lineEnding: String?
    /// The 1-based physical line of the header row.
    public var headerLine: Int
    /// The number of fields most records of the sample have.
    public var dominantFieldCount: Int
}

/// Guesses the delimiter, quote, line ending and header row of a CSV sample.
///
/// Each candidate delimiter (`;` `,` TAB `|`) is tried by parsing the sample with libcsv; the one
/// whose records most often share one field count (of at least two) wins, ties going to the
/// larger field count, then to the order above. The header is the first record with that field
/// count that looks like one: mostly non-empty and not numeric. Lines above it (a title such as
/// „Община Стара Загора", „Регистър към 31.12.2025") are skipped.
enum DialectSniffer {
    static let delimiters: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: ","), 0x09, UInt8(ascii: "|")]
    /// How many records of the sample are looked at.
    static let sampleRecords = 200

    /// One record of the sample as parsed with a candidate dialect.
    struct SampleRecord {
        var line: Int
        var fields: [String]
    }

    /// A candidate dialect and what parsing the sample with it gave.
    struct Trial {
        var dialect: CSVDialect
        var records: [SampleRecord]
        var problems: Int
        var dominantCount: Int
        var dominantFrequency: Int
    }

    /// Sniffs `sample` (the file's first bytes, BOM included, cut at a line break).
    static func sniff(
        sample: [UInt8], bomLength: Int, path: String, encoding: TextEncoding, options: CSVReadOptions
    ) throws -> CSVSniffReport {
        let text = Array(sample.dropFirst(bomLength))
        let quote = options.quote ?? sniffQuote(sample: text, encoding: encoding)
        let candidates = options.delimiter.map { [$0] } ?? delimiters
        var best: Trial?
        for delimiter in candidates {
            let dialect = CSVDialect(delimiter: delimiter, quote: quote, trimUnquoted: options.trimUnquoted)
            let trial = try self.trial(
                sample: sample, bomLength: bomLength, path: path, encoding: encoding, dialect: dialect,
                options: options)
            if let current = best, !isBetter(trial, than: current) { continue }
            best = trial
        }
        guard let best else {
            return CSVSniffReport(
                encoding: encoding, dialect: CSVDialect(), lineEnding: nil, headerLine: 1,
                dominantFieldCount: 0)
        }
        let headerLine = options.headerLine ?? findHeaderLine(best)
        return CSVSniffReport(
            encoding: encoding, dialect: best.dialect,
            lineEnding: lineEnding(sample: text, encoding: encoding),
            headerLine: headerLine, dominantFieldCount: best.dominantCount)
    }

    static func isBetter(_ trial: Trial, than other: Trial) -> Bool {
        let score = trial.dominantCount >= 2 ? trial.dominantFrequency : 0
        let otherScore = other.dominantCount >= 2 ? other.dominantFrequency : 0
        if score != otherScore { return score > otherScore }
        return trial.dominantCount > other.dominantCount && score > 0
    }

    /// Parses the sample with `dialect` and measures how regular the records are.
    static func trial(
        sample: [UInt8], bomLength: Int, path: String, encoding: TextEncoding, dialect: CSVDialect,
        options: CSVReadOptions
    ) throws -> Trial {
        let input = DecodedChunkReader(
            path: path, encoding: encoding, backing: .memory(sample), startOffset: Int64(bomLength),
            chunkSize: max(sample.count, 16))
        let scanner = CSVRecordScanner(
            input: input, dialect: dialect, maxFieldBytes: options.maxFieldBytes, rawTextLimit: 200)
        var records: [SampleRecord] = []
        var problems = 0
        scanning: while records.count + problems < sampleRecords {
            switch try scanner.next() {
            case .end:
                break scanning
            case .problem:
                problems += 1
            case .record:
                let sink = scanner.sink.pointee
                let fields = (0..<sink.fieldCount).map { String(decoding: sink.field($0), as: UTF8.self) }
                if fields.allSatisfy(\.isEmpty) { continue }
                records.append(SampleRecord(line: scanner.recordLine, fields: fields))
            }
        }
        var frequencies: [Int: Int] = [:]
        for record in records where record.fields.count >= 2 {
            frequencies[record.fields.count, default: 0] += 1
        }
        let dominant = frequencies.max { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }
        return Trial(
            dialect: dialect, records: records, problems: problems, dominantCount: dominant?.key ?? 1,
            dominantFrequency: dominant?.value ?? 0)
    }

    /// The line of the first record that looks like a header and has about the dominant field
    /// count (Excel rows often carry a trailing delimiter or two that the header lacks), else of
    /// the first record with the dominant count, else 1.
    static func findHeaderLine(_ trial: Trial) -> Int {
        let dominant = trial.dominantCount
        let header = trial.records.first { record in
            abs(record.fields.count - dominant) <= 3 && record.fields.count >= min(2, dominant)
                && looksLikeHeader(record.fields)
        }
        let regular = trial.records.first { $0.fields.count == dominant }
        return (header ?? regular ?? trial.records.first)?.line ?? 1
    }

    /// A header row is mostly filled, and its names are text, not numbers or dates.
    static func looksLikeHeader(_ fields: [String]) -> Bool {
        let names = fields.map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
        guard names.count * 2 >= fields.count, names.count >= 1 else { return false }
        let numeric = names.filter { name in
            name.unicodeScalars.allSatisfy { scalar in
                ("0"..."9").contains(scalar) || " ,.-/%\u{A0}".unicodeScalars.contains(scalar)
            }
        }
        return numeric.count * 5 <= names.count
    }

    /// `'` only when fields start with it and never with `"`; otherwise `"`.
    static func sniffQuote(sample: [UInt8], encoding: TextEncoding) -> UInt8 {
        let doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'")
        var previous: UInt8 = 0x0A
        var doubleStarts = 0, singleStarts = 0
        for unit in asciiUnits(sample: sample, encoding: encoding) {
            if previous == 0x0A || previous == 0x0D || delimiters.contains(previous) {
                if unit == doubleQuote { doubleStarts += 1 }
                if unit == singleQuote { singleStarts += 1 }
            }
            previous = unit
        }
        return doubleStarts == 0 && singleStarts > 0 ? singleQuote : doubleQuote
    }

    /// The most frequent of CRLF, LF and CR in the sample.
    static func lineEnding(sample: [UInt8], encoding: TextEncoding) -> String? {
        let units = asciiUnits(sample: sample, encoding: encoding)
        var crlf = 0, lf = 0, cr = 0
        var index = 0
        while index < units.count {
            if units[index] == 0x0D {
                if index + 1 < units.count && units[index + 1] == 0x0A {
                    crlf += 1
                    index += 1
                } else {
                    cr += 1
                }
            } else if units[index] == 0x0A {
                lf += 1
            }
            index += 1
        }
        if crlf == 0 && lf == 0 && cr == 0 { return nil }
        if crlf >= lf && crlf >= cr { return "CRLF" }
        return lf >= cr ? "LF" : "CR"
    }

    /// The sample as one byte per code unit: ASCII as is, anything else 0xFF.
    static func asciiUnits(sample: [UInt8], encoding: TextEncoding) -> [UInt8] {
        if encoding.isByteOriented { return sample }
        let low = encoding == .utf16BE ? 1 : 0
        var units: [UInt8] = []
        units.reserveCapacity(sample.count / 2)
        var index = 0
        while index + 1 < sample.count {
            let isASCII = sample[index + 1 - low] == 0 && sample[index + low] < 0x80
            units.append(isASCII ? sample[index + low] : 0xFF)
            index += 2
        }
        return units
    }
}

extension String {
    /// The string without leading and trailing blanks (space, tab, no-break space).
    func trimmingBlanks() -> String {
        let blanks: Set<Character> = [" ", "\t", "\u{A0}"]
        guard let first = firstIndex(where: { !blanks.contains($0) }),
            let last = lastIndex(where: { !blanks.contains($0) })
        else { return "" }
        return String(self[first...last])
    }
}
