/// Escapes text for HTML element content and attribute values: `&`, `<`, `>`, `"` and `'`.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        // Per Unicode scalar, not per Character: a quote followed by a combining mark is one
        // Character, and it must still be escaped.
        guard text.utf8.contains(where: isSpecial) else { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output.append(contentsOf: "&amp;".unicodeScalars)
            case "<": output.append(contentsOf: "&lt;".unicodeScalars)
            case ">": output.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": output.append(contentsOf: "&quot;".unicodeScalars)
            case "'": output.append(contentsOf: "&#39;".unicodeScalars)
            default: output.append(scalar)
            }
        }
        return String(output)
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// An integer with thin spaces between thousands, as Bulgarian print does (`12 345`).
    public static func integer(_ value: Int) -> String {
        let digits = String(abs(value))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += "\u{202F}" }
            grouped.append(digit)
        }
        return (value < 0 ? "−" : "") + grouped
    }

    /// An amount in leva with thousands grouped and two decimals (`5 469 500,00`), or `—` when
    /// absent.
    public static func leva(_ value: Double?) -> String {
        guard let value else { return "—" }
        let stotinki = Int((value * 100).rounded())
        let cents = abs(stotinki) % 100
        return (stotinki < 0 ? "−" : "") + integer(abs(stotinki) / 100) + (cents < 10 ? ",0" : ",") + String(cents)
    }

    /// A decimal with a comma, or `—` when absent.
    public static func decimal(_ value: Double?, places: Int = 2) -> String {
        guard let value else { return "—" }
        return DecimalText.format(value, places: places, mark: ",")
    }
}
