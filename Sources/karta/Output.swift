import Foundation
import KartaEmit
import KartaModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Prints a `--json` output on stdout with the one encoder (``KartaJSON``): the object's
/// members plus `karta_version` and `schema_version`.
func printJSON<Value: Encodable>(_ value: Value, schema: ArtifactSchema) throws {
    FileHandle.standardOutput.write(try KartaJSON.document(value, schema: schema))
}

/// Prints a list as `{"<member>": [...], "karta_version": …, "schema_version": …}`.
func printJSON<Element: Encodable>(_ elements: [Element], member: String, schema: ArtifactSchema) throws {
    try printJSON(NamedList(member: member, elements: elements), schema: schema)
}

/// How many columns a human table may use: `COLUMNS` when set, else the terminal's width when
/// stdout is a terminal, else 80.
enum TerminalWidth {
    static let fallback = 80

    static var current: Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 {
            return columns
        }
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return fallback
    }
}

/// Prints a left-aligned text table; widths count characters, so Cyrillic lines up.
///
/// When the table is wider than the terminal (``TerminalWidth``), each row is printed as a block
/// of „column: value" lines instead, long values wrapped, so no line is wider than the terminal.
func printTable(header: [String], rows: [[String]], width: Int = TerminalWidth.current) {
    let layout = TextTable(header: header, rows: rows)
    for line in layout.lines(width: width) { print(line) }
}

/// A text table laid out for a terminal of a given width: as columns when they fit, else as one
/// block of „column: value" lines per row.
struct TextTable {
    let header: [String]
    let rows: [[String]]

    func lines(width: Int) -> [String] {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        let total = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
        guard total > width else {
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { index, cell in
                    cell + String(repeating: " ", count: max(0, widths[index] - cell.count))
                }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
            }
            return [line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)
        }
        return blocks(width: width)
    }

    /// One block per row: „column: value", labels aligned, values wrapped at `width`.
    private func blocks(width: Int) -> [String] {
        let labelWidth = min(header.map(\.count).max() ?? 0, max(8, width / 2))
        var lines: [String] = []
        for (index, row) in rows.enumerated() {
            if index > 0 { lines.append("") }
            for (column, label) in header.enumerated() {
                let value = column < row.count ? row[column] : ""
                let prefix = label + ":" + String(repeating: " ", count: max(1, labelWidth - label.count + 1))
                lines += TextWrap.lines(value, width: width, firstPrefix: prefix)
            }
        }
        return lines
    }
}

/// Wraps text for a terminal: breaks at spaces where it can, inside a word where it must.
enum TextWrap {
    /// `text` after `firstPrefix` on the first line and as much indentation on the next ones,
    /// no line longer than `width` characters (a prefix wider than half the width is put on a
    /// line of its own).
    static func lines(_ text: String, width: Int, firstPrefix: String = "") -> [String] {
        var prefix = firstPrefix
        var output: [String] = []
        if prefix.count > width / 2 {
            output += lines(prefix.trimmingCharacters(in: .whitespaces), width: width)
            prefix = "  "
        }
        let indent = String(repeating: " ", count: prefix.count)
        let room = max(1, width - prefix.count)
        var current = ""
        func flush() {
            output.append((prefix + current).replacingTrailingSpaces())
            prefix = indent
            current = ""
        }
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            var word = word
            if !current.isEmpty, current.count + 1 + word.count > room { flush() }
            while word.count > room {
                if !current.isEmpty { flush() }
                current = String(word.prefix(room))
                word = String(word.dropFirst(room))
                flush()
            }
            current = current.isEmpty ? word : current + " " + word
        }
        if !current.isEmpty || output.isEmpty || prefix != indent { flush() }
        return output
    }

    /// Prints `text` (one or more lines) wrapped at the terminal width, each line's own leading
    /// blanks kept as the indentation of its continuation lines.
    static func print(_ text: String, width: Int = TerminalWidth.current) {
        var body = text
        if body.hasSuffix("\n") { body.removeLast() }
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.count > width else {
                Swift.print(line)
                continue
            }
            let leading = String(line.prefix { $0 == " " })
            let wrapped = lines(String(line.dropFirst(leading.count)), width: width, firstPrefix: leading)
            for piece in wrapped { Swift.print(piece) }
        }
    }
}

extension String {
    fileprivate func replacingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
