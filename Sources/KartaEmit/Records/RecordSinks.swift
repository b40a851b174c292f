import Foundation

/// A file of the consolidated dataset being written: it receives every record's fields in
/// ``RecordsExport/columns`` order and is committed (renamed into place) at the end.
protocol RecordSink: AnyObject {
    func write(_ fields: [RecordField]) throws
    func commit() throws
}

/// `records.csv`: header row, then one row per record in the chosen dialect.
final class CSVRecordSink: RecordSink {
    private let stream: AtomicFileStream
    private let encoder: CSVRowEncoder

    init(url: URL, dialect: CSVDialect) throws {
        stream = try AtomicFileStream(url: url)
        encoder = CSVRowEncoder(dialect: dialect)
        let header = CSVTable.header(RecordsExport.columns, dialect: dialect)
        try stream.append { [encoder] output in
            output.append(contentsOf: encoder.preamble)
            encoder.encodeHeader(header, into: &output)
        }
    }

    func write(_ fields: [RecordField]) throws {
        try stream.append { [encoder] output in
            for (index, field) in fields.enumerated() {
                if index > 0 { output.append(encoder.dialect.separator) }
                switch field {
                case .empty: break
                case .integer(let number): DecimalDigits.append(number, to: &output)
                case .borrowed(let text): encoder.encodeText(bytes: text, into: &output)
                case .derived(let text): text.withUnsafeBufferPointer { encoder.encodeText(bytes: $0, into: &output) }
                case .money(let stotinki):
                    DecimalDigits.appendLeva(stotinki, mark: encoder.dialect.decimalMark, to: &output)
                }
            }
            output.append(contentsOf: encoder.dialect.lineEnd)
        }
    }

    func commit() throws { try stream.commit() }
}

/// `records.jsonl`: one JSON object per record, keys in column order, LF line ends.
final class JSONLinesRecordSink: RecordSink {
    private let stream: AtomicFileStream
    /// What precedes each value: `{"record_id":`, then `,"municipality_code":` and so on.
    private let keyPrefixes: [[UInt8]]

    init(url: URL) throws {
        stream = try AtomicFileStream(url: url)
        keyPrefixes = RecordsExport.columns.enumerated().map { index, column in
            var prefix: [UInt8] = [index == 0 ? UInt8(ascii: "{") : UInt8(ascii: ",")]
            JSONText.appendString(column.key, to: &prefix)
            prefix.append(UInt8(ascii: ":"))
            return prefix
        }
    }

    func write(_ fields: [RecordField]) throws {
        try stream.append { [keyPrefixes] output in
            for (index, field) in fields.enumerated() {
                output.append(contentsOf: keyPrefixes[index])
                switch field {
                case .empty: output.append(contentsOf: "null".utf8)
                case .integer(let number): DecimalDigits.append(number, to: &output)
                case .borrowed(let text): JSONText.appendString(bytes: text, to: &output)
                case .derived(let text): text.withUnsafeBufferPointer { JSONText.appendString(bytes: $0, to: &output) }
                case .money(let stotinki): DecimalDigits.appendLevaJSON(stotinki, to: &output)
                }
            }
            output.append(UInt8(ascii: "}"))
            output.append(10)
        }
    }

    func commit() throws { try stream.commit() }
}
