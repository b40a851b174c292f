/// Encodes CSV rows to bytes: RFC 4180 quoting (a field with the separator, a quote, CR or LF is
/// quoted, quotes doubled) and, in the Excel dialect, formula neutralisation.
///
/// Neutralisation rule: a **text** cell whose first character is `=`, `+`, `-`, `@`, TAB or CR
/// gets a leading apostrophe `'`, so that Excel shows it as text instead of running it. Numbers
/// that karta writes as numbers (``CSVValue/integer(_:)``, ``CSVValue/decimal(_:places:)``) are
/// never changed, so a negative difference stays a number. Text that merely looks like a number
/// (`-5` in a name column) is text and is neutralised.
public struct CSVRowEncoder: Sendable {
    public let dialect: CSVDialect

    public init(dialect: CSVDialect) { self.dialect = dialect }

    /// The bytes that open a file: the BOM when the dialect wants one.
    public var preamble: [UInt8] { dialect.byteOrderMark ? [0xEF, 0xBB, 0xBF] : [] }

    /// Appends one row (fields and line end) to `output`.
    public func encode(_ row: [CSVValue], into output: inout [UInt8]) {
        for (index, value) in row.enumerated() {
            if index > 0 { output.append(dialect.separator) }
            switch value {
            case .empty: break
            case .integer(let number): output.append(contentsOf: String(number).utf8)
            case .decimal(let number, let places):
                let mark = Character(Unicode.Scalar(dialect.decimalMark))
                output.append(contentsOf: DecimalText.format(number, places: places, mark: mark).utf8)
            case .number(let number):
                guard number.isFinite else { break }
                for byte in String(number).utf8 {
                    output.append(byte == UInt8(ascii: ".") ? dialect.decimalMark : byte)
                }
            case .text(let text): encodeText(text, into: &output)
            }
        }
        output.append(contentsOf: dialect.lineEnd)
    }

    /// Appends a header row of plain names.
    public func encodeHeader(_ names: [String], into output: inout [UInt8]) {
        encode(names.map(CSVValue.text), into: &output)
    }

    /// Whether a text cell would be read by a spreadsheet as a formula.
    public static func looksLikeFormula(_ text: String) -> Bool { startsLikeFormula(text.utf8.first) }

    /// Whether a text whose first byte is `first` would be read as a formula.
    static func startsLikeFormula(_ first: UInt8?) -> Bool {
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13: true
        default: false
        }
    }

    /// Appends one text field given as UTF-8 bytes: quoted when it holds the separator, a quote,
    /// CR or LF (quotes doubled), neutralised when the dialect asks for it.
    func encodeText(bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        let quote = UInt8(ascii: "\"")
        var needsQuotes = false
        var hasQuote = false
        for byte in bytes where byte == dialect.separator || byte == quote || byte == 10 || byte == 13 {
            needsQuotes = true
            if byte == quote {
                hasQuote = true
                break
            }
        }
        if needsQuotes { output.append(quote) }
        if dialect.neutralisesFormulas && Self.startsLikeFormula(bytes.first) {
            output.append(UInt8(ascii: "'"))
        }
        if hasQuote {
            for byte in bytes {
                if byte == quote { output.append(quote) }
                output.append(byte)
            }
        } else {
            output.append(contentsOf: bytes)
        }
        if needsQuotes { output.append(quote) }
    }

    private func encodeText(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { encodeText(bytes: $0, into: &output) }
    }
}
