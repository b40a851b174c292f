import Foundation
import KartaModel
import KartaStore

/// The rejects report that goes back to a municipality: CSV for Excel or JSON.
///
/// Reads nothing itself: the caller passes the rejects the store gave (``Store/rejects(sourcePath:)``).
public enum RejectsExport {
    /// The CSV header, in Bulgarian (the file goes back to a municipality); the JSON keys stay
    /// snake_case (`source`, `line`, `byte_offset`, `column`, `reason`, `message`, `raw_text`).
    public static let csvColumns = [
        "Файл", "Ред", "Байт", "Колона", "Причина (код)", "Причина", "Съобщение", "Текст на реда",
    ]

    /// Excel-friendly CSV in the ``CSVDialect/excel`` dialect, written by ``CSVRowEncoder`` (the one
    /// quoting rule): UTF-8 with BOM, `;`, CRLF, cells quoted when needed, and text cells that
    /// Excel would run as a formula (starting with = + - @, tab or CR) neutralised with a leading
    /// apostrophe.
    public static func csv(_ rejects: [StoredReject]) -> Data {
        let encoder = CSVRowEncoder(dialect: .excel)
        var bytes = encoder.preamble
        encoder.encodeHeader(csvColumns, into: &bytes)
        for reject in rejects {
            encoder.encode(
                [
                    .text(reject.sourcePath), .integer(reject.line), .integer(reject.byteOffset),
                    .text(reject.column), .text(reject.reason),
                    .text(RejectReason(rawValue: reject.reason)?.labelBG ?? reject.reason), .text(reject.message),
                    .text(reject.rawText),
                ], into: &bytes)
        }
        return Data(bytes)
    }

    /// `{"rejects": [...]}`: one object per reject with the same fields as the CSV (snake_case
    /// keys), and a final line feed.
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
        struct Document: Encodable {
            var rejects: [Line]
        }
        return try KartaJSON.document(
            Document(
                rejects: rejects.map {
                    Line(
                        source: $0.sourcePath, line: $0.line, byte_offset: $0.byteOffset,
                        record_index: $0.recordIndex, column: $0.column, reason: $0.reason, message: $0.message,
                        raw_text: $0.rawText)
                }), schema: .rejects)
    }
}
