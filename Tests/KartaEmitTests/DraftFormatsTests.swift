import Foundation
import KartaAggregate
import KartaModel
import Testing

@testable import KartaEmit

@Suite("Draft formats: golden files, schemas, determinism")
struct DraftFormatsTests {
    /// Writes every format of the sample draft (and the records) into a fresh folder.
    func writeAll(extraResidentialPlaces: Int = 0) throws -> (folder: URL, files: [WrittenFile]) {
        let folder = SampleStore.temporaryFolder()
        let store = try SampleStore.make(
            in: folder.appendingPathComponent("store"), extraResidentialPlaces: extraResidentialPlaces)
        let draft = try SampleStore.draft(store: store)
        let out = folder.appendingPathComponent("out")
        var files = try DraftWriter.write(
            draft: draft, formats: [.csv, .json, .xml, .geojson, .html], to: out)
        files += try DraftWriter.writeRecords(store: store, formats: [.csv, .jsonl], to: out)
        return (out, files)
    }

    @Test("every format matches its golden file")
    func golden() throws {
        let (out, files) = try writeAll()
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        #expect(files.count == 15)  // map-comparison.csv: the sample store has an adopted Map; district-services.csv
        for file in files {
            let name = URL(fileURLWithPath: file.path).lastPathComponent
            try Golden.check(try Data(contentsOf: URL(fileURLWithPath: file.path)), name: name)
        }
    }

    @Test("the same store and options give byte-identical files")
    func deterministic() throws {
        let first = try writeAll()
        let second = try writeAll()
        defer {
            try? FileManager.default.removeItem(at: first.folder.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: second.folder.deletingLastPathComponent())
        }
        #expect(first.files.map(\.sha256) == second.files.map(\.sha256))
        for (a, b) in zip(first.files, second.files) {
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: a.path))
                    == Data(contentsOf: URL(fileURLWithPath: b.path)))
        }
    }

    @Test("written files report their real SHA-256 and size")
    func writtenFileDigests() throws {
        let (out, files) = try writeAll()
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: file.path))
            #expect(Int64(data.count) == file.bytes)
            #expect(FileDigest.sha256(data) == file.sha256)
        }
    }

    @Test("the JSON draft validates against schemas/map-draft.schema.json (Python jsonschema)")
    func jsonSchema() throws {
        let (out, _) = try writeAll()
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let result = try JSONSchemaCheck.validate(out.appendingPathComponent("map-draft.json"))
        #expect(result.status == 0, "\(result.output)")
    }

    @Test("the JSON schema rejects a draft with a wrong value")
    func jsonSchemaCatchesErrors() throws {
        let (out, _) = try writeAll()
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let url = out.appendingPathComponent("map-draft.json")
        let broken = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "\"status\" : \"meets\"", with: "\"status\" : \"fine\"")
            .replacingOccurrences(of: "\"status\" : \"no_criterion\"", with: "\"status\" : \"fine\"")
        try broken.write(to: url, atomically: true, encoding: .utf8)
        #expect(try JSONSchemaCheck.validate(url).status != 0)
    }

    @Test("the XML draft validates against schemas/map-draft.xsd (libxml2)")
    func xmlSchema() throws {
        let (out, _) = try writeAll()
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let validator = try XMLSchemaValidator(
            schemaPath: SampleStore.packageRoot.appendingPathComponent("schemas/map-draft.xsd").path)
        let bytes = try [UInt8](Data(contentsOf: out.appendingPathComponent("map-draft.xml")))
        #expect(validator.problems(in: bytes) == [])
        let broken = String(decoding: bytes, as: UTF8.self).replacingOccurrences(
            of: "kind=\"residential_care\"", with: "kind=\"care\"")
        #expect(!validator.problems(in: Array(broken.utf8)).isEmpty)
    }

    @Test("the XML writer keeps hostile text well-formed and escaped")
    func xmlEscaping() throws {
        let xml = try XMLDocumentWriter()
        try xml.startElement("a")
        try xml.attribute("name", "<script>\"&\u{1}")
        try xml.textElement("b", "</a><c>")
        let text = String(decoding: try xml.finish(), as: UTF8.self)
        #expect(text.contains("name=\"&lt;script&gt;&quot;&amp;\u{FFFD}\""))
        #expect(text.contains("<b>&lt;/a&gt;&lt;c&gt;</b>"))
    }

    @Test("the JSON draft reads back as the same draft")
    func jsonRoundTrip() throws {
        let folder = SampleStore.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let draft = try SampleStore.draft(in: folder)
        #expect(try DraftJSON.decode(DraftJSON.encode(draft), path: "x") == draft)
    }
}

/// Runs Python's `jsonschema` (Draft 2020-12) on a file.
enum JSONSchemaCheck {
    static func validate(_ url: URL) throws -> (status: Int32, output: String) {
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            jsonschema.Draft202012Validator.check_schema(schema)
            document = json.load(open(sys.argv[2], encoding="utf-8"))
            errors = list(jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(document))
            for error in errors[:10]:
                print("/".join(map(str, error.absolute_path)), error.message)
            sys.exit(1 if errors else 0)
            """
        let process = Process()
        // Debian's own Python, where `make deps` installs python3-jsonschema from apt (PEP 668).
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            "-c", script,
            SampleStore.packageRoot.appendingPathComponent("schemas/map-draft.schema.json").path,
            url.path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

@Suite("district-level services in the XML and CSV draft")
struct DistrictServicesFormatsTests {
    /// The sample draft with a district-level service of each scope (one with unknown capacity).
    func draft() throws -> (folder: URL, draft: MapDraft) {
        let folder = SampleStore.temporaryFolder()
        var draft = try SampleStore.draft(in: folder.appendingPathComponent("store"))
        draft.districtServices = [
            DistrictService(
                districtCode: "SZR", hostMunicipalityCode: "SZR31", kind: .residentialCare,
                targetGroup: TargetGroup(code: "children", nameBG: "деца"), serviceName: "=ЦНСТ „Слънчоглед“; дом 2",
                capacity: 14, users: 12, scope: .district, serves: ["SZR12", "SZR31"]),
            DistrictService(
                districtCode: "SZR", hostMunicipalityCode: "SZR12", kind: .shelter,
                targetGroup: TargetGroup(code: "unspecified", nameBG: "неуточнена"), serviceName: "Кризисен център",
                capacity: nil, users: 9, scope: .national, serves: ["BG"]),
        ]
        return (folder, draft)
    }

    @Test("the XML draft lists them and validates against the XSD; a wrong scope does not")
    func xml() throws {
        let (folder, draft) = try draft()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = try DraftXML.encode(draft)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("hostMunicipalityCode=\"SZR31\""))
        #expect(text.contains("scope=\"national\""))
        #expect(text.contains("<serves>SZR12 SZR31</serves>"))
        #expect(!text.contains("capacity=\"\""))
        let validator = try XMLSchemaValidator(
            schemaPath: SampleStore.packageRoot.appendingPathComponent("schemas/map-draft.xsd").path)
        #expect(validator.problems(in: bytes) == [])
        let broken = text.replacingOccurrences(of: "scope=\"national\"", with: "scope=\"interdistrict\"")
        #expect(!validator.problems(in: Array(broken.utf8)).isEmpty)
    }

    @Test("district-services.csv has a Bulgarian header and one row per service, formulas neutralised")
    func csv() throws {
        let (folder, draft) = try draft()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = Dictionary(draft.areas.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let table = try #require(DraftTables.districtServicesTable(draft, names: names))
        let text = String(decoding: table.encoded(.excel), as: UTF8.self)
        let lines = text.dropFirst().components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("Код на областта;Област;Код на общината домакин;Община домакин;Услуга;"))
        #expect(
            lines[1]
                == "SZR;Стара Загора;SZR31;Стара Загора;\"'=ЦНСТ „Слънчоглед“; дом 2\";residential_care;резидентна грижа;children;деца;14;12;district;областен;SZR12|SZR31"
        )
        #expect(lines[2] == "SZR;Стара Загора;SZR12;Казанлък;Кризисен център;shelter;осигуряване на подслон;unspecified;неуточнена;;9;national;национален;BG")
        var older = draft
        older.districtServices = nil
        #expect(DraftTables.districtServicesTable(older, names: names) == nil)
        #expect(!DraftTables.all(older).contains { $0.fileName == "district-services.csv" })
    }
}
