import Testing

@testable import KartaNormalize

@Suite("Bulgarian numbers and dates")
struct BulgarianFormatsTests {
    @Test(
        "numbers as Bulgarian exports write them",
        arguments: [
            ("12", 12.0), ("1 200", 1200), ("1\u{A0}200", 1200), ("1\u{202F}200", 1200), ("1.200", 1200),
            ("1.200.000", 1_200_000), ("12,5", 12.5), ("12.5", 12.5), ("1 200,5", 1200.5),
            ("1.200,5", 1200.5),
            ("1,200,000", 1_200_000), ("-3", -3), ("−3", -3), (" 40 ", 40), ("0,5", 0.5), ("0.500", 0.5),
        ])
    func numbers(text: String, expected: Double) {
        #expect(BulgarianNumber.parse(text) == expected)
    }

    @Test(
        "text that is not a number", arguments: ["", "десет", "12a", "1-2", "1..2", "1.20.3", "--1", "1,2,3"])
    func notNumbers(text: String) {
        #expect(BulgarianNumber.parse(text) == nil)
    }

    @Test("counts round halves away from zero and say so")
    func rounding() throws {
        let half = try #require(BulgarianNumber.count(from: 12.5))
        #expect(half.value == 13 && half.rounded)
        let whole = try #require(BulgarianNumber.count(from: 12))
        #expect(whole.value == 12 && !whole.rounded)
        #expect(BulgarianNumber.count(from: 12.4)?.value == 12)
    }

    @Test(
        "dates become ISO",
        arguments: [
            ("31.12.2025", "2025-12-31"), ("31.12.2025 г.", "2025-12-31"), ("31.12.2025г", "2025-12-31"),
            ("2025-12-31", "2025-12-31"), ("1.7.2025", "2025-07-01"), ("29.02.2024", "2024-02-29"),
            ("31/12/2025", "2025-12-31"),
        ])
    func dates(text: String, iso: String) {
        #expect(BulgarianDate.iso(text) == iso)
    }

    @Test(
        "impossible dates are not dates",
        arguments: ["31.02.2025", "29.02.2025", "2025-13-01", "12.2025", "вчера", "31.12.25"])
    func notDates(text: String) {
        #expect(BulgarianDate.iso(text) == nil)
    }
}

@Suite("Personal number masking")
struct PersonalDataMaskTests {
    @Test("a valid ЕГН inside free text is masked; other digit runs stay")
    func masksValidTokensOnly() {
        #expect(PersonalDataMask.mask("потребител 6101047500 настанен") == "потребител [ЕГН] настанен")
        #expect(PersonalDataMask.mask("тел. 0888123456, ЕГН 7503151233;") == "тел. 0888123456, ЕГН [ЕГН];")
        #expect(PersonalDataMask.mask("61010475001") == "61010475001")  // 11 digits: not a token
        #expect(PersonalDataMask.mask("6101047501") == "6101047501")  // wrong check digit
        #expect(PersonalDataMask.mask("Капацитет 12") == "Капацитет 12")
    }

    @Test("an ЕГН is found wherever it sits: at either end, after other digit runs, at any offset")
    func findsTokensAtEveryOffset() {
        for before in ["", "a", "ж", "12 ", "0888123456 ", "61010475001 ", "123456789 ", "x9"] {
            for padding in 0..<12 {
                let prefix = before + String(repeating: "-", count: padding)
                let text = prefix + "6101047500" + (padding % 2 == 0 ? "" : " 12345")
                let masked = PersonalDataMask.mask(text)
                let expected = prefix + "[ЕГН]" + (padding % 2 == 0 ? "" : " 12345")
                let digitBefore = prefix.last?.isNumber == true
                #expect(masked == (digitBefore ? text : expected), "in „\(text)\"")
            }
        }
        #expect(PersonalDataMask.mask("6101047500 7503151233") == "[ЕГН] [ЕГН]")
        #expect(PersonalDataMask.mask("161010475001") == "161010475001")
    }

    @Test("a field that is exactly one ЕГН")
    func wholeField() {
        #expect(PersonalDataMask.isPersonalNumber(" 8807224562 "))
        #expect(!PersonalDataMask.isPersonalNumber("8807224562 и още"))
    }
}
