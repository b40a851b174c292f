// fuzz-dependencies: KartaNormalize KartaModel
import KartaFuzzSupport
import KartaModel
import KartaNormalize

// Any rows under a register header (with an ЕГН column): every row becomes a record, a reject,
// a non-data or a blank row without crashing; records have a kind and non-negative counts; no
// ЕГН reaches a record's text, a reject's message or raw text.
let header = [
    "Област", "Община", "Вид на услугата", "Наименование на услугата", "Капацитет", "Заети места",
    "Финансиране", "Доставчик", "Дата", "ЕГН",
]
let mapping: ColumnMapping
let dictionary: ServiceDictionary
do {
    mapping = try ColumnMapping.standard()
    dictionary = try ServiceDictionary.standard()
} catch {
    fatalError("the embedded mappings do not load: \(error)")
}
let kinds: [SourceKind] = [.municipalRegister, .aspExport, .proposal]

func checkNoPersonalNumber(_ text: String?, _ what: String) {
    guard let text else { return }
    precondition(!PersonalDataMask.containsPersonalNumber(text), "an ЕГН in \(what): \(text)")
}

runFuzzer { bytes in
    guard let control = bytes.first else { return }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes.dropFirst()), as: UTF8.self)
    let normalizer = Normalizer(
        mapping: mapping, dictionary: dictionary,
        options: NormalizeOptions(
            sourceKind: kinds[Int(control % 3)], sourcePath: "/fuzz/register.csv", sourceSHA256: "00",
            runID: "fuzz",
            reportingPeriod: control & 0x04 != 0 ? "2025-01-01"..."2025-12-31" : nil))
    do {
        try normalizer.begin(
            description: RawSourceDescription(
                path: "/fuzz/register.csv", format: .csv, encoding: "UTF-8", delimiter: ";", headerLine: 1,
                header: header))
    } catch {
        preconditionFailure("the register header does not bind: \(error)")
    }
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let fields = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        let row = RawRow(
            fields: fields, position: SourcePosition(line: index + 2, byteOffset: 0, recordIndex: index),
            rawText: String(line))
        switch normalizer.normalize(row) {
        case .record(let record):
            precondition(!record.kinds.isEmpty, "a record without a kind")
            precondition((record.capacity ?? 0) >= 0, "a negative capacity was accepted")
            checkNoPersonalNumber(record.serviceName, "a service name")
            checkNoPersonalNumber(record.provider, "a provider")
        case .reject(let reject):
            checkNoPersonalNumber(reject.rawText, "a reject's raw text")
            checkNoPersonalNumber(reject.message, "a reject's message")
        default:
            break
        }
    }
    _ = normalizer.droppedColumns
}
