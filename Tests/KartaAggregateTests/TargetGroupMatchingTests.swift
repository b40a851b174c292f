import KartaModel
import Testing

@testable import KartaAggregate

/// The matching rule of docs/aggregation.md in the cases the CLI fixtures do not cover.
@Suite("Target-group matching in the rollup")
struct TargetGroupMatchingRollupTests {
    func cells(_ builder: StoreBuilder) throws -> [MapCell] {
        try builder.finish()
        return try MapDraftBuilder(store: builder.store).buildCells().filter { $0.level == .municipality }
    }

    @Test("a register service without a target group meets the one proposed target group")
    func blankService() throws {
        let builder = try StoreBuilder()
        let register = try builder.source("register.csv")
        let proposal = try builder.source("proposal.csv", kind: .proposal)
        try builder.record(
            source: register, municipality: "VID09", kinds: [.dayCare], group: .unspecified, capacity: 30,
            line: 2)
        try builder.record(
            source: proposal, municipality: "VID09", kinds: [.dayCare], group: .elderly, capacity: 35, line: 2
        )
        let all = try cells(builder)
        let cell = try #require(all.first { $0.kind == .dayCare })
        #expect(all.filter { $0.kind == .dayCare }.count == 1)
        #expect(
            (cell.targetGroup, cell.services, cell.proposedUsers, cell.maximumUsers) == (.elderly, 1, 35, 35))
        #expect(cell.flags == [.targetGroupMatched])
    }

    @Test("a blank proposal where the target groups with services have their own proposals stays apart")
    func noCandidate() throws {
        let builder = try StoreBuilder()
        let register = try builder.source("register.csv")
        let proposal = try builder.source("proposal.csv", kind: .proposal)
        try builder.record(
            source: register, municipality: "VID09", kinds: [.dayCare], group: .elderly, capacity: 30, line: 2
        )
        try builder.record(
            source: proposal, municipality: "VID09", kinds: [.dayCare], group: .elderly, capacity: 30, line: 2
        )
        try builder.record(
            source: proposal, municipality: "VID09", kinds: [.dayCare], group: .unspecified, capacity: 12,
            line: 3)
        let all = try cells(builder).filter { $0.kind == .dayCare }
        let blank = try #require(all.first { $0.targetGroup == .unspecified })
        #expect(blank.flags == [.newService])
        #expect(all.reduce(0) { $0 + $1.maximumUsers } == 42)
    }

    @Test("a blank proposal with candidates of another kind or level is not matched to them")
    func otherKindOrLevel() throws {
        let builder = try StoreBuilder()
        let register = try builder.source("register.csv")
        let proposal = try builder.source("proposal.csv", kind: .proposal)
        try builder.record(
            source: register, municipality: "VID09", kinds: [.residentialCare], group: .elderly, capacity: 30,
            level: .district, line: 2)
        try builder.record(
            source: proposal, municipality: "VID09", kinds: [.residentialCare], group: .unspecified,
            capacity: 20,
            line: 2)
        let all = try cells(builder).filter { $0.kind == .residentialCare }
        let blank = try #require(all.first { $0.targetGroup == .unspecified })
        #expect(blank.flags == [.newService], "the service is planned at district level, the proposal is not")
    }
}
