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
        #expect(files.count == 14)  // map-comparison.csv: the sample store has an adopted Map
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
