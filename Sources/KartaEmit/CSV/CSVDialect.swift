/// How a CSV file is written: for people opening it in Excel with a Bulgarian locale, or for
/// machines.
public struct CSVDialect: Sendable, Hashable {
    /// The field separator.
    public var separator: UInt8
    /// The decimal mark of numbers with decimals.
    public var decimalMark: UInt8
    /// The line end.
    public var lineEnd: [UInt8]
    /// Whether the file starts with the UTF-8 byte order mark (Excel needs it to read UTF-8).
    public var byteOrderMark: Bool
    /// Whether the header row holds the Bulgarian column names (Excel) or the English keys
    /// (machines).
    public var bulgarianHeaders: Bool
    /// Whether text fields that start like a spreadsheet formula get a leading `'` (see
    /// ``CSVRowEncoder``). On for Excel; off for machines, which want the text exactly.
    public var neutralisesFormulas: Bool

    /// UTF-8 with BOM, `;` separators, decimal comma, CRLF: opens correctly in Excel under a
    /// Bulgarian locale. Text cells that Excel would run as a formula are neutralised.
    public static let excel = CSVDialect(
        separator: UInt8(ascii: ";"), decimalMark: UInt8(ascii: ","), lineEnd: [13, 10],
        byteOrderMark: true, bulgarianHeaders: true,
        neutralisesFormulas: true)

    /// Plain RFC 4180: UTF-8 without BOM, `,` separators, `.` decimals, CRLF line ends, English
    /// keys as headers, text exactly as it is.
    public static let plain = CSVDialect(
        separator: UInt8(ascii: ","), decimalMark: UInt8(ascii: "."), lineEnd: [13, 10],
        byteOrderMark: false, bulgarianHeaders: false,
        neutralisesFormulas: false)

    /// ``plain`` with LF line ends: what `karta aggregate --format csv` prints, for a terminal or
    /// a pipe into line-oriented tools.
    public static let lines = CSVDialect(
        separator: UInt8(ascii: ","), decimalMark: UInt8(ascii: "."), lineEnd: [10],
        byteOrderMark: false, bulgarianHeaders: false,
        neutralisesFormulas: false)

    public init(
        separator: UInt8, decimalMark: UInt8, lineEnd: [UInt8], byteOrderMark: Bool,
        bulgarianHeaders: Bool, neutralisesFormulas: Bool
    ) {
        self.bulgarianHeaders = bulgarianHeaders
        self.neutralisesFormulas = neutralisesFormulas
        self.separator = separator
        self.decimalMark = decimalMark
        self.lineEnd = lineEnd
        self.byteOrderMark = byteOrderMark
    }
}
