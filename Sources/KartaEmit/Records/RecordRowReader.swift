import Foundation
import GRDB
import GRDBSQLite
import KartaModel
import KartaStore

/// Reads the store's records for the consolidated dataset straight from SQLite's column bytes,
/// in ``RecordsExport/columns`` order, without building a ``StoredRecord`` per row.
///
/// It gives the fields that ``RecordsExport/row(_:registry:)`` gives for the decoded record:
/// text as GRDB decodes it (up to the first NUL byte), unknown kind keys dropped (the primary
/// kind `information_and_consultation` when none is known), unknown codes replaced by the
/// model's defaults, the registry's municipality name, the warning codes joined by `|`. The
/// common row — known codes, no warning — costs no allocation.
struct RecordRowReader {
    /// The columns in export order: `ORDER BY records.id`, as the record cursor reads them.
    static let sql = """
        SELECT records.id, records.municipality_code, records.district_code, records.kinds,
               records.target_group, records.target_group_name, records.service_name,
               records.capacity, records.users, records.financing, records.provider,
               records.reporting_date, records.planning_level, records.source_kind,
               records.service_id, records.settlement_ekatte, sources.path, sources.sha256,
               records.line, records.byte_offset, records.record_index, records.warnings,
               records.state_funding_stotinki, records.municipal_funding_stotinki, records.waiting_list,
               records.months_without_users
        FROM records JOIN sources ON sources.id = records.source_id
        ORDER BY records.id
        """

    private let registry: ReferenceRegistry
    private let kindKeys = KnownCodes(ServiceKind.allCases.map(\.key))
    private let financings = KnownCodes(Financing.allCases.map(\.rawValue))
    private let planningLevels = KnownCodes(PlanningLevel.allCases.map(\.rawValue))
    private let sourceKinds = KnownCodes(SourceKind.allCases.map(\.rawValue))
    private var municipalityNames: [String: [UInt8]?] = [:]

    init(registry: ReferenceRegistry) { self.registry = registry }

    /// Replaces `fields` with the fields of the row `statement` stands on.
    mutating func read(_ statement: SQLiteStatement, into fields: inout [RecordField]) {
        fields.removeAll(keepingCapacity: true)
        let column = ColumnReader(statement: statement)
        fields.append(column.integer(0))
        let municipality = column.text(1)
        fields.append(municipality)
        fields.append(municipalityName(municipality))
        fields.append(column.text(2))
        appendKinds(column.text(3), to: &fields)
        fields.append(column.text(4))
        fields.append(column.text(5))
        fields.append(column.text(6))
        fields.append(column.integer(7))
        fields.append(column.integer(8))
        fields.append(code(column.text(9), among: financings, or: Financing.self, default: .unknown))
        fields.append(column.text(10))
        fields.append(column.text(11))
        fields.append(code(column.text(12), among: planningLevels, or: PlanningLevel.self, default: .municipal))
        fields.append(code(column.text(13), among: sourceKinds, or: SourceKind.self, default: .municipalRegister))
        for index: Int32 in 14...17 { fields.append(column.text(index)) }
        for index: Int32 in 18...20 { fields.append(column.integer(index)) }
        fields.append(warningCodes(column.text(21)))
        fields.append(column.money(22))
        fields.append(column.money(23))
        fields.append(column.integer(24))
        fields.append(column.text(25))
    }

    /// The registry's Bulgarian name of the municipality, looked up once per code.
    private mutating func municipalityName(_ code: RecordField) -> RecordField {
        let key = String(decoding: code.bytes, as: UTF8.self)
        if let cached = municipalityNames[key] { return cached.map(RecordField.derived) ?? .empty }
        let name = registry.municipality(code: key).map { Array($0.nameBG.utf8) }
        municipalityNames[key] = name
        return name.map(RecordField.derived) ?? .empty
    }

    /// The primary kind's key and the stored kinds (`a|b`), known keys only.
    private func appendKinds(_ column: RecordField, to fields: inout [RecordField]) {
        let bytes = column.bytes
        if let primaryEnd = primaryEndIfAllKnown(bytes) {
            fields.append(.borrowed(UnsafeBufferPointer(rebasing: bytes[..<primaryEnd])))
            fields.append(column)
            return
        }
        let text = String(decoding: bytes, as: UTF8.self)
        var kinds = text.split(separator: "|").compactMap { key in ServiceKind.allCases.first { $0.key == key } }
        if kinds.isEmpty { kinds = [.informationAndConsultation] }
        fields.append(.derived(Array(kinds[0].key.utf8)))
        fields.append(.derived(Array(kinds.map(\.key).joined(separator: "|").utf8)))
    }

    /// Where the first key ends when every `|`-separated key is a known kind key; nil otherwise
    /// (an empty column, an empty or unknown key).
    private func primaryEndIfAllKnown(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var primaryEnd: Int?
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "|") {
            let key = bytes[start..<index]
            guard !key.isEmpty, kindKeys.contains(key) else { return nil }
            if primaryEnd == nil { primaryEnd = index }
            start = index + 1
        }
        return primaryEnd
    }

    /// The column when it holds one of `known`; otherwise what `Code(rawValue:) ?? fallback` gives.
    private func code<Code: RawRepresentable>(
        _ column: RecordField, among known: KnownCodes, or type: Code.Type, default fallback: Code
    ) -> RecordField where Code.RawValue == String {
        if known.contains(column.bytes[...]) { return column }
        let decoded = Code(rawValue: String(decoding: column.bytes, as: UTF8.self)) ?? fallback
        return .derived(Array(decoded.rawValue.utf8))
    }

    /// The warning codes joined by `|`: empty text for `[]` and for JSON that does not decode.
    private func warningCodes(_ column: RecordField) -> RecordField {
        let bytes = column.bytes
        if bytes.elementsEqual("[]".utf8) { return .derived([]) }
        let warnings = (try? JSONDecoder().decode([RecordWarning].self, from: Data(bytes))) ?? []
        return .derived(Array(warnings.map(\.code).joined(separator: "|").utf8))
    }
}

/// Reads one column of the current row of a SQLite statement.
private struct ColumnReader {
    let statement: SQLiteStatement

    /// Text up to the first NUL byte (as GRDB's `String` decoding reads it); empty for NULL.
    func text(_ index: Int32) -> RecordField {
        guard sqlite3_column_type(statement, index) != SQLITE_NULL,
            let pointer = sqlite3_column_text(statement, index)
        else { return .empty }
        let count = Int(sqlite3_column_bytes(statement, index))
        let end = memchr(pointer, 0, count).map { UnsafeRawPointer($0) - UnsafeRawPointer(pointer) } ?? count
        return .borrowed(UnsafeBufferPointer(start: pointer, count: end))
    }

    /// An amount in stotinki; empty for NULL.
    func money(_ index: Int32) -> RecordField {
        sqlite3_column_type(statement, index) == SQLITE_NULL
            ? .empty : .money(sqlite3_column_int64(statement, index))
    }

    /// The integer; empty for NULL.
    func integer(_ index: Int32) -> RecordField {
        sqlite3_column_type(statement, index) == SQLITE_NULL
            ? .empty : .integer(sqlite3_column_int64(statement, index))
    }
}

/// A small set of ASCII codes compared as bytes.
private struct KnownCodes {
    let codes: [[UInt8]]

    init(_ codes: [String]) { self.codes = codes.map { Array($0.utf8) } }

    func contains(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        codes.contains { $0.count == bytes.count && $0.elementsEqual(bytes) }
    }
}

extension RecordField {
    /// The field's text bytes (none for empty and numbers). Borrowed bytes stay valid until the
    /// statement steps.
    fileprivate var bytes: UnsafeBufferPointer<UInt8> {
        if case .borrowed(let bytes) = self { return bytes }
        return UnsafeBufferPointer(start: nil, count: 0)
    }
}
