import KartaModel
import Testing

@testable import KartaNormalize

@Suite("Users per month: header names and three months without users")
struct MonthlyUsersTests {
    let naming = try! ColumnMapping.standard().monthlyUsers!

    @Test("month names, abbreviations, numbers with years, Latin and Cyrillic; other headers are not months")
    func headers() {
        func month(_ header: String) -> MonthlyColumn.Month? { naming.month(ofHeader: header) }
        #expect(month("Потребители януари") == MonthlyColumn.Month(month: 1, year: nil))
        #expect(month("Потребители декември 2025 г.") == MonthlyColumn.Month(month: 12, year: 2025))
        #expect(month("Брой потребители - март") == MonthlyColumn.Month(month: 3, year: nil))
        #expect(month("Потребители 01.2025") == MonthlyColumn.Month(month: 1, year: 2025))
        #expect(month("Users 2025-11") == MonthlyColumn.Month(month: 11, year: 2025))
        #expect(month("Users Jan") == MonthlyColumn.Month(month: 1, year: nil))
        #expect(month("Потребители през септ.") == MonthlyColumn.Month(month: 9, year: nil))
        #expect(month("Потребители") == nil)
        #expect(month("Брой потребители") == nil)
        #expect(month("Потребители (целева група)") == nil)
        #expect(month("Потребители 13.2025") == nil)
        #expect(month("Капацитет януари") == nil)
    }

    @Test("a run of three zero months or more, in calendar order; an unknown month breaks it")
    func runs() {
        func months(_ counts: [Int?], year: Int? = nil, first: Int = 1) -> [Int]? {
            let input = counts.enumerated().map { index, count in
                let ordinal = first - 1 + index
                return (
                    MonthlyColumn.Month(month: ordinal % 12 + 1, year: year.map { $0 + ordinal / 12 }), count
                )
            }
            return MonthlyUsers.monthsWithoutUsers(input)?.map(\.month)
        }
        #expect(months([5, 0, 0, 0, 4]) == [2, 3, 4])
        #expect(months([0, 0, 5, 0, 0]) == nil)
        #expect(months([0, 0, nil, 0, 0, 0]) == [4, 5, 6])
        #expect(months([0, 0, 0, 0, 0]) == [1, 2, 3, 4, 5])
        #expect(months([1, 0, 0]) == nil)
        // across the new year, with years in the headers
        #expect(months([7, 0, 0, 0], year: 2025, first: 10) == [11, 12, 1])
    }

    @Test("monthly columns never bind to users; the current users column still does")
    func binding() throws {
        let binding = ColumnBinding.candidate(
            header: ["Община", "Услуга", "Капацитет", "Брой потребители", "Потребители януари", "Потребители февруари"],
            format: .csv, mapping: try ColumnMapping.standard())
        #expect(binding.columns[.users] == [3])
        #expect(binding.monthlyUsers.map(\.index) == [4, 5])
    }
}

@Suite("Normalizer: money, waiting list, monthly users on a record")
struct RegisterFactsNormalizerTests {
    static let header = [
        "Община", "Наименование на услугата", "Капацитет", "Потребители", "Държавно финансиране (лв.)",
        "Общинско финансиране", "Чакащи", "Потребители 10.2025", "Потребители 11.2025", "Потребители 12.2025",
    ]

    func harness(observing rows: [[String]]) throws -> NormalizerHarness {
        let harness = try NormalizerHarness(header: Self.header)
        #expect(harness.normalizer.needsMoneyPass)
        for fields in rows {
            harness.normalizer.observeMoney(
                RawRow(fields: fields, position: SourcePosition(line: 2, byteOffset: 0, recordIndex: 0), rawText: ""))
        }
        return harness
    }

    @Test("amounts in stotinki in the column's convention; waiting list; three months at 0 named")
    func readable() throws {
        let rows = [
            ["Казанлък", "ЦОП Казанлък", "15", "10", "1.200", "350,5", "4", "0", "0", "0"],
            ["Казанлък", "ДСХ Казанлък", "30", "28", "12 000,00", "", "н/д", "28", "27", "28"],
            ["Казанлък", "ЦНСТ Казанлък", "14", "14", "abc", "", "", "", "", ""],
        ]
        var harness = try harness(observing: rows)
        let first = try #require(harness.run(rows[0]).record)
        #expect(first.register.stateFundingStotinki == 120_000)
        #expect(first.register.municipalFundingStotinki == 35_050)
        #expect(first.register.isMixedFinancing)
        #expect(first.register.waitingList == 4)
        #expect(first.register.monthsWithoutUsers == ["октомври 2025", "ноември 2025", "декември 2025"])
        #expect(first.warnings.map(\.code) == ["no_users_three_months"])
        let second = try #require(harness.run(rows[1]).record)
        #expect(second.register.stateFundingStotinki == 1_200_000)
        #expect(second.register.municipalFundingStotinki == nil && second.register.waitingList == nil)
        #expect(second.register.monthsWithoutUsers == nil && second.warnings.isEmpty)
        let third = try #require(harness.run(rows[2]).rejectValue)
        #expect(third.reason == .malformed)
        #expect(third.column == "Държавно финансиране (лв.)")
        #expect(third.message.contains("„abc\" в колона „Държавно финансиране (лв.)\" не е сума в лева"))
    }

    @Test("an ambiguous column loads its rows with money_unreadable and no amount")
    func ambiguous() throws {
        let rows = [
            ["Казанлък", "ЦОП Казанлък", "15", "10", "1.234", "", "", "", "", ""],
            ["Казанлък", "ДСХ Казанлък", "30", "28", "2,500", "", "", "", "", ""],
        ]
        var harness = try harness(observing: rows)
        let record = try #require(harness.run(rows[0]).record)
        #expect(record.register.stateFundingStotinki == nil)
        #expect(record.warnings.map(\.code) == ["money_unreadable"])
        #expect(record.warnings[0].message.contains("не показва десетичния знак"))
    }
}
