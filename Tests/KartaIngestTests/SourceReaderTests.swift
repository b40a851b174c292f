import KartaModel
import Testing

@testable import KartaIngest

@Suite("Opening inputs: one entry point, file-level errors a person can act on")
struct SourceReaderTests {
    @Test("a CSV file opens as a CSV row source")
    func opensCSV() throws {
        let source = try SourceReader.open(path: CSVFixtures.path("utf8-bom-crlf.csv"))
        #expect(source.description.format == .csv)
        guard case .row(let row) = try source.next() else {
            Issue.record("expected a row")
            return
        }
        #expect(row.position.line == 2)
    }

    @Test("an empty file is refused")
    func empty() {
        let path = CSVFixtures.path("empty.csv")
        #expect(throws: IngestError.empty(path: path)) { try SourceReader.open(path: path) }
    }

    @Test("a file of blank lines is refused as empty")
    func blankLinesOnly() throws {
        let path = try CSVFixtures.temporaryFile("\u{FEFF}\r\n\r\n\n")
        #expect(throws: IngestError.empty(path: path)) { try SourceReader.open(path: path) }
    }

    @Test("a header-only file is refused unless zero rows are allowed")
    func headerOnly() throws {
        let path = CSVFixtures.path("header-only.csv")
        #expect(throws: IngestError.headerOnly(path: path, headerLine: 1)) {
            try SourceReader.open(path: path)
        }
        let allowed = try SourceReader.open(
            path: path, options: SourceReadOptions(csv: CSVReadOptions(allowHeaderOnly: true)))
        #expect(allowed.description.header.count == 11)
        #expect(try allowed.next() == nil)
    }

    @Test("a missing file and a directory are refused with the path")
    func missingAndDirectory() {
        #expect {
            try SourceReader.open(path: "/nonexistent/register.csv")
        } throws: { error in
            guard case .unreadable(let path, let reason) = error as? IngestError else { return false }
            return path == "/nonexistent/register.csv" && reason.contains("No such file")
        }
        let directory = CSVFixtures.directory.path
        #expect(throws: IngestError.isDirectory(path: directory)) { try SourceReader.open(path: directory) }
    }

    @Test("a header line beyond the file is refused")
    func headerBeyondFile() {
        let path = CSVFixtures.path("mixed-record-lengths.csv")
        #expect(throws: IngestError.headerNotFound(path: path, headerLine: 50)) {
            try SourceReader.open(path: path, options: SourceReadOptions(csv: CSVReadOptions(headerLine: 50)))
        }
    }

    @Test("XML by extension or by content is dispatched to the XML branch")
    func xmlDispatch() throws {
        let asp = CSVFixtures.path("../xml/asp-export-utf8-english.xml")
        let source = try SourceReader.open(path: asp)
        #expect(source.description.format == .xml)
        #expect(source.description.recordElement == "Service")
        let noRecords = try CSVFixtures.temporaryFile("<?xml version=\"1.0\"?><a/>", name: "export.xml")
        #expect(throws: XMLReadError.self) { try SourceReader.open(path: noRecords) }
        let byContent = try CSVFixtures.temporaryFile(
            "\u{FEFF}  <?xml version=\"1.0\"?><a/>", name: "export.csv")
        #expect(try SourceReader.detectFormat(path: byContent) == .xml)
        #expect(try SourceReader.detectFormat(path: CSVFixtures.path("utf8-bom-crlf.csv")) == .csv)
    }

    @Test("error messages name the file and say what to do")
    func messages() {
        let message = IngestError.invalidEncoding(
            path: "x.csv", encoding: "UTF-8", byteOffset: 12, suggestion: "windows-1251"
        ).description
        #expect(
            message
                == "x.csv: byte offset 12 is not valid UTF-8; the file looks like windows-1251: set --encoding windows-1251"
        )
    }
}
