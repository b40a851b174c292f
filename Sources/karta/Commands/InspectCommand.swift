import ArgumentParser
import Foundation
import KartaEmit
import KartaIngest
import KartaModel
import KartaNormalize
import KartaPipeline

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what karta reads from a file: encoding, dialect, header row and the first rows.",
        discussion: """
            Every guess of the sniffer can be overridden when it is wrong. The bindings show which \
            header became which canonical field (by mappings/default.yml, or --mapping FILE).

            Examples:
              karta inspect fixtures/csv/cp1251-semicolon-title-rows.csv
              karta inspect export.csv --json --rows 5
              karta inspect export.csv --encoding windows-1251 --delimiter ';' --header-line 3

            Exit status: 0 ok, 2 invalid usage, 4 the file was refused as a whole.
            """)

    @Argument(help: "The export file (CSV or XML).")
    var file: String

    @Flag(help: "Print one JSON object: encoding, delimiter, header_line, header, bindings, rows.")
    var json = false

    @Option(help: "How many records after the header to show, rows and problems together (0: all).")
    var rows = 20

    @Option(help: "The file's encoding: UTF-8, windows-1251 (cp1251), UTF-16LE, UTF-16BE.")
    var encoding: String?

    @Option(help: "The delimiter: ';', ',', '|', or tab (\\t).")
    var delimiter: String?

    @Option(help: "The 1-based line of the header row (below any title lines).")
    var headerLine: Int?

    @Option(help: "A column mapping file (default: the mapping shipped with karta).")
    var mapping: String?

    func validate() throws {
        if let encoding, TextEncoding(name: encoding) == nil {
            throw ValidationError(
                "unknown encoding '\(encoding)'; use UTF-8, windows-1251, UTF-16LE or UTF-16BE")
        }
        if let delimiter, CSVReadOptions.delimiter(named: delimiter) == nil {
            throw ValidationError("unknown delimiter '\(delimiter)'; use ';', ',', '|' or tab")
        }
        if let headerLine, headerLine < 1 { throw ValidationError("--header-line counts from 1") }
        if rows < 0 { throw ValidationError("--rows must be 0 or more") }
    }

    func run() throws {
        var options = SourceReadOptions()
        options.csv.encoding = encoding.flatMap(TextEncoding.init(name:))
        options.csv.delimiter = delimiter.flatMap(CSVReadOptions.delimiter(named:))
        options.csv.headerLine = headerLine
        options.csv.allowHeaderOnly = true
        let columnMapping: ColumnMapping
        do {
            columnMapping = try mapping.map { try ColumnMapping.load(path: $0) } ?? ColumnMapping.standard()
        } catch {
            throw ValidationError("\(error)")
        }
        do {
            let source = try SourceReader.open(path: file, options: options)
            var shown: [RawRow] = []
            var problems: [RawRowProblem] = []
            while rows == 0 || shown.count + problems.count < rows, let result = try source.next() {
                switch result {
                case .row(let row): shown.append(row)
                case .problem(let problem): problems.append(problem)
                }
            }
            let binding = ColumnBinding.candidate(
                header: source.description.header, format: source.description.format, mapping: columnMapping)
            if json {
                print(
                    try Self.json(
                        description: source.description, bindings: binding, rows: shown.map(\.fields)))
                for problem in problems {
                    FileHandle.standardError.write(Data((Self.line(for: problem) + "\n").utf8))
                }
            } else {
                printReport(source.description, rows: shown, problems: problems)
                print("")
                Self.printBindings(binding)
            }
        } catch let error as any FileRefusal {
            throw CommandFailure.report(CommandFailure.inputRefused("\(error)"))
        }
    }

    private func printReport(_ description: RawSourceDescription, rows: [RawRow], problems: [RawRowProblem]) {
        let delimiter = description.delimiter.map { $0 == "\t" ? "TAB" : $0 } ?? "-"
        TextWrap.print("file:         \(description.path)")
        TextWrap.print("format:       \(description.format.rawValue.uppercased())")
        TextWrap.print("encoding:     \(description.encoding)")
        TextWrap.print("delimiter:    \(delimiter)")
        TextWrap.print("line ending:  \(description.lineEnding ?? "-")")
        TextWrap.print("header line:  \(description.headerLine)")
        TextWrap.print("columns:      \(description.header.count)")
        TextWrap.print("")
        printTable(
            header: ["line"] + description.header,
            rows: rows.map { [String($0.position.line)] + $0.fields.map(Self.visible) })
        TextWrap.print("\(rows.count) rows shown")
        if rows.isEmpty && problems.isEmpty {
            TextWrap.print("the file has no data rows after the header: `karta ingest` refuses it")
        }
        if !problems.isEmpty {
            TextWrap.print("")
            TextWrap.print("problems:")
            for problem in problems { TextWrap.print("  " + Self.line(for: problem)) }
        }
    }

    /// `bindings:` then one line per canonical field: the header bound to it, or „—".
    static func printBindings(_ binding: ColumnBinding) {
        TextWrap.print("bindings (canonical field ← header as written):")
        let width = CanonicalField.allCases.map(\.rawValue.count).max() ?? 0
        for field in CanonicalField.allCases {
            let name = field.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            if let columns = binding.columns[field] {
                TextWrap.print(
                    "  \(name)  ← " + columns.map { "\"\(binding.header[$0])\"" }.joined(separator: ", then ")
                )
            } else {
                TextWrap.print("  \(name)  — (no column)")
            }
        }
        if !binding.unmappedColumns.isEmpty {
            TextWrap.print(
                "not used: "
                    + binding.unmappedColumns.map { "\"\(binding.header[$0])\"" }.joined(separator: ", "))
        }
        if !binding.personalColumns.isEmpty {
            TextWrap.print(
                "personal data, dropped: "
                    + binding.personalColumns.map { "\"\(binding.header[$0])\"" }.joined(separator: ", "))
        }
    }

    /// A field on one table line: line breaks and tabs shown as ⏎ and ⇥.
    static func visible(_ field: String) -> String {
        field.replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(of: "\n", with: "⏎")
            .replacingOccurrences(of: "\r", with: "⏎").replacingOccurrences(of: "\t", with: "⇥")
    }

    static func line(for problem: RawRowProblem) -> String {
        "line \(problem.position.line) (byte \(problem.position.byteOffset)): \(problem.reason.rawValue): "
            + problem.message
    }

    /// The `--json` document (``InspectDocument``): keys sorted, snake_case, with the versions.
    static func json(description: RawSourceDescription, bindings: ColumnBinding, rows: [[String]]) throws
        -> String
    {
        let bound = Dictionary(uniqueKeysWithValues: bindings.bindings.map { ($0.key.rawValue, $0.value) })
        return try InspectDocument(description: description, bindings: bound, rows: rows).jsonText()
    }
}
