import KartaNormalize

/// Masks personal numbers in file names and paths: every run of exactly ten digits that is a
/// valid ЕГН or ЛНЧ becomes „[ЕГН]". Applied to a source's path before it is stored, logged or
/// written anywhere; the file is still read from its real name.
public enum PathMask {
    /// ЛНЧ (personal number of a foreigner) check-digit weights.
    private static let foreignerWeights = [21, 19, 17, 13, 11, 9, 7, 3, 1]

    public static func mask(_ path: String) -> String {
        var out = ""
        var digits = ""
        func flush() {
            if digits.count == 10, isPersonalNumber(digits) {
                out += PersonalDataMask.replacement
            } else {
                out += digits
            }
            digits = ""
        }
        for character in path {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out
    }

    /// True for ten digits that form a valid ЕГН or ЛНЧ.
    static func isPersonalNumber(_ digits: String) -> Bool {
        if PersonalNumber.isValid(digits) { return true }
        let values = digits.compactMap(\.wholeNumberValue)
        guard values.count == 10 else { return false }
        let sum = zip(values.prefix(9), foreignerWeights).map { $0 * $1 }.reduce(0, +)
        return sum % 10 == values[9]
    }
}
