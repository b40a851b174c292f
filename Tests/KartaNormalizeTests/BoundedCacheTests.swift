import KartaModel
import Testing

@testable import KartaNormalize

@Suite("Normalizer: the bounded cache of answers per distinct text")
struct BoundedCacheTests {
    @Test("an answer is computed once per key, also when keys alternate")
    func computedOnce() {
        var cache = BoundedCache<TextKey, Int>(limit: 10)
        var computed: [String] = []
        let texts = ["Казанлък", "Казанлък", "Чирпан", "Казанлък", "Чирпан", "Чирпан"]
        let answers = texts.map { text in
            cache.value(for: TextKey(text)) { key in
                computed.append(key.text)
                return key.text.count
            }
        }
        #expect(answers == [8, 8, 6, 8, 6, 6])
        #expect(computed == ["Казанлък", "Чирпан"])
        #expect(cache.count == 2)
    }

    @Test("keys are bytes: equal Strings with different bytes are different keys")
    func bytesNotCanonicalEquivalence() {
        var cache = BoundedCache<TextKey, Int>(limit: 10)
        // „й" precomposed and as „и" + combining breve: equal Strings, different bytes.
        #expect(cache.value(for: TextKey("Видин\u{0439}")) { _ in 1 } == 1)
        #expect(cache.value(for: TextKey("Видин\u{0438}\u{0306}")) { _ in 2 } == 2)
        #expect(cache.value(for: TextKey("Видин\u{0439}")) { _ in 3 } == 1)
        #expect(cache.count == 2)
    }

    @Test("a remembered nil answer is an answer, not a miss")
    func rememberedNil() {
        var cache = BoundedCache<TextKey, String?>(limit: 10)
        var calls = 0
        for _ in 0..<3 {
            let answer = cache.value(for: TextKey("н/д")) { _ in
                calls += 1
                return nil
            }
            #expect(answer == nil)
        }
        #expect(calls == 1)
    }

    @Test("when full it is emptied and fills again: never more than the limit")
    func bounded() {
        var cache = BoundedCache<Int, Int>(limit: 4)
        var calls = 0
        for key in 0..<10 {
            _ = cache.value(for: key) { key in
                calls += 1
                return key * 2
            }
            #expect(cache.count <= 4)
        }
        #expect(calls == 10)
        #expect(cache.count == 2)  // emptied at 4 and at 8 answers: 8 and 9 held
        // an emptied answer is computed again, and is still right
        #expect(cache.value(for: 0) { $0 * 2 } == 0)
        #expect(cache.value(for: 9) { _ in -1 } == 18)
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
