import Foundation
import KartaIngest
import KartaModel

/// `xml-read FILE [RECORD-PATH]`: karta's XML reader over FILE, producing every record (with
/// the detected mapping unless a record path is given, then with all its attributes as fields).
func benchXMLRead(_ arguments: [String]) throws -> BenchResult {
    guard let path = arguments.first else { throw BenchUsage("xml-read FILE") }
    let start = Date()
    let cpuStart = processCPUSeconds()
    let reader = try XMLReader(path: path, options: XMLReadOptions())
    var rows = 0
    var problems = 0
    var fieldBytes = 0
    while let result = try reader.next() {
        switch result {
        case .row(let row):
            rows += 1
            fieldBytes &+= row.fields.count
        case .problem: problems += 1
        }
    }
    let seconds = Date().timeIntervalSince(start)
    let cpuSeconds = processCPUSeconds() - cpuStart
    let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
    return BenchResult(
        stage: "xml-read", bytes: bytes, rows: rows, seconds: seconds,
        extra: [
            "cpu_seconds": String(format: "%.3f", cpuSeconds), "problems": String(problems),
            "fields": String(fieldBytes),
            "record": reader.description.recordElement ?? "", "encoding": reader.description.encoding,
        ])
}

/// A stage called without the arguments it needs.
