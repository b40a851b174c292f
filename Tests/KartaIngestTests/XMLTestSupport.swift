import Foundation
import KartaModel

@testable import KartaIngest

/// The path of a fixture under `fixtures/xml/`.
func xmlFixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/xml/\(name)").path
}

/// Reads every result of a reader.
func readAll(_ reader: XMLReader) throws -> [RawRowResult] {
    var results: [RawRowResult] = []
    while let result = try reader.next() { results.append(result) }
    return results
}

/// The rows among results (failing the caller's expectations if there are problems).
func rows(_ results: [RawRowResult]) -> [RawRow] {
    results.compactMap { if case .row(let row) = $0 { row } else { nil } }
}

/// Reads a file expecting a file-level failure, from `init` or `next()`.
func readError(_ path: String, options: XMLReadOptions = XMLReadOptions()) -> XMLReadError? {
    do {
        let reader = try XMLReader(path: path, options: options)
        _ = try readAll(reader)
        return nil
    } catch let error as XMLReadError {
        return error
    } catch {
        return nil
    }
}

/// Writes a temporary file and returns its path.
func temporaryXML(_ name: String, _ bytes: [UInt8]) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "karta-xml-\(UUID().uuidString)-\(name)")
    try Data(bytes).write(to: url)
    return url.path
}
