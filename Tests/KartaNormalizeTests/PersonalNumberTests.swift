import Testing

@testable import KartaNormalize

@Suite("Personal number (ЕГН)")
struct PersonalNumberTests {
    @Test("accepts DOMAIN.md's example number that belongs to no one")
    func validExample() {
        #expect(PersonalNumber.isValid("6101047500"))
        #expect(PersonalNumber.isValid(" 6101047500 "))
    }

    @Test(
        "rejects wrong check digits, impossible dates and non-digits",
        arguments: ["6101047501", "6113047500", "6102307500", "610104750", "61010475000", "61O1047500", ""])
    func invalid(text: String) {
        #expect(!PersonalNumber.isValid(text))
    }

    @Test("understands month +40 for births from 2000 and +20 before 1900")
    func centuries() {
        // 2005-03-15, sequence 123: digits 0 5 4 3 1 5 1 2 3 → check digit computed below.
        let body = [0, 5, 4, 3, 1, 5, 1, 2, 3]
        let weights = [2, 4, 8, 5, 10, 9, 7, 3, 6]
        let check = zip(body, weights).map(*).reduce(0, +) % 11 % 10
        #expect(PersonalNumber.isValid(body.map(String.init).joined() + String(check)))
        #expect(!PersonalNumber.isValid(body.map(String.init).joined() + String((check + 1) % 10)))
        // 29 February only in leap years: 2004 yes (04 42 29), 2005 no.
        #expect(!PersonalNumber.isValid("0542290000"))
    }
}
