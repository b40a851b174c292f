/// Escapes text for HTML element content and attribute values: `&`, `<`, `>`, `"` and `'`.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
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
