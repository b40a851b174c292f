import Foundation
import KartaModel
import KartaStore

/// Turns the store's record rows (``RecordExportRow``, text borrowed from the store) into the
/// fields of the consolidated dataset, in ``RecordsExport/columns`` order, without building a
/// ``StoredRecord`` per row.
///
/// It gives the fields that ``RecordsExport/row(_:registry:)`` gives for the decoded record:
/// text up to the first NUL byte (as the store decodes it), unknown kind keys dropped (the primary
/// kind `information_and_consultation` when none is known), unknown codes replaced by the
/// model's defaults, the registry's municipality name, the warning codes joined by `|`. The
/// common row — known codes, no warning — costs no allocation.
struct RecordRowReader {
    private let registry: ReferenceRegistry
    private let kindKeys = KnownCodes(ServiceKind.allCases.map(\.key))
    private let financings = KnownCodes(Financing.allCases.map(\.rawValue))
    private let planningLevels = KnownCodes(PlanningLevel.allCases.map(\.rawValue))
    private let sourceKinds = KnownCodes(SourceKind.allCases.map(\.rawValue))
    private var municipalityNames: [String: [UInt8]?] = [:]

    init(registry: ReferenceRegistry) { self.registry = registry }

    /// Replaces `fields` with the fields of `row`.
    mutating func read(_ row: RecordExportRow, into fields: inout [RecordField]) {
        fields.removeAll(keepingCapacity: true)
        let column = { (column: RecordExportRow.Column) in RecordField(row[column]) }
        fields.append(column(.id))
        let municipality = column(.municipalityCode)
        fields.append(municipality)
        fields.append(municipalityName(municipality))
        fields.append(column(.districtCode))
        appendKinds(column(.kinds), to: &fields)
        fields.append(column(.targetGroup))
        fields.append(column(.targetGroupName))
        fields.append(column(.serviceName))
        fields.append(column(.capacity))
        fields.append(column(.users))
        fields.append(code(column(.financing), among: financings, or: Financing.self, default: .unknown))
        fields.append(column(.provider))
        fields.append(column(.reportingDate))
        fields.append(code(column(.planningLevel), among: planningLevels, or: PlanningLevel.self, default: .municipal))
        fields.append(code(column(.sourceKind), among: sourceKinds, or: SourceKind.self, default: .municipalRegister))
        fields.append(column(.serviceID))
        fields.append(column(.settlementEKATTE))
        fields.append(column(.sourcePath))
        fields.append(column(.sourceSHA256))
        fields.append(column(.line))
        fields.append(column(.byteOffset))
        fields.append(column(.recordIndex))
        fields.append(warningCodes(column(.warnings)))
        fields.append(money(row[.stateFundingStotinki]))
        fields.append(money(row[.municipalFundingStotinki]))
        fields.append(column(.waitingList))
        fields.append(column(.monthsWithoutUsers))
    }

    /// An amount in stotinki, written in leva; empty for NULL.
    private func money(_ value: RecordExportRow.Value) -> RecordField {
        if case .integer(let stotinki) = value { return .money(stotinki) }
        return .empty
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
        var kinds = text.split(separator: "|").compactMap { key in ServiceKind(key: key) }
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

/// A small set of ASCII codes compared as bytes.
private struct KnownCodes {
    let codes: [[UInt8]]

    init(_ codes: [String]) { self.codes = codes.map { Array($0.utf8) } }

    func contains(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        codes.contains { $0.count == bytes.count && $0.elementsEqual(bytes) }
    }
}

extension RecordField {
    /// The field of a stored value: NULL is empty, text stays borrowed.
    fileprivate init(_ value: RecordExportRow.Value) {
        switch value {
        case .null: self = .empty
        case .integer(let number): self = .integer(number)
        case .text(let bytes): self = .borrowed(bytes)
        }
    }

    /// The field's text bytes (none for empty and numbers). Borrowed bytes stay valid until the
    /// store hands over the next row.
    fileprivate var bytes: UnsafeBufferPointer<UInt8> {
        if case .borrowed(let bytes) = self { return bytes }
        return UnsafeBufferPointer(start: nil, count: 0)
    }
}
