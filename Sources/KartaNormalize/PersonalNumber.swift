/// The Bulgarian personal number (ЕГН): 10 digits, a date of birth, a sequence and a check digit.
///
/// `YYMMDD` with the month +20 for births before 1900 and +40 for births from 2000; the check
/// digit is Σ dᵢ·wᵢ (i = 1…9, w = 2, 4, 8, 5, 10, 9, 7, 3, 6) mod 11, with 10 written as 0.
public enum PersonalNumber {
    private static let weights = [2, 4, 8, 5, 10, 9, 7, 3, 6]

    /// True when `bytes` are exactly ten ASCII digits with a valid date and check digit.
    public static func isValid<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        guard bytes.count == 10 else { return false }
        var digits = [Int]()
        digits.reserveCapacity(10)
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return false }
            digits.append(Int(byte - 0x30))
        }
        var month = digits[2] * 10 + digits[3]
        let yearInCentury = digits[0] * 10 + digits[1]
        let year: Int
        switch month {
        case 1...12: year = 1900 + yearInCentury
        case 21...32: year = 1800 + yearInCentury; month -= 20
        case 41...52: year = 2000 + yearInCentury; month -= 40
        default: return false
        }
        let day = digits[4] * 10 + digits[5]
        guard day >= 1, day <= daysIn(month: month, year: year) else { return false }
        var sum = 0
        for index in 0..<9 { sum += digits[index] * weights[index] }
        return sum % 11 % 10 == digits[9]
    }

    /// True when `text` (surrounding spaces allowed) is a valid ЕГН.
    public static func isValid(_ text: String) -> Bool {
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 0x20 { bytes.removeLast() }
        while let first = bytes.first, first == 0x20 { bytes.removeFirst() }
        return isValid(bytes)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
