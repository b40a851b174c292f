import Foundation

// karta-bench STAGE ARGS... — runs one stage of karta on prepared inputs and prints one JSON line:
// {"stage": "...", "bytes": N, "rows": N, "seconds": S}. Peak RSS is measured by the caller
// (bench/run.sh, with /usr/bin/time), so each stage runs in its own process.

/// What one benchmark run measured.
struct BenchResult: Encodable {
    var stage: String
    var bytes: Int64
    var rows: Int
    var seconds: Double
    var extra: [String: String] = [:]
}

/// A stage called with the wrong arguments; the message is its usage line.
struct BenchUsage: Error, CustomStringConvertible {
    var description: String
    init(_ usage: String) { description = "usage: karta-bench \(usage)" }
}

/// The stages karta-bench can run; each stage lives in its own file (`Bench*.swift`).
let stages: [String: ([String]) throws -> BenchResult] = [
    "registry": benchRegistry,
    "csv-read": benchCSVRead,
    "xml-read": benchXMLRead,
    "normalize-store": benchNormalizeStore,
    "normalize-store-synthetic": benchNormalizeStoreSynthetic,
    "fill-store": benchFillStore,
    "aggregate": benchAggregate,
    "export-records": benchExportRecords,
    "explain": benchExplain,
    "aggregate-cells": benchAggregateCells,
    "emit": benchEmit,
    "emit-records": benchEmitRecords,
]

func benchRegistry(_ arguments: [String]) throws -> BenchResult {
    let start = Date()
    var resolved = 0
    let names = ["Стара Загора", "Byala Slatina", "общ. Бяла", "Targovishte", "Столична"]
    for _ in 0..<10_000 {
        for name in names where resolveForBench(name) { resolved += 1 }
    }
    return BenchResult(stage: "registry", bytes: 0, rows: resolved, seconds: Date().timeIntervalSince(start))
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let stage = stages[name] else {
    FileHandle.standardError.write(
        Data(
            "usage: karta-bench STAGE ARGS...  (stages: \(stages.keys.sorted().joined(separator: ", ")))\n"
                .utf8))
    exit(2)
}
do {
    let result = try stage(Array(arguments.dropFirst()))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    FileHandle.standardOutput.write(try encoder.encode(result) + Data("\n".utf8))
} catch {
    FileHandle.standardError.write(Data("karta-bench \(name): \(error)\n".utf8))
    exit(1)
}
