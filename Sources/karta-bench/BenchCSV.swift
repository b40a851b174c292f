import KartaModel
import Foundation
import KartaIngest

/// `csv-read FILE [ENCODING]`: karta's CSV reader delivering every field as UTF-8 bytes with its
/// provenance (line, byte offset, record index); counts rows, problems and field bytes.
func benchCSVRead(_ arguments: [String]) throws -> BenchResult {
    guard let path = arguments.first else {
        throw BenchUsage("csv-read FILE [ENCODING]")
    }
    var options = CSVReadOptions(allowHeaderOnly: true)
    if arguments.count > 1 {
        guard let encoding = TextEncoding(name: arguments[1]) else {
            throw BenchUsage("csv-read FILE [ENCODING] (unknown encoding \(arguments[1]))")
        }
        options.encoding = encoding
    }
    let start = Date()
    let reader = try CSVReader(path: path, options: options)
    var rows = 0
    var problems = 0
    var fieldBytes = 0
    var lastLine = 0
    var lastOffset: Int64 = 0
    try reader.forEachRecord(
        { record in
            rows += 1
            for index in 0..<record.fieldCount { fieldBytes &+= record.field(index).count }
            lastLine = record.position.line
            lastOffset = record.position.byteOffset
        }, problem: { _ in problems += 1 })
    let seconds = Date().timeIntervalSince(start)
    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
    return BenchResult(
        stage: "csv-read", bytes: size, rows: rows, seconds: seconds,
        extra: [
            "encoding": reader.description.encoding, "problems": String(problems),
            "field_bytes": String(fieldBytes), "last_line": String(lastLine),
            "last_offset": String(lastOffset),
            "mb_per_s": String(format: "%.1f", Double(size) / 1e6 / seconds),
        ])
}

/// A benchmark stage called with the wrong arguments.
