import CLibCSV

/// A reference file (`reference/*.csv`) parsed by libcsv: its header and its rows by column name.
struct ReferenceCSV {
    /// The file's name, for errors (`districts.csv`).
    let file: String
    let header: [String]
    /// The data rows, each with its row number in the file (the header is row 1).
    let rows: [Row]

    /// One data row of a reference file.
    struct Row {
        let file: String
        let number: Int
        let fields: [String: String]

        /// The field in `column`, which the header check guarantees is present.
        func text(_ column: String) -> String { fields[column] ?? "" }

        /// The field in `column` as a non-empty string.
        func required(_ column: String) throws(ReferenceDataError) -> String {
            let value = text(column)
            guard !value.isEmpty else {
                throw ReferenceDataError(file: file, row: number, reason: "empty \(column)")
            }
            return value
        }

        /// The field in `column` as a whole number of at least zero (a population).
        func count(_ column: String) throws(ReferenceDataError) -> Int {
            let value = text(column)
            guard !value.isEmpty, value.allSatisfy(\.isASCIIDigit), let number = Int(value) else {
                throw ReferenceDataError(
                    file: file, row: number, reason: "\(column) is not a whole number: \"\(value)\"")
            }
            return number
        }
    }

    /// Parses `text` with libcsv (strict quoting, fields kept as written), requiring `columns`
    /// in the header and as many fields in every row as the header has.
    init(file: String, text: String, columns: [String]) throws(ReferenceDataError) {
        self.file = file
        let records = try Self.records(file: file, text: text)
        guard let header = records.first else {
            throw ReferenceDataError(file: file, row: 0, reason: "the file is empty")
        }
        self.header = header
        for column in columns where !header.contains(column) {
            throw ReferenceDataError(file: file, row: 1, reason: "no column \(column) in the header")
        }
        var rows: [Row] = []
        for (index, record) in records.enumerated().dropFirst() {
            guard record.count == header.count else {
                throw ReferenceDataError(
                    file: file, row: index + 1,
                    reason: "\(record.count) fields where the header has \(header.count)")
            }
            rows.append(
                Row(
                    file: file, number: index + 1,
                    fields: Dictionary(zip(header, record), uniquingKeysWith: { first, _ in first })))
        }
        self.rows = rows
    }

    /// The records of `text` as libcsv splits them (blank lines skipped).
    private static func records(file: String, text: String) throws(ReferenceDataError) -> [[String]] {
        let collector = RecordCollector()
        var parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI)) == 0 else {
            throw ReferenceDataError(file: file, row: 0, reason: "libcsv could not start")
        }
        defer { csv_free(&parser) }
        csv_set_space_func(&parser, karta_csv_no_space)
        let context = Unmanaged.passUnretained(collector).toOpaque()
        var bytes = Array(text.utf8)
        let parsed = bytes.withUnsafeMutableBytes { buffer in
            csv_parse(&parser, buffer.baseAddress, buffer.count, referenceField, referenceRecord, context)
        }
        let finished = csv_fini(&parser, referenceField, referenceRecord, context)
        guard parsed == bytes.count, finished == 0 else {
            let reason = String(cString: csv_strerror(csv_error(&parser)))
            throw ReferenceDataError(file: file, row: collector.records.count + 1, reason: "libcsv: \(reason)")
        }
        bytes.removeAll()
        return collector.records
    }
}

/// Where libcsv's callbacks put the fields and records of a reference file.
private final class RecordCollector {
    var records: [[String]] = []
    var current: [String] = []
}

/// libcsv's field callback for reference files: appends the field (UTF-8) to the current record.
private func referenceField(_ field: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    let collector = Unmanaged<RecordCollector>.fromOpaque(context).takeUnretainedValue()
    guard let field, length > 0 else {
        collector.current.append("")
        return
    }
    let bytes = UnsafeRawBufferPointer(start: field, count: length)
    collector.current.append(String(decoding: bytes, as: UTF8.self))
}

/// libcsv's record callback for reference files: ends the current record.
private func referenceRecord(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    let collector = Unmanaged<RecordCollector>.fromOpaque(context).takeUnretainedValue()
    collector.records.append(collector.current)
    collector.current = []
}

/// A reference file compiled into karta is malformed: which file, which row, what is wrong.
public struct ReferenceDataError: Error, Equatable, CustomStringConvertible {
    public let file: String
    /// The row in the file (the header is row 1; 0 for the file as a whole).
    public let row: Int
    public let reason: String

    public var description: String { "reference/\(file), row \(row): \(reason)" }
}
