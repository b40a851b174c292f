import KartaModel
import Testing

@testable import KartaPipeline

@Suite("Thresholds")
struct ThresholdCheckTests {
    func input(
        _ path: String, read: Int, rejected: Int, nonData: Int = 0, status: SourceReport.Status = .loaded
    ) -> SourceReport {
        SourceReport(
            path: path, kind: .municipalRegister, status: status, rowsRead: read,
            loaded: read - rejected - nonData, rejected: rejected, nonData: nonData, durationSeconds: 0,
            error: status == .refused ? "malformed XML" : nil)
    }

    @Test("a file over the rejected percentage is a breach; non-data rows do not count as data")
    func percentage() {
        var thresholds = Thresholds()
        thresholds.maxRejectedPercent = 10
        let breaches = ThresholdCheck.breaches(
            inputs: [
                input("a.csv", read: 20, rejected: 2), input("b.csv", read: 21, rejected: 2, nonData: 2),
            ],
            thresholds: thresholds)
        // a.csv: 2 of 20 = 10 % (not above); b.csv: 2 of 19 = 10.5 %.
        #expect(breaches == ["b.csv: 2 of 19 data rows rejected (10.5% > 10%)"])
    }

    @Test("a refused file is a breach only when fail_on_refused is set")
    func refused() {
        var thresholds = Thresholds()
        let inputs = [input("x.xml", read: 0, rejected: 0, status: .refused)]
        #expect(ThresholdCheck.breaches(inputs: inputs, thresholds: thresholds).count == 1)
        thresholds.failOnRefused = false
        #expect(ThresholdCheck.breaches(inputs: inputs, thresholds: thresholds).isEmpty)
    }

    @Test("the run-wide limit on rejected rows")
    func totalRows() {
        var thresholds = Thresholds()
        thresholds.maxRejectedPercent = 100
        thresholds.maxRejectedRows = 3
        let breaches = ThresholdCheck.breaches(
            inputs: [input("a.csv", read: 10, rejected: 2), input("b.csv", read: 10, rejected: 2)],
            thresholds: thresholds)
        #expect(breaches == ["4 rows rejected in all (more than 3)"])
    }
}
