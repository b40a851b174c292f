import KartaModel
import Testing

@testable import KartaAggregate

@Suite("The draft's maximum users and flags")
struct DraftFlagsTests {
    @Test("the proposal sets the maximum where one exists")
    func proposal() throws {
        let sample = try SampleStore()
        let draft = try MapDraftBuilder(store: sample.builder.store).build()
        let cell = try #require(
            draft.cells.first {
                $0.level == .municipality && $0.areaCode == "SZR31" && $0.kind == .residentialCare
            })
        #expect((cell.stateDelegatedCapacity, cell.proposedUsers, cell.maximumUsers) == (55, 60, 60))
        #expect(cell.proposalRecordIDs == [sample.id("proposalResidential")])
        #expect(cell.flags.isEmpty)
    }

    @Test("without a proposal the maximum is the state-delegated capacity")
    func noProposal() throws {
        let sample = try SampleStore()
        let draft = try MapDraftBuilder(store: sample.builder.store).build()
        let crisis = try #require(draft.cells.first { $0.level == .municipality && $0.areaCode == "JAM26" })
        #expect((crisis.proposedUsers, crisis.maximumUsers, crisis.flags) == (nil, 10, []))
        let local = try #require(draft.cells.first { $0.areaCode == "SZR31" && $0.kind == .assistantSupport })
        #expect(local.maximumUsers == 0)  // locally funded: the Map funds none of it
    }

    @Test("a state-funded service left out of the municipality's proposal is flagged as disappearing")
    func disappears() throws {
        let sample = try SampleStore()
        let draft = try MapDraftBuilder(store: sample.builder.store).build()
        let cop = try #require(
            draft.cells.first {
                $0.level == .municipality && $0.areaCode == "SZR31" && $0.kind == .informationAndConsultation
            })
        #expect(cop.flags == [.serviceDisappears])
        #expect(cop.maximumUsers == 30)
        let district = try #require(
            draft.cells.first { $0.level == .district && $0.kind == .informationAndConsultation })
        #expect(district.flags == [.serviceDisappears])
    }

    @Test("a proposal for a kind with no service today is a new service")
    func newService() throws {
        let sample = try SampleStore()
        let draft = try MapDraftBuilder(store: sample.builder.store).build()
        let cell = try #require(
            draft.cells.first { $0.level == .municipality && $0.kind == .dayCare && $0.areaCode == "SZR31" })
        #expect((cell.services, cell.maximumUsers, cell.flags) == (0, 25, [.newService]))
        let national = try #require(
            draft.cells.first { $0.level == .national && $0.kind == .dayCare && $0.targetGroup == .elderly })
        #expect(national.maximumUsers == 25)
    }
}
