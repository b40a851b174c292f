/// Builds one CSV record in bytes: quotes a field only when it must (delimiter, quote, line
/// break inside), doubling quotes, the way spreadsheets export.
struct CSVRowBuilder {
    var bytes: [UInt8] = []
    let delimiter: UInt8
    let lineEnding: [UInt8]
    private var fieldsInRow = 0

    init(delimiter: UInt8, lineEnding: [UInt8]) {
        self.delimiter = delimiter
        self.lineEnding = lineEnding
        bytes.reserveCapacity(1024)
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        fieldsInRow = 0
    }

    private mutating func separate() {
        if fieldsInRow > 0 { bytes.append(delimiter) }
        fieldsInRow += 1
    }

    mutating func field(_ value: [UInt8]) {
        separate()
        appendQuotedIfNeeded(value)
    }

    /// A field made of several pieces (a service name: short name, quotes, proper name, number).
    mutating func field(pieces: [UInt8]...) {
        var joined = [UInt8]()
        for piece in pieces { joined.append(contentsOf: piece) }
        field(joined)
    }

    mutating func number(_ value: Int, groupingThousands: Bool = false) {
        separate()
        Digits.append(value, to: &bytes, thousands: groupingThousands && value >= 1000)
    }

    mutating func emptyField() { separate() }

    mutating func endRow() { bytes.append(contentsOf: lineEnding) }

    private mutating func appendQuotedIfNeeded(_ value: [UInt8]) {
        let quote = UInt8(ascii: "\"")
        let needsQuotes = value.contains { $0 == delimiter || $0 == quote || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            bytes.append(contentsOf: value)
            return
        }
        bytes.append(quote)
        for byte in value {
            if byte == quote { bytes.append(quote) }
            bytes.append(byte)
        }
        bytes.append(quote)
    }
}
