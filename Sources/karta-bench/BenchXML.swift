import Foundation
import KartaIngest
import KartaModel

/// `xml-read FILE [RECORD-PATH]`: karta's XML reader over FILE, producing every record (with
/// the detected mapping unless a record path is given, then with all its attributes as fields).
func benchXMLRead(_ arguments: [String]) throws -> BenchResult {
    guard let path = arguments.first else { throw BenchUsage("xml-read FILE") }
    let start = Date()
    let cpuStart = processCPUSeconds()
    var options = XMLReadOptions()
    // A knob for trying chunk sizes; the default is the reader's.
    if let chunk = ProcessInfo.processInfo.environment["KARTA_BENCH_XML_CHUNK"].flatMap(Int.init) {
        options.chunkSize = max(4096, chunk)
    }
    let reader = try XMLReader(path: path, options: options)
    var rows = 0
    var problems = 0
    var fieldBytes = 0
    // A check, not a benchmark: KARTA_BENCH_XML_DUMP=FILE writes every record (position, fields,
    // raw text) to FILE, to compare two builds of the reader byte for byte.
    let dump = ProcessInfo.processInfo.environment["KARTA_BENCH_XML_DUMP"].flatMap {
        FileHandle(forWritingAtPath: $0)
    }
    var dumped = ""
    while let result = try reader.next() {
        switch result {
        case .row(let row):
            rows += 1
            fieldBytes &+= row.fields.count
            if dump != nil {
                let p = row.position
                dumped +=
                    "\(p.recordIndex) \(p.line):\(p.column ?? -1) @\(p.byteOffset) \(row.fields) \(row.rawText)\n"
            }
        case .problem(let problem):
            problems += 1
            if dump != nil {
                let p = problem.position
                dumped +=
                    "problem \(p.recordIndex) \(p.line):\(p.column ?? -1) @\(p.byteOffset) \(problem.message) \(problem.rawText)\n"
            }
        }
        if let dump, dumped.utf8.count > 1 << 20 {
            dump.write(Data(dumped.utf8))
            dumped = ""
        }
    }
    if let dump { dump.write(Data(dumped.utf8)) }
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
