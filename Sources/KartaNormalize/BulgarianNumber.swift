/// Numbers as Bulgarian exports write them: „1 200", „1 200" (no-break space), „1.200",
/// „12,5", „-3".
///
/// Rules: spaces, no-break spaces (U+00A0, U+202F) and apostrophes group thousands. A comma is
/// the decimal separator unless there are several of them. A dot is a thousands separator when
/// every group after a dot has exactly three digits („1.200", „1.200.000"), otherwise a decimal
/// point („12.5"). With both, the last one is the decimal separator („1.200,5").
public enum BulgarianNumber {
    /// The value of `text`, or nil when it is not a number.
    public static func parse(_ text: String) -> Double? {
        var copy = text
        return copy.withUTF8 { parse(bytes: $0) }
    }

    /// The value of UTF-8 `bytes`, or nil when they are not a number (or too large for a
    /// `Double`: never infinity).
    public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        // Fast path: plain digits.
        if bytes.count > 0, bytes.count <= 15, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            var value = 0
            for byte in bytes { value = value * 10 + Int(byte - 0x30) }
            return Double(value)
        }
        // Collect digits and separators, dropping grouping spaces.
        var digits: [UInt8] = []
        digits.reserveCapacity(bytes.count)
        var negative = false
        var seenDigit = false
        var commas = 0
        var dots = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            switch byte {
            case 0x30...0x39:
                digits.append(byte)
                seenDigit = true
            case 0x2C:  // ,
                digits.append(byte)
                commas += 1
            case 0x2E:  // .
                digits.append(byte)
                dots += 1
            case 0x20, 0x09, 0x27:  // space, tab, apostrophe
                break
            case 0xC2 where index + 1 < count && bytes[index + 1] == 0xA0:  // NBSP
                index += 1
            case 0xE2 where index + 2 < count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xAF:  // U+202F
                index += 2
            case 0xE2 where index + 2 < count && bytes[index + 1] == 0x88 && bytes[index + 2] == 0x92:  // U+2212 minus
                guard !seenDigit, !negative, digits.isEmpty else { return nil }
                negative = true
                index += 2
            case 0x2D:  // -
                guard !seenDigit, !negative, digits.isEmpty else { return nil }
                negative = true
            case 0x2B:  // +
                guard !seenDigit, digits.isEmpty else { return nil }
            default:
                return nil
            }
            index += 1
        }
        guard seenDigit else { return nil }
        let decimalSeparator: UInt8?
        if commas > 0 && dots > 0 {
            guard let last = digits.last(where: { $0 == 0x2C || $0 == 0x2E }) else { return nil }
            let other: UInt8 = last == 0x2C ? 0x2E : 0x2C
            // the decimal separator occurs once and after every grouping separator
            guard digits.filter({ $0 == last }).count == 1,
                let decimalAt = digits.lastIndex(of: last),
                digits.lastIndex(of: other).map({ $0 < decimalAt }) ?? true
            else { return nil }
            guard groupsAreThousands(digits[..<decimalAt], separator: other) else { return nil }
            decimalSeparator = last
        } else if commas > 1 {
            guard groupsAreThousands(digits[...], separator: 0x2C) else { return nil }
            decimalSeparator = nil
        } else if commas == 1 {
            decimalSeparator = 0x2C
        } else if dots >= 1 {
            if groupsAreThousands(digits[...], separator: 0x2E) {
                decimalSeparator = nil
            } else if dots == 1 {
                decimalSeparator = 0x2E
            } else {
                return nil
            }
        } else {
            decimalSeparator = nil
        }
        var integer: Double = 0
        var fraction: Double = 0
        var scale: Double = 1
        var inFraction = false
        var digitsBeforeDecimal = 0
        for byte in digits {
            if byte == decimalSeparator {
                inFraction = true
                continue
            }
            guard byte >= 0x30, byte <= 0x39 else { continue }
            if inFraction {
                scale /= 10
                fraction += Double(byte - 0x30) * scale
            } else {
                integer = integer * 10 + Double(byte - 0x30)
                digitsBeforeDecimal += 1
            }
        }
        guard digitsBeforeDecimal > 0 || inFraction else { return nil }
        let value = integer + fraction
        // More than ~308 digits overflow to infinity: not a number anyone wrote as a count.
        guard value.isFinite else { return nil }
        return negative ? -value : value
    }

    /// True when `digits` split by `separator` has a first group of 1–3 digits and then groups of
    /// exactly three digits.
    private static func groupsAreThousands(_ digits: ArraySlice<UInt8>, separator: UInt8) -> Bool {
        let groups = digits.split(separator: separator, omittingEmptySubsequences: false)
        guard groups.count > 1, let first = groups.first, (1...3).contains(first.count), first.first != 0x30
        else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
            && first.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// What a count cell (places, users) says.
    public enum Count: Sendable, Hashable {
        case whole(Int)
        /// A number with a non-zero fractional part („12,5"): places are whole numbers.
        case fraction
        case notANumber
    }

    /// Reads a count: spaces and no-break spaces group thousands („1 250"), and so does a single
    /// ',' or '.' followed by exactly three digits, or several of one kind between groups of three
    /// („1,200", „1.200", „1.200.000"). With both, the last one is the decimal separator
    /// („1.200,00"). A fractional part of zeros („12,0") is whole; any other is ``Count/fraction``,
    /// never rounded.
    public static func count(_ text: String) -> Count {
        var copy = text
        return copy.withUTF8 { count(bytes: $0) }
    }

    static func count(bytes: UnsafeBufferPointer<UInt8>) -> Count {
        if bytes.count > 0, bytes.count <= 15, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            var value = 0
            for byte in bytes { value = value * 10 + Int(byte - 0x30) }
            return .whole(value)
        }
        guard let value = parse(bytes: bytes), value.isFinite, abs(value) < 1e12 else { return .notANumber }
        // Where the separators are decides between thousands and a decimal part.
        var separators: [(byte: UInt8, digitsAfter: Int)] = []
        var digitsAfterLast = 0
        var firstGroup: [UInt8] = []
        for byte in bytes {
            if byte >= 0x30 && byte <= 0x39 {
                digitsAfterLast += 1
                if separators.isEmpty { firstGroup.append(byte) }
            } else if byte == 0x2C || byte == 0x2E {
                if !separators.isEmpty { separators[separators.count - 1].digitsAfter = digitsAfterLast }
                separators.append((byte, 0))
                digitsAfterLast = 0
            }
        }
        if !separators.isEmpty { separators[separators.count - 1].digitsAfter = digitsAfterLast }
        let magnitude: Double
        if separators.isEmpty {
            magnitude = abs(value)
        } else if (1...3).contains(firstGroup.count), firstGroup.first != 0x30,
            separators.allSatisfy({ $0.byte == separators[0].byte && $0.digitsAfter == 3 })
        {
            // „1,200", „1.200", „1.200.000": thousands (parse reads a single comma as decimal)
            var digits = 0.0
            for byte in bytes where byte >= 0x30 && byte <= 0x39 { digits = digits * 10 + Double(byte - 0x30) }
            magnitude = digits
        } else {
            magnitude = abs(value)
        }
        guard magnitude.rounded() == magnitude else { return .fraction }
        return .whole(value < 0 ? -Int(magnitude) : Int(magnitude))
    }

    /// Rounds a count to a whole number, halves away from zero („12,5" places → 13). Returns the
    /// integer and whether rounding changed the value.
    public static func count(from value: Double) -> (value: Int, rounded: Bool)? {
        guard value.isFinite, abs(value) < 1e12 else { return nil }
        let rounded = value.rounded(.toNearestOrAwayFromZero)
        return (Int(rounded), rounded != value)
    }
}
