import KartaModel
import Foundation
import KartaGen

// karta-gen — writes a realistic, deterministic national dataset for tests and benchmarks.

let usage = """
    usage: karta-gen --out DIR [--seed N] [--scale S] [--single-file] [--encoding cp1251|utf8|both]
                     [--parts registers,asp,proposals]

      --out DIR        where to write (created if missing)
      --seed N         random seed; the same seed gives the same bytes (default 1)
      --scale S        1 ≈ the real national size (~4,500 services in 265 municipalities);
                       the number of services grows linearly with S (default 1)
      --single-file    one national register per encoding instead of 265 municipal files
      --encoding E     national register encodings with --single-file (default both)
      --parts LIST     which parts to write (default all)
      --json           print {"stage": "generate", "bytes": N, "rows": N, "seconds": S} on stdout

    writes registers/*.csv (or national-register-*.csv), asp-export.xml, proposals/*.csv and
    expected.json with the exact counts karta must report for each file.

    example: karta-gen --out /tmp/national --seed 7 --scale 10
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("karta-gen: \(message)\n\n\(usage)\n".utf8))
    exit(2)
}

var options = GeneratorOptions(outputDirectory: "")
var printJSON = false
var arguments = Array(CommandLine.arguments.dropFirst())[...]
while let argument = arguments.popFirst() {
    func value() -> String {
        guard let value = arguments.popFirst() else { fail("\(argument) needs a value") }
        return value
    }
    switch argument {
    case "--out": options.outputDirectory = value()
    case "--seed":
        guard let seed = UInt64(value()) else { fail("--seed takes a whole number") }
        options.seed = seed
    case "--scale":
        guard let scale = Double(value()), scale > 0, scale <= 100_000 else {
            fail("--scale takes a positive number")
        }
        options.scale = scale
    case "--single-file": options.singleFile = true
    case "--json": printJSON = true
    case "--encoding":
        switch value() {
        case "cp1251", "windows-1251": options.registerEncodings = [.windows1251]
        case "utf8", "utf-8": options.registerEncodings = [.utf8]
        case "both": options.registerEncodings = [.windows1251, .utf8]
        default: fail("--encoding takes cp1251, utf8 or both")
        }
    case "--parts":
        var parts = Set<GeneratorOptions.Part>()
        for name in value().split(separator: ",") {
            guard let part = GeneratorOptions.Part(rawValue: String(name)) else {
                fail("unknown part \(name); parts are registers, asp, proposals")
            }
            parts.insert(part)
        }
        options.parts = parts
    case "-h", "--help":
        print(usage)
        exit(0)
    default: fail("unknown argument \(argument)")
    }
}
guard !options.outputDirectory.isEmpty else { fail("--out DIR is required") }

let start = Date()
do {
    let expected = try DatasetGenerator(options: options).generate()
    let seconds = Date().timeIntervalSince(start)
    let bytes = expected.files.reduce(Int64(0)) { $0 + $1.bytes }
    let rows = expected.files.reduce(0) { $0 + $1.rowsRead }
    let summary =
        "karta-gen: \(expected.files.count) files, \(rows) rows, "
        + String(
            format: "%.1f MB in %.2f s (%.0f MB/s)", Double(bytes) / 1e6, seconds,
            Double(bytes) / 1e6 / max(seconds, 1e-9))
        + " -> \(options.outputDirectory)\n"
    FileHandle.standardError.write(Data(summary.utf8))
    if printJSON {
        print("{\"stage\": \"generate\", \"bytes\": \(bytes), \"rows\": \(rows), \"seconds\": \(seconds)}")
    }
} catch {
    FileHandle.standardError.write(Data("karta-gen: \(error)\n".utf8))
    exit(1)
}
