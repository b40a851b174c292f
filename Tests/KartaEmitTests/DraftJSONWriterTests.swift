import Foundation
import KartaAggregate
import KartaModel
import Testing

@testable import KartaEmit

@Suite("The draft's JSON is written piece by piece in JSONEncoder's bytes")
struct DraftJSONWriterTests {
    /// What the draft's JSON was before it was written piece by piece: one call of karta's one
    /// encoder, with the versions added.
    static func wholeDocument(_ draft: MapDraft) throws -> Data {
        var data = try KartaJSON.encoder().encode(VersionedDocument(schema: .mapDraft, value: draft))
        data.append(10)
        return data
    }

    @Test("the sample draft gives the bytes of encoding the whole draft at once")
    func sampleDraft() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let draft = try SampleStore.draft(in: folder)
        #expect(!draft.reconciliation.services.isEmpty)
        #expect(try DraftJSON.encode(draft) == Self.wholeDocument(draft))
    }

    @Test("empty lists keep the encoder's layout")
    func emptyLists() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var draft = try SampleStore.draft(in: folder)
        draft.cells = []
        draft.rejects = []
        draft.reconciliation.cells = []
        draft.reconciliation.services = []
        #expect(try DraftJSON.encode(draft) == Self.wholeDocument(draft))
    }

    @Test("the streamed file holds the encoded bytes")
    func streamedFile() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let draft = try SampleStore.draft(in: folder)
        let url = folder.appendingPathComponent("out/map-draft.json")
        try DraftJSON.write(draft, to: url)
        #expect(try Data(contentsOf: url) == Self.wholeDocument(draft))
    }
}
