/// One field of an exported record, as the records export hands it to each format.
enum RecordField {
    /// No value: an empty CSV field, `null` in JSON.
    case empty
    case integer(Int64)
    /// UTF-8 text that SQLite owns: valid only until the statement steps to the next row.
    case borrowed(UnsafeBufferPointer<UInt8>)
    /// UTF-8 text karta derived from the row (a registry name, the warning codes).
    case derived([UInt8])
    /// An amount in stotinki, written in leva with two decimals (`1234,50` in Excel CSV,
    /// `1234.50` in plain CSV, the number `1234.5` in JSON).
    case money(Int64)
}

extension DecimalDigits {
    /// Appends `stotinki` in leva with exactly two decimals and `mark` (`1234,50`).
    static func appendLeva(_ stotinki: Int64, mark: UInt8, to output: inout [UInt8]) {
        if stotinki < 0 { output.append(UInt8(ascii: "-")) }
        let magnitude = stotinki.magnitude
        append(Int64(magnitude / 100), to: &output)
        output.append(mark)
        let cents = magnitude % 100
        output.append(UInt8(ascii: "0") + UInt8(cents / 10))
        output.append(UInt8(ascii: "0") + UInt8(cents % 10))
    }

    /// Appends `stotinki` as a JSON number in leva, without trailing zeros (`1234.5`, `12`).
    static func appendLevaJSON(_ stotinki: Int64, to output: inout [UInt8]) {
        if stotinki < 0 { output.append(UInt8(ascii: "-")) }
        let magnitude = stotinki.magnitude
        append(Int64(magnitude / 100), to: &output)
        let cents = magnitude % 100
        guard cents != 0 else { return }
        output.append(UInt8(ascii: "."))
        output.append(UInt8(ascii: "0") + UInt8(cents / 10))
        if cents % 10 != 0 { output.append(UInt8(ascii: "0") + UInt8(cents % 10)) }
    }
}

/// Appends decimal digits of integers to byte buffers without going through `String`.
enum DecimalDigits {
    /// Appends `value` in base 10 (a leading `-` when negative), as `String(value)` writes it.
    static func append(_ value: Int64, to output: inout [UInt8]) {
        var magnitude = value.magnitude
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for the 20 digits
        withUnsafeMutableBytes(of: &scratch) { buffer in
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start...]))
        }
    }
}
