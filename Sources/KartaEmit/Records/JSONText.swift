/// Writes JSON values by hand where the key order must follow a documented column list (JSON
/// Lines), with the same escaping as RFC 8259 requires.
public enum JSONText {
    /// Appends `text` as a JSON string literal (quotes, backslash and control characters escaped;
    /// everything else, Cyrillic included, as UTF-8): the bytes `JSONEncoder` gives for it.
    public static func appendString(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendString(bytes: $0, to: &output) }
    }

    /// Appends UTF-8 `bytes` as a JSON string literal, escaped as ``appendString(_:to:)`` does.
    static func appendString(bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        if bytes.contains(where: needsEscape) {
            for byte in bytes { appendEscaped(byte, to: &output) }
        } else {
            output.append(contentsOf: bytes)
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 32 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: [92, 34])
        case UInt8(ascii: "\\"): output.append(contentsOf: [92, 92])
        case 10: output.append(contentsOf: [92, UInt8(ascii: "n")])
        case 13: output.append(contentsOf: [92, UInt8(ascii: "r")])
        case 9: output.append(contentsOf: [92, UInt8(ascii: "t")])
        case 8: output.append(contentsOf: [92, UInt8(ascii: "b")])
        case 12: output.append(contentsOf: [92, UInt8(ascii: "f")])
        case 0..<32:
            let hex = Array("0123456789abcdef".utf8)
            output.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
        default: output.append(byte)
        }
    }

    /// Appends one object whose keys are `keys` in order and whose values are `values`: text as
    /// strings, numbers as numbers (`.` decimals), empty as `null`.
    public static func appendObject(keys: [String], values: [CSVValue], to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        for (index, key) in keys.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            appendString(key, to: &output)
            output.append(UInt8(ascii: ":"))
            switch index < values.count ? values[index] : .empty {
            case .empty: output.append(contentsOf: "null".utf8)
            case .integer(let number): output.append(contentsOf: String(number).utf8)
            case .decimal(let number, let places):
                output.append(contentsOf: DecimalText.format(number, places: places).utf8)
            case .number(let number):
                output.append(contentsOf: (number.isFinite ? String(number) : "null").utf8)
            case .text(let text): appendString(text, to: &output)
            }
        }
        output.append(UInt8(ascii: "}"))
    }
}
