import Foundation
import KartaModel

@testable import KartaIngest

/// Paths of the CSV fixtures and helpers to read them whole.
enum CSVFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/csv")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Everything a reader yields for a file.
    struct Contents {
        var description: RawSourceDescription
        var rows: [RawRow]
        var problems: [RawRowProblem]
        var results: [RawRowResult]
    }

    static func read(_ name: String, _ options: CSVReadOptions = CSVReadOptions()) throws -> Contents {
        try read(path: path(name), options)
    }

    static func read(path: String, _ options: CSVReadOptions = CSVReadOptions()) throws -> Contents {
        let reader = try CSVReader(path: path, options: options)
        var contents = Contents(description: reader.description, rows: [], problems: [], results: [])
        while let result = try reader.next() {
            contents.results.append(result)
            switch result {
            case .row(let row): contents.rows.append(row)
            case .problem(let problem): contents.problems.append(problem)
            }
        }
        return contents
    }

    /// Writes `bytes` to a fresh temporary file and returns its path.
    static func temporaryFile(_ bytes: [UInt8], name: String = "input.csv") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "karta-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static func temporaryFile(_ text: String, name: String = "input.csv") throws -> String {
        try temporaryFile(Array(text.utf8), name: name)
    }
}
