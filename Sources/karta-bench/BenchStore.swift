import Foundation
import KartaModel
import KartaNormalize
import KartaPipeline
import KartaStore

/// `normalize-store FILE [STORE]`: reads FILE with karta's readers, normalizes every row and
/// loads it into a fresh store in one transaction (what `karta ingest` does). A first pass reads
/// the file without normalizing, so `extra.normalize_store_rows_per_second` isolates
/// normalize + store from reading.
func benchNormalizeStore(_ arguments: [String]) throws -> BenchResult {
    guard let path = arguments.first else { throw BenchUsage("normalize-store FILE [STORE]") }
    let storePath =
        arguments.count > 1 ? arguments[1] : NSTemporaryDirectory() + "karta-bench-\(UUID()).sqlite"
    defer {
        if arguments.count <= 1 {
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: storePath + suffix)
            }
        }
    }
    let readStart = Date()
    let readCPUStart = processCPUSeconds()
    let reader = try SourceIngestion.openWithReaders(ReaderRequest(path: path))
    var readRows = 0
    while try reader.next() != nil { readRows += 1 }
    let readSeconds = Date().timeIntervalSince(readStart)
    let readCPUSeconds = processCPUSeconds() - readCPUStart

    let store = try Store(path: storePath)
    let options = IngestOptions(
        kind: .municipalRegister, mapping: try ColumnMapping.standard(),
        dictionary: try ServiceDictionary.standard())
    let start = Date()
    let cpuStart = processCPUSeconds()
    let report = try SourceIngestion.ingest(
        path: path, options: options, store: store, runID: "bench", open: SourceIngestion.openWithReaders)
    let seconds = Date().timeIntervalSince(start)
    let cpuSeconds = processCPUSeconds() - cpuStart
    guard report.status == .loaded else { throw BenchRefused("refused: \(report.error ?? "")") }
    let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int64) ?? 0
    let normalizeStoreSeconds = max(seconds - readSeconds, 1e-9)
    return BenchResult(
        stage: "normalize-store", bytes: size, rows: report.rowsRead, seconds: seconds,
        extra: [
            "cpu_seconds": String(format: "%.3f", cpuSeconds),
            "read_seconds": String(format: "%.3f", readSeconds),
            "read_cpu_seconds": String(format: "%.3f", readCPUSeconds),
            "ingest_cpu_seconds": String(format: "%.3f", cpuSeconds),
            "ingest_rows_per_cpu_second": String(Int(Double(report.rowsRead) / max(cpuSeconds, 1e-9))),
            "normalize_store_seconds": String(format: "%.3f", normalizeStoreSeconds),
            "normalize_store_rows_per_second": String(Int(Double(report.rowsRead) / normalizeStoreSeconds)),
            "rows_per_second": String(Int(Double(report.rowsRead) / seconds)),
            "loaded": String(report.loaded), "rejected": String(report.rejected),
            "non_data": String(report.nonData),
        ])
}

/// `normalize-store-synthetic N`: N register rows made in memory (no file, no reader), normalized
/// and loaded into a fresh store: the cost of normalize + store alone.
func benchNormalizeStoreSynthetic(_ arguments: [String]) throws -> BenchResult {
    let count = arguments.first.flatMap(Int.init) ?? 1_000_000
    let storePath = NSTemporaryDirectory() + "karta-bench-\(UUID()).sqlite"
    defer {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
    }
    let store = try Store(path: storePath)
    let source = SyntheticRegister(count: count)
    let options = IngestOptions(
        kind: .municipalRegister, mapping: try ColumnMapping.standard(),
        dictionary: try ServiceDictionary.standard())
    let marker = storePath + ".input"
    _ = FileManager.default.createFile(atPath: marker, contents: Data("synthetic \(count)".utf8))
    defer { try? FileManager.default.removeItem(atPath: marker) }
    // Phases: making the rows alone, then making + normalizing them, then the whole ingestion.
    let makeStart = Date()
    let rowsOnly = SyntheticRegister(count: count)
    while try rowsOnly.next() != nil {}
    let makeSeconds = Date().timeIntervalSince(makeStart)
    let normalizeStart = Date()
    let normalizeOnly = SyntheticRegister(count: count)
    let normalizer = Normalizer(
        mapping: options.mapping, dictionary: options.dictionary,
        options: NormalizeOptions(
            sourceKind: .municipalRegister, sourcePath: marker, sourceSHA256: "", runID: "bench"))
    try normalizer.begin(description: normalizeOnly.description)
    var records = 0
    while let next = try normalizeOnly.next() {
        if case .row(let row) = next, case .record = normalizer.normalize(row) { records += 1 }
    }
    let normalizeSeconds = Date().timeIntervalSince(normalizeStart) - makeSeconds
    let start = Date()
    let report = try SourceIngestion.ingest(path: marker, options: options, store: store, runID: "bench") { _ in
        source
    }
    let seconds = Date().timeIntervalSince(start)
    guard report.status == .loaded else { throw BenchRefused("refused: \(report.error ?? "")") }
    return BenchResult(
        stage: "normalize-store-synthetic", bytes: 0, rows: report.rowsRead, seconds: seconds,
        extra: [
            "rows_per_second": String(Int(Double(report.rowsRead) / seconds)),
            "loaded": String(report.loaded),
            "make_rows_seconds": String(format: "%.3f", makeSeconds),
            "normalize_seconds": String(format: "%.3f", normalizeSeconds),
            "normalize_store_rows_per_second": String(
                Int(Double(report.rowsRead) / max(seconds - makeSeconds, 1e-9))),
        ])
}

/// Register rows like a municipality's, cycling through real municipalities and services, with
/// a unique service name per row so that no row is a duplicate.
final class SyntheticRegister: RawRowSource {
    let description = RawSourceDescription(
        path: "synthetic.csv", format: .csv, encoding: "UTF-8", delimiter: ";", headerLine: 1,
        header: [
            "Област", "Община", "Вид на услугата", "Наименование на услугата", "Капацитет", "Заети места",
            "Финансиране", "Доставчик", "Дата",
        ])
    private let count: Int
    private var index = 0
    private let places: [(String, String)]
    private let kinds = [
        "Център за настаняване от семеен тип за деца без увреждания",
        "Дневен център за пълнолетни лица с увреждания",
        "Център за обществена подкрепа", "4002. Асистентска подкрепа", "Дом за стари хора", "ЦСРИ",
        "Кризисен център",
    ]

    init(count: Int) {
        self.count = count
        let registry = ReferenceRegistry.bulgaria
        places = registry.municipalities.map { municipality in
            (registry.district(code: municipality.districtCode)?.nameBG ?? "", municipality.nameBG)
        }
    }

    func next() throws -> RawRowResult? {
        guard index < count else { return nil }
        defer { index += 1 }
        let place = places[index % places.count]
        let fields = [
            place.0, place.1, kinds[index % kinds.count], "Услуга № \(index)", String(10 + index % 50),
            String(5 + index % 40), "държавно делегирана дейност", "Община \(place.1)", "31.12.2025",
        ]
        return .row(
            RawRow(
                fields: fields,
                position: SourcePosition(line: index + 2, byteOffset: Int64(index) * 150, recordIndex: index),
                rawText: ""))
    }
}

/// The input of a stage was refused as a whole.
struct BenchRefused: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
