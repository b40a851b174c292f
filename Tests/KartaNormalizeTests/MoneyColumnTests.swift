import Testing

@testable import KartaNormalize

@Suite("Money columns: the decimal convention of the whole column")
struct MoneyColumnTests {
    @Test("„1.234,50\" and „12,5\" make a decimal-comma column; its „1.234\" is 1234 лв.")
    func commaColumn() throws {
        let column = MoneyColumn(header: "Делегиран бюджет (лв.)", cells: ["1.234", "1.234,50", "12,5", "", "1 234 567,89"])
        #expect(column.detection == .convention(.comma, example: "1.234,50"))
        #expect(column.problem == nil)
        #expect(try column.stotinki("1.234") == 123_400)
        #expect(try column.stotinki("1.234,50") == 123_450)
        #expect(try column.stotinki("12,5") == 1_250)
        #expect(try column.stotinki("1 234 567,89") == 123_456_789)
        #expect(try column.stotinki("1\u{00A0}234,50 лв.") == 123_450)
        #expect(try column.stotinki("") == nil)
    }

    @Test("\"1,234.50\" makes a decimal-point column; its \"1,234\" is 1234 лв. and „12.5\" 12,50 лв.")
    func dotColumn() throws {
        let column = MoneyColumn(header: "State funding (BGN)", cells: ["1,234", "1,234.50", "12.5"])
        #expect(column.detection == .convention(.dot, example: "1,234.50"))
        #expect(try column.stotinki("1,234") == 123_400)
        #expect(try column.stotinki("12.5") == 1_250)
        #expect(try column.stotinki("-3,000.05") == -300_005)
    }

    @Test("the same cell „1.234\" reads a thousand times apart in the two conventions")
    func conventionDecides() throws {
        let comma = MoneyColumn(header: "x", cells: ["1.234", "0,50"])
        let dot = MoneyColumn(header: "x", cells: ["1.234", "0.50"])
        #expect(try comma.stotinki("1.234") == 123_400)
        #expect(throws: MoneyCellError.self) { try dot.stotinki("1.234") }  // three decimals
        #expect(try dot.stotinki("1,234") == 123_400)
    }

    @Test("repeated marks group thousands: „1.234.567\" is comma-decimal, \"1,234,567\" dot-decimal")
    func repeatedMarks() {
        #expect(MoneyColumn(header: "x", cells: ["1.234.567"]).detection == .convention(.comma, example: "1.234.567"))
        #expect(MoneyColumn(header: "x", cells: ["1,234,567"]).detection == .convention(.dot, example: "1,234,567"))
    }

    @Test("whole amounts only read alike in every convention")
    func wholeAmounts() throws {
        let column = MoneyColumn(header: "x", cells: ["1 200", "350", ""])
        #expect(column.detection == .wholeAmounts)
        #expect(try column.stotinki("1 200") == 120_000)
    }

    @Test("a column of „1,234\"-like cells only is ambiguous: a Bulgarian reason, no amount")
    func ambiguous() {
        let column = MoneyColumn(header: "Средства от държавния бюджет", cells: ["1,234", "5,000"])
        #expect(column.detection == .ambiguous(example: "1,234"))
        #expect(column.problem?.contains("колоната „Средства от държавния бюджет“ не показва десетичния знак") == true)
        #expect(throws: MoneyCellError.self) { try column.stotinki("1,234") }
    }

    @Test("a column mixing „12,50\" and \"12.50\" is contradictory: both examples in the reason")
    func contradictory() {
        let column = MoneyColumn(header: "Финансиране от общината (лв.)", cells: ["12,50", "7.25", "100"])
        #expect(column.detection == .contradictory(comma: "12,50", dot: "7.25"))
        let problem = column.problem ?? ""
        #expect(problem.contains("смесва десетична запетая („12,50“) и десетична точка („7.25“)"))
        do {
            _ = try column.stotinki("100")
            Issue.record("a contradictory column's amounts are not read")
        } catch {
            #expect(error.reason == problem)
        }
    }

    @Test("cells that are not amounts are refused with the cell in the reason")
    func notAmounts() {
        let column = MoneyColumn(header: "x", cells: ["12,50"])
        for cell in ["abc", "12,5,0", "1.23.4", "12,505", "--5", ",50", "12,"] {
            #expect(throws: MoneyCellError.self, "\(cell)") { try column.stotinki(cell) }
        }
        do {
            _ = try column.stotinki("abc")
        } catch {
            #expect(error.reason == "„abc“ не е сума в лева")
        }
    }
}
