import Foundation
import KartaAggregate
import KartaModel
import Testing

@testable import KartaEmit

@Suite("GeoJSON of the draft")
struct GeoJSONTests {
    func features(_ data: Data) throws -> [[String: Any]] {
        let root = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["type"] as? String == "FeatureCollection")
        return try #require(root["features"] as? [[String: Any]])
    }

    @Test("one feature per district and municipality, geometry null without a geometry file")
    func withoutGeometry() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let draft = try SampleStore.draft(in: folder)
        let all = try features(DraftGeoJSON.encode(draft, geometry: nil))
        #expect(all.count == 28 + 265)
        #expect(all.allSatisfy { $0["geometry"] is NSNull && $0["type"] as? String == "Feature" })
        let szr31 = try #require(
            all.first { $0["id"] as? String == "SZR31" }?["properties"] as? [String: Any])
        #expect(szr31["name"] as? String == "Стара Загора")
        #expect(szr31["level"] as? String == "municipality")
        #expect(szr31["district_code"] as? String == "SZR")
        #expect(szr31["capacity"] as? Int == draft.area(code: "SZR31")?.capacity)
    }

    @Test("geometry from the user's file is matched by the code property, in any case")
    func withGeometry() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let draft = try SampleStore.draft(in: folder)
        let file = folder.appendingPathComponent("outlines.geojson")
        try Data(SampleGeometry.twoDistricts.utf8).write(to: file)
        let geometry = try AreaGeometry.load(path: file.path)
        #expect(Set(geometry.geometries.keys) == ["SZR", "VID"])
        let all = try features(DraftGeoJSON.encode(draft, geometry: geometry))
        let szr = try #require(all.first { $0["id"] as? String == "SZR" })
        #expect((szr["geometry"] as? [String: Any])?["type"] as? String == "Polygon")
        let vid = try #require(all.first { $0["id"] as? String == "VID" })
        #expect((vid["geometry"] as? [String: Any])?["type"] as? String == "MultiPolygon")
        #expect(all.filter { !($0["geometry"] is NSNull) }.count == 2)
    }

    @Test("a geometry file that is not a FeatureCollection is refused with its path")
    func refusesBadGeometry() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("bad.geojson")
        try Data("{\"type\": \"Feature\"}".utf8).write(to: file)
        #expect(throws: AreaGeometry.LoadError.self) { try AreaGeometry.load(path: file.path) }
    }
}
