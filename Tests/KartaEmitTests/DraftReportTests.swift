import Foundation
import KartaAggregate
import KartaModel
import Testing

@testable import KartaEmit

@Suite("HTML report with the district map")
struct DraftReportTests {
    @Test("the tile grid places all 28 districts on distinct tiles")
    func tileGrid() {
        let codes = Set(ReferenceRegistry.bulgaria.districts.map(\.code))
        #expect(Set(DistrictTileGrid.positions.keys) == codes)
        let tiles = DistrictTileGrid.positions.values.map { "\($0.column),\($0.row)" }
        #expect(Set(tiles).count == 28)
        #expect(DistrictTileGrid.positions["VID"]! == (0, 0))
        #expect(DistrictTileGrid.positions["KRZ"]!.row == DistrictTileGrid.rows - 1)
        #expect(DistrictTileGrid.positions["BGS"]!.column == DistrictTileGrid.columns - 1)
    }

    @Test("the report is self-contained: no scripts, links, fonts or remote resources")
    func selfContained() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = DraftReport.render(try SampleStore.draft(in: folder))
        for forbidden in ["<script", "<link", "@import", "@font-face", "src=\"http", "url("] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        #expect(html.components(separatedBy: "<g class=\"tile\"").count - 1 == 28)
        #expect(html.contains("Места в държавно делегирани услуги на 1000 жители"))
        #expect(html.contains("example-2026.1"))
    }

    @Test("districts are coloured by the indicator; the largest value gets the darkest class")
    func colours() {
        let scale = ColourScale(values: [1, 2, 3, 4, 5])
        #expect(scale.colour(5) == ColourScale.colours[4])
        #expect(scale.colour(1) == ColourScale.colours[0])
        #expect(scale.colour(nil) == ColourScale.noData)
    }

    @Test("district-level services: the served municipalities once per district, at most 500 rows, then how many more")
    func districtServicesBounded() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var draft = try SampleStore.draft(in: folder)
        let serves = ReferenceRegistry.bulgaria.municipalities(inDistrict: "SZR").map(\.code)
        draft.districtServices =
            (1...505).map { number in
                DistrictService(
                    districtCode: "SZR", hostMunicipalityCode: "SZR31", kind: .residentialCare, targetGroup: .elderly,
                    serviceName: "ЦНСТ <№\(number)>", capacity: 15, users: 14, scope: .district, serves: serves)
            } + [
                DistrictService(
                    districtCode: "VID", hostMunicipalityCode: "VID09", kind: .shelter, targetGroup: .peopleInCrisis,
                    serviceName: "Кризисен център", capacity: nil, users: 3, scope: .national, serves: ["BG"])
            ]
        let html = DraftReport.render(draft)
        #expect(html.components(separatedBy: "<tr data-district=\"SZR\">").count - 1 == DraftReport.districtServicesShown)
        #expect(html.contains("<td>ЦНСТ &lt;№500&gt;</td>") && !html.contains("№501"))
        #expect(html.contains("… и още 5 услуги в тази област"))
        #expect(html.components(separatedBy: "областните обслужват общините: ").count - 1 == 1, "only SZR has district scope")
        #expect(html.contains("Видин (VID) — 1 услуга</th>"))
        #expect(html.contains("<td>национален</td><td>цялата страна</td>"))
    }

    @Test("user outlines replace the tile grid when given")
    func outlines() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let draft = try SampleStore.draft(in: folder)
        let geometryFile = folder.appendingPathComponent("outlines.geojson")
        try Data(SampleGeometry.twoDistricts.utf8).write(to: geometryFile)
        let geometry = try AreaGeometry.load(path: geometryFile.path)
        let html = DraftReport.render(draft, geometry: geometry)
        #expect(html.contains("<path data-code=\"SZR\""))
        #expect(html.contains("<path data-code=\"VID\""))
        #expect(!html.contains("class=\"tile\""))
    }

    @Test("the report opens in headless Chromium without console errors")
    func chromium() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let draft = try SampleStore.draft(in: folder)
        let files = try DraftWriter.write(draft: draft, formats: [.html], to: folder)
        let result = try HeadlessChromium.dumpDOM(URL(fileURLWithPath: files[0].path))
        #expect(result.status == 0, "\(result.log)")
        #expect(result.dom.contains("Национално обобщение"))
        #expect(result.dom.contains("<svg"))
        let consoleErrors = result.log.split(separator: "\n").filter {
            $0.contains("CONSOLE") || $0.contains("Uncaught") || $0.contains("ERR_")
        }
        #expect(consoleErrors.isEmpty, "\(consoleErrors)")
    }
}

/// Runs `chromium --headless` on a local file (no network: the report needs none).
enum HeadlessChromium {
    static func dumpDOM(_ file: URL) throws -> (status: Int32, dom: String, log: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "karta-chromium-\(UUID())")
        defer { try? FileManager.default.removeItem(at: profile) }
        process.arguments = [
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
            "--user-data-dir=\(profile.path)", "--dump-dom", file.absoluteString,
        ]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self)
        )
    }
}

/// Two invented square "outlines" (not real borders) for geometry tests.
enum SampleGeometry {
    static let twoDistricts = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"code": "SZR", "name": "Стара Загора"},
           "geometry": {"type": "Polygon", "coordinates": [[[25.0, 42.0], [26.0, 42.0], [26.0, 42.6], [25.0, 42.6], [25.0, 42.0]]]}},
          {"type": "Feature", "properties": {"code": "vid"},
           "geometry": {"type": "MultiPolygon", "coordinates": [[[[22.5, 43.6], [23.0, 43.6], [23.0, 44.0], [22.5, 43.6]]]]}},
          {"type": "Feature", "properties": {"name": "no code"}, "geometry": null}
        ]}
        """
}
