import Testing

@testable import KartaPipeline

@Suite("Exit status contract")
struct ExitStatusTests {
    @Test("the codes of DESIGN.md, which schedulers rely on")
    func codes() {
        #expect(ExitStatus.allCases.map(\.rawValue) == [0, 1, 2, 3, 4, 66, 70, 74, 75, 76, 77])
    }
}
