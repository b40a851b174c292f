import KartaModel
import Testing

@testable import KartaNormalize

@Suite("Normalizer: answers remembered from the previous row")
struct RecentAnswerTests {
    @Test("a remembered answer is given only for the same bytes in the same places")
    func sameBytesOnly() {
        var recent = RecentAnswer<Int>()
        #expect(recent.answer("Казанлък") == nil)
        recent.remember(7, for: "Стара Загора", "Казанлък", nil)
        #expect(recent.answer("Стара Загора", "Казанлък", nil) == 7)
        #expect(recent.answer("Стара Загора", "Казанлък", "") == nil)
        #expect(recent.answer("Стара Загора", "казанлък", nil) == nil)
        #expect(recent.answer("Казанлък", "Стара Загора", nil) == nil)
        // „й" precomposed and as „и" + combining breve: equal Strings, different bytes.
        recent.remember(1, for: "Видин\u{0439}")
        #expect(recent.answer("Видин\u{0438}\u{0306}") == nil)
        #expect(recent.answer("Видин\u{0439}") == 1)
    }

    @Test("a remembered nil answer is an answer, not a miss")
    func rememberedNil() {
        var recent = RecentAnswer<String?>()
        recent.remember(nil, for: "н/д")
        let answer = recent.answer("н/д")
        #expect(answer != nil)
        #expect(answer! == nil)
    }

    @Test("rows alternating between municipalities, financing and dates each get their own")
    func alternatingRows() throws {
        var harness = try NormalizerHarness()
        let rows = [
            ["Стара Загора", "Казанлък", "Асистентска подкрепа", "АП 1", "10", "8", "държавно делегирана дейност", "Община", "31.12.2025"],
            ["Стара Загора", "Чирпан", "Асистентска подкрепа", "АП 2", "11", "8", "местна дейност", "Община", "30.06.2025"],
            ["Стара Загора", "Казанлък", "Асистентска подкрепа", "АП 3", "12", "8", "държавно делегирана дейност", "Община", "31.12.2025"],
            ["Общо", "", "", "", "33", "24", "", "", ""],
            ["Стара Загора", "Казанлък", "Асистентска подкрепа", "АП 4", "13", "8", "местна дейност", "Община", "31.12.2025"],
        ]
        let results = rows.map { harness.run($0) }
        #expect(results.map { $0.record?.municipalityCode } == ["SZR12", "SZR36", "SZR12", nil, "SZR12"])
        #expect(results.map { $0.record?.financing } == [.stateDelegated, .local, .stateDelegated, nil, .local])
        #expect(
            results.map { $0.record?.reportingDate } == ["2025-12-31", "2025-06-30", "2025-12-31", nil, "2025-12-31"])
        guard case .nonData = results[3] else {
            Issue.record("the totals row was not recognised: \(results[3])")
            return
        }
    }
}
