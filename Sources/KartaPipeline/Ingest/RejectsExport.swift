import Foundation
import KartaStore

/// The rejects report that goes back to a municipality: CSV for Excel or JSON.
public enum RejectsExport {
    public static let csvColumns = ["source", "line", "byte_offset", "column", "reason", "message", "raw_text"]

    /// Excel-friendly CSV: UTF-8 with BOM, `;`, CRLF, every cell quoted when needed, and cells
    /// that Excel would run as a formula (starting with = + - @, tab or CR) neutralised with a
    /// leading apostrophe.
    public static func csv(_ rejects: [StoredReject]) -> Data {
        var text = "\u{FEFF}" + csvColumns.joined(separator: ";") + "\r\n"
        for reject in rejects {
            let cells = [
                reject.sourcePath, String(reject.line), String(reject.byteOffset), reject.column ?? "",
                reject.reason, reject.message, reject.rawText,
            ]
            text += cells.map(excelCell).joined(separator: ";") + "\r\n"
        }
        return Data(text.utf8)
    }

    /// JSON array of objects with the same fields as the CSV (snake_case keys).
    public static func json(_ rejects: [StoredReject]) throws -> Data {
        struct Line: Encodable {
            var source: String
            var line: Int
            var byte_offset: Int64
            var record_index: Int
            var column: String?
            var reason: String
            var message: String
            var raw_text: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(
            rejects.map {
                Line(
                    source: $0.sourcePath, line: $0.line, byte_offset: $0.byteOffset, record_index: $0.recordIndex,
                    column: $0.column, reason: $0.reason, message: $0.message, raw_text: $0.rawText)
            })
    }

    /// One CSV cell: formula-looking text gets a leading apostrophe; text with `;`, quotes or
    /// line breaks is quoted with doubled quotes.
    static func excelCell(_ value: String) -> String {
        var cell = value
        if let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            cell = "'" + cell
        }
        if cell.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            cell = "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cell
    }
}
