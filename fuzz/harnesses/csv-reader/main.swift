// fuzz-dependencies: KartaIngest KartaModel
import KartaFuzzSupport
import KartaIngest
import KartaModel

// Any bytes as a CSV file: the reader opens it or throws, then every row is a row or a problem;
// it never crashes, hangs or grows without bound. The first byte picks the encoding (detected,
// or forced to UTF-8, windows-1251, UTF-16LE, UTF-16BE) and the delimiter (detected or forced).
let file = FuzzTempFile(name: "input.csv")
let encodings: [TextEncoding?] = [nil, .utf8, .windows1251, .utf16LE, .utf16BE, .utf8BOM, nil, nil]
let delimiters: [UInt8?] = [nil, UInt8(ascii: ";"), UInt8(ascii: ","), 0x09]

runFuzzer { bytes in
    guard let control = bytes.first else { return }
    file.write(UnsafeBufferPointer(rebasing: bytes.dropFirst()))
    var options = SourceReadOptions(format: .csv)
    options.csv.encoding = encodings[Int(control & 0x07)]
    options.csv.delimiter = delimiters[Int((control >> 3) & 0x03)]
    options.csv.chunkBytes = control & 0x20 != 0 ? 7 : options.csv.chunkBytes
    options.csv.maxFieldBytes = 1 << 16
    guard let reader = try? SourceReader.open(path: file.path, options: options) else { return }
    var rows = 0
    do {
        while let result = try reader.next() {
            rows += 1
            if case .row(let row) = result {
                precondition(row.position.line >= 1, "a row without a line number")
            }
            precondition(rows <= bytes.count + 1, "more rows than bytes: the reader loops")
        }
    } catch {}
}
