// fuzz-dependencies: KartaNormalize KartaModel
import KartaFuzzSupport
import KartaNormalize

// Any text as a number or a date: the parsers never crash; the String and byte forms of the
// number parser agree; a parsed count is finite; a parsed date is a real ISO date.
runFuzzer { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    let fromText = BulgarianNumber.parse(text)
    var copy = text
    let fromBytes = copy.withUTF8 { BulgarianNumber.parse(bytes: $0) }
    precondition(
        fromText == fromBytes || (fromText?.isNaN == true && fromBytes?.isNaN == true),
        "parse(String) \(String(describing: fromText)) != parse(bytes:) \(String(describing: fromBytes))")
    if let value = fromText {
        precondition(value.isFinite, "a number that is not finite: \(value)")
        _ = BulgarianNumber.count(from: value)
    }
    // A count is whole, a fraction or not a number, never a crash; only a number can be a count.
    switch BulgarianNumber.count(text) {
    case .whole, .fraction: precondition(fromText != nil, "a count that parse(_:) rejects: \(text)")
    case .notANumber: break
    }
    if let iso = BulgarianDate.iso(text) {
        let parts = iso.split(separator: "-")
        precondition(
            parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2,
            "not ISO: \(iso)")
        guard let month = Int(parts[1]), let day = Int(parts[2]) else {
            preconditionFailure("not ISO: \(iso)")
        }
        precondition((1...12).contains(month) && (1...31).contains(day), "impossible date \(iso)")
    }
}
