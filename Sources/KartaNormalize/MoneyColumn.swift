/// The decimal mark of a file's money column: „1 234,50" (comma) or "1,234.50" (dot).
public enum DecimalConvention: String, Sendable, Hashable, Codable {
    /// Decimal comma; spaces or dots group thousands („1 234,50", „1.234,50").
    case comma
    /// Decimal point; spaces or commas group thousands ("1,234.50", "1 234.50").
    case dot

    var decimalMark: Character { self == .comma ? "," : "." }
    var groupMark: Character { self == .comma ? "." : "," }
}

/// A money column (amounts in leva) whose decimal convention is read from all of its cells,
/// never from one cell alone: „1.234" is 1234 лв. in a column that also holds „12,50" and
/// 1.234 лв. in one that holds "12.50".
public struct MoneyColumn: Sendable, Equatable {
    /// The header as written, for messages.
    public let header: String
    /// What the whole column shows.
    public let detection: Detection

    /// What a money column's cells, taken together, say about its decimal mark.
    public enum Detection: Sendable, Equatable {
        /// The cells agree on a convention (`example` is a cell that shows it).
        case convention(DecimalConvention, example: String)
        /// Whole amounts only („1 200", „350"): every convention reads them alike.
        case wholeAmounts
        /// Only cells such as „1,234" or „1.234", which a decimal comma and a decimal point read
        /// a thousand times apart.
        case ambiguous(example: String)
        /// Some cells show a decimal comma, others a decimal point.
        case contradictory(comma: String, dot: String)
    }

    /// Reads the convention from every non-empty cell of the column.
    public init(header: String, cells: some Sequence<String>) {
        self.header = header
        var comma: String?
        var dot: String?
        var ambiguous: String?
        for cell in cells {
            switch Self.evidence(Self.amountText(cell)) {
            case .comma: comma = comma ?? cell
            case .dot: dot = dot ?? cell
            case .ambiguous: ambiguous = ambiguous ?? cell
            case .none: break
            }
        }
        switch (comma, dot) {
        case (let comma?, let dot?): detection = .contradictory(comma: comma, dot: dot)
        case (let comma?, nil): detection = .convention(.comma, example: comma)
        case (nil, let dot?): detection = .convention(.dot, example: dot)
        case (nil, nil): detection = ambiguous.map { .ambiguous(example: $0) } ?? .wholeAmounts
        }
    }

    /// Why the column's amounts cannot be read, in Bulgarian, or nil when they can.
    public var problem: String? {
        switch detection {
        case .convention, .wholeAmounts:
            return nil
        case .ambiguous(let example):
            return "колоната „\(header)“ не показва десетичния знак: „\(example)“ може да е "
                + "хиляди или десетични; сумите от нея не се четат"
        case .contradictory(let comma, let dot):
            return "колоната „\(header)“ смесва десетична запетая („\(comma)“) и десетична точка "
                + "(„\(dot)“); сумите от нея не се четат"
        }
    }

    /// The amount in a cell of this column, in stotinki; nil for an empty cell.
    public func stotinki(_ cell: String) throws(MoneyCellError) -> Int? {
        let text = Self.amountText(cell)
        if text.isEmpty { return nil }
        let convention: DecimalConvention
        switch detection {
        case .convention(let detected, _): convention = detected
        case .wholeAmounts: convention = .comma
        case .ambiguous, .contradictory: throw MoneyCellError(cell: cell, reason: problem ?? "")
        }
        guard let value = Self.parse(text, convention) else {
            throw MoneyCellError(cell: cell, reason: "„\(cell)“ не е сума в лева")
        }
        return value
    }

    /// The cell without thousands spaces, currency words and signs around the number.
    static func amountText(_ cell: String) -> String {
        var text = cell.lowercased()
        for suffix in ["лв.", "лв", "bgn", "lv."] where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
        }
        return String(text.filter { !$0.isWhitespace && $0 != "'" && $0 != "\u{202F}" && $0 != "\u{00A0}" })
    }

    private enum Evidence { case comma, dot, ambiguous }

    /// What one cell shows: the last of two different marks is the decimal one; a mark that
    /// repeats groups thousands; a single mark before one or two digits is decimal; a single
    /// mark before exactly three digits could be either.
    private static func evidence(_ text: String) -> Evidence? {
        let commas = text.filter { $0 == "," }.count
        let dots = text.filter { $0 == "." }.count
        if commas > 0, dots > 0 {
            guard let lastComma = text.lastIndex(of: ","), let lastDot = text.lastIndex(of: ".") else { return nil }
            return lastComma > lastDot ? .comma : .dot
        }
        if commas > 1 { return .dot }
        if dots > 1 { return .comma }
        guard commas + dots == 1, let mark = text.firstIndex(where: { $0 == "," || $0 == "." }) else { return nil }
        let after = text[text.index(after: mark)...].count
        let isComma = text[mark] == ","
        switch after {
        case 1, 2: return isComma ? .comma : .dot
        case 3: return .ambiguous
        default: return nil
        }
    }

    /// Stotinki of `text` under `convention`: digits in groups of three after the first group
    /// mark, at most two decimals, an optional leading minus.
    private static func parse(_ text: String, _ convention: DecimalConvention) -> Int? {
        var body = Substring(text)
        let negative = body.first == "-" || body.first == "\u{2212}"
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: convention.decimalMark, omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { return nil }
        let groups = whole.split(separator: convention.groupMark, omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }),
            groups.dropFirst().allSatisfy({ $0.count == 3 })
        else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2, fraction.allSatisfy(\.isASCIIDigitCharacter),
            parts.count == 1 || !fraction.isEmpty
        else { return nil }
        fraction += String(repeating: "0", count: 2 - fraction.count)
        guard let leva = Int(groups.joined()), let stotinki = Int(fraction) else { return nil }
        let (product, overflow) = leva.multipliedReportingOverflow(by: 100)
        guard !overflow else { return nil }
        return (negative ? -1 : 1) * (product + stotinki)
    }
}

/// A money cell that cannot be read, with the Bulgarian reason for the reject.
public struct MoneyCellError: Error, Equatable, CustomStringConvertible {
    public let cell: String
    public let reason: String
    public var description: String { reason }
}
