/// One cell of a CSV row, typed so that the writer knows what karta itself produced.
///
/// Numbers are written as numbers (never neutralised); text — which may come from an input file —
/// is quoted when needed and, in the Excel dialect, neutralised when it starts like a formula.
public enum CSVValue: Sendable, Hashable {
    case text(String)
    case integer(Int)
    /// A number with a fixed count of decimals, rounded half away from zero.
    case decimal(Double, places: Int)
    /// A number in its shortest exact form (`0.4`, `8.11`, `12.0`), as JSON writes it.
    case number(Double)
    case empty

    public static func text(_ value: String?) -> CSVValue { value.map(CSVValue.text) ?? .empty }
    public static func integer(_ value: Int?) -> CSVValue { value.map(CSVValue.integer) ?? .empty }
    public static func integer(_ value: Int64?) -> CSVValue { value.map { .integer(Int($0)) } ?? .empty }
    public static func decimal(_ value: Double?, places: Int) -> CSVValue {
        value.map { .decimal($0, places: places) } ?? .empty
    }
    public static func number(_ value: Double?) -> CSVValue { value.map(CSVValue.number) ?? .empty }
    public static func boolean(_ value: Bool) -> CSVValue { .integer(value ? 1 : 0) }
}

/// Formats numbers with a fixed count of decimals, rounding half away from zero, with a chosen
/// decimal mark — without the locale.
public enum DecimalText {
    /// `value` with exactly `places` decimals (0 … 9), e.g. `12,35` for 12.345 with `,`.
    public static func format(_ value: Double, places: Int, mark: Character = ".") -> String {
        guard value.isFinite else { return "" }
        let places = max(0, min(places, 9))
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e18 else { return String(value) }
        let units = UInt64(scaled)
        let divisor = UInt64(scale)
        let whole = units / divisor
        let fraction = units % divisor
        var text = (value < 0 && units != 0 ? "-" : "") + String(whole)
        if places > 0 {
            let digits = String(fraction)
            text.append(mark)
            text += String(repeating: "0", count: places - digits.count) + digits
        }
        return text
    }
}
