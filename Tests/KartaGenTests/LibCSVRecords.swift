import CLibCSV
import Foundation

/// Splits a whole file into CSV records with libcsv, for checking what the generator wrote.
/// Fields stay raw bytes; libcsv skips blank lines.
func libcsvRecords(_ bytes: [UInt8], delimiter: UInt8) -> [[[UInt8]]] {
    final class Collector {
        var records: [[[UInt8]]] = []
        var fields: [[UInt8]] = []
    }
    let collector = Collector()
    var parser = csv_parser()
    guard csv_init(&parser, UInt8(CSV_APPEND_NULL)) == 0 else { return [] }
    csv_set_delim(&parser, delimiter)
    let onField: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
        field, length, context in
        guard let context else { return }
        let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
        let value = field.map { Array(UnsafeRawBufferPointer(start: $0, count: length)) } ?? []
        collector.fields.append(value)
    }
    let onRecord: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
        guard let context else { return }
        let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
        collector.records.append(collector.fields)
        collector.fields = []
    }
    let context = Unmanaged.passUnretained(collector).toOpaque()
    bytes.withUnsafeBytes { raw in
        _ = csv_parse(&parser, raw.baseAddress, raw.count, onField, onRecord, context)
    }
    csv_fini(&parser, onField, onRecord, context)
    csv_free(&parser)
    return collector.records
}
