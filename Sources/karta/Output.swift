import Foundation
import KartaModel

/// Prints a `--json` output on stdout with the one encoder (``KartaJSON``): the object's
/// members plus `karta_version` and `schema_version`.
func printJSON<Value: Encodable>(_ value: Value, schema: ArtifactSchema) throws {
    let data = try KartaJSON.encoder().encode(VersionedDocument(schema: schema, value: value))
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}

/// Prints a list as `{"<member>": [...], "karta_version": …, "schema_version": …}`.
func printJSON<Element: Encodable>(_ elements: [Element], member: String, schema: ArtifactSchema) throws {
    try printJSON(ListOutput(member: member, elements: elements), schema: schema)
}

/// A list under one named member, so that a `--json` list output is an object.
struct ListOutput<Element: Encodable>: Encodable {
    var member: String
    var elements: [Element]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(elements, forKey: Key(stringValue: member))
    }
}

/// Prints a left-aligned text table; widths count characters, so Cyrillic lines up.
func printTable(header: [String], rows: [[String]]) {
    var widths = header.map(\.count)
    for row in rows {
        for (index, cell) in row.enumerated() where index < widths.count {
            widths[index] = max(widths[index], cell.count)
        }
    }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            cell + String(repeating: " ", count: max(0, widths[index] - cell.count))
        }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }
    print(line(header))
    print(line(widths.map { String(repeating: "-", count: $0) }))
    for row in rows { print(line(row)) }
}
