/// Dates as Bulgarian exports write them: `31.12.2025`, `31.12.2025 г.`, `31.12.2025г`,
/// `1.7.2025`, `31/12/2025`, and ISO `2025-12-31`.
public enum BulgarianDate {
    /// The ISO `YYYY-MM-DD` form of `text`, or nil when it is not a valid date.
    public static func iso(_ text: String) -> String? {
        // Drop the trailing „г." / „год." and spaces.
        var trimmed = text.trimmingSpaces()
        for suffix in ["год.", "год", "г.", "г"] where trimmed.hasSuffix(suffix) {
            trimmed = String(trimmed.dropLast(suffix.count)).trimmingSpaces()
            break
        }
        let parts: [Substring]
        let dayFirst: Bool
        if trimmed.contains("-") {
            parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
            dayFirst = false
        } else if trimmed.contains(".") {
            parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
            dayFirst = true
        } else if trimmed.contains("/") {
            parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
            dayFirst = true
        } else {
            return nil
        }
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) })
        else {
            return nil
        }
        let yearText = dayFirst ? parts[2] : parts[0]
        let dayText = dayFirst ? parts[0] : parts[2]
        guard yearText.count == 4, dayText.count <= 2, parts[1].count <= 2,
            let year = Int(yearText), let month = Int(parts[1]), let day = Int(dayText),
            (1900...2100).contains(year), (1...12).contains(month),
            day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return "\(year)-\(twoDigits(month))-\(twoDigits(day))"
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

extension String {
    /// The string without leading and trailing spaces, tabs and no-break spaces.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{A0}" || $0 == "\u{202F}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) })
        else {
            return ""
        }
        return String(self[first...last])
    }
}
