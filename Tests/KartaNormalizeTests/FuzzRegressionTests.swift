import Foundation
import Testing

@testable import KartaNormalize

/// Inputs the fuzzers found (fuzz/crashers/numbers-dates/, fuzz/crashers/normalizer/): each one
/// once broke a promise of the parsers and must keep it now.
@Suite("Fuzz regressions: numbers, dates, normalizer")
struct FuzzRegressionTests {
    @Test("a run of 360 digits is not a number (it used to parse to +infinity)")
    func hugeNumberIsNotInfinity() throws {
        let text = "\t\t\t\t" + String(repeating: "6", count: 360)
        #expect(BulgarianNumber.parse(text) == nil)
        #expect(BulgarianNumber.parse("-" + String(repeating: "9", count: 400) + ",5") == nil)
        // The longest numbers a Double holds still parse.
        #expect(BulgarianNumber.parse(String(repeating: "9", count: 300))?.isFinite == true)
    }

    @Test("the kept crasher file itself parses to nil")
    func keptCrasher() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(
                "fuzz/crashers/numbers-dates/crash-360-digits-parse-to-infinity")
        let bytes = [UInt8](try Data(contentsOf: file))
        #expect(BulgarianNumber.parse(String(decoding: bytes, as: UTF8.self)) == nil)
    }
}
