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

    /// Every byte below 32, the characters JSON escapes, a slash, Cyrillic, a combining mark and
    /// an emoji: what an input file could put into a service's name.
    static let oddText: String = {
        var text = ""
        for byte in UInt8(1)..<32 { text.unicodeScalars.append(Unicode.Scalar(byte)) }
        return text + "\"\\/ ДПЛУИ „Приятели“ № 1\u{301} 🏠\u{7f}\u{2028}"
    }()

    @Test("district-level services: odd names, no capacity, no users, no municipalities, give the encoder's bytes")
    func districtServices() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var draft = try SampleStore.draft(in: folder)
        let serves = ReferenceRegistry.bulgaria.municipalities(inDistrict: "SZR").map(\.code)
        draft.districtServices = [
            DistrictService(
                districtCode: "SZR", hostMunicipalityCode: "SZR31", kind: .residentialCare, targetGroup: .elderly,
                serviceName: Self.oddText, capacity: 15, users: 14, scope: .district, serves: serves),
            DistrictService(
                districtCode: "SZR", hostMunicipalityCode: "SZR12", kind: .shelter,
                targetGroup: TargetGroup(code: "x\"y", nameBG: Self.oddText), serviceName: "", capacity: nil,
                users: nil, scope: .national, serves: ["BG"]),
            DistrictService(
                districtCode: "VID", hostMunicipalityCode: "VID09", kind: .dayCare, targetGroup: .children,
                serviceName: "Център", capacity: nil, users: 0, scope: .district, serves: []),
            DistrictService(
                districtCode: "VID", hostMunicipalityCode: "VID09", kind: .dayCare, targetGroup: .children,
                serviceName: "Център", capacity: 0, users: nil, scope: .district, serves: ["VID09"]),
        ]
        #expect(try DraftJSON.encode(draft) == Self.wholeDocument(draft))
        draft.districtServices = []
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
