import KartaModel

/// Which columns of one file feed which canonical fields, decided from the header before any
/// row is read.
public struct ColumnBinding: Sendable, Hashable {
    /// Column indexes per field, in order of preference: a row takes the first non-empty one.
    public var columns: [CanonicalField: [Int]]
    /// The file's header as read.
    public var header: [String]
    /// Columns dropped because their name says they hold personal data (ЕГН, ЛНЧ, names).
    public var personalColumns: [Int]
    /// Columns mapped to no field (kept only in the raw text of rejects).
    public var unmappedColumns: [Int]

    /// The header name of the first column bound to `field`, for messages.
    public func columnName(_ field: CanonicalField) -> String? {
        columns[field]?.first.map { header[$0] }
    }

    /// Binds `header` with `mapping`; throws when a required group of fields has no column.
    public static func bind(
        header: [String], format: SourceFormat, mapping: ColumnMapping, path: String
    ) throws(MissingColumnsError) -> ColumnBinding {
        let isPath = format == .xml ? true : nil
        let keys = header.map { HeaderKey.of($0, isPath: isPath) }
        let plainKeys = header.map { NameKey.fold($0) }
        let personalWords = mapping.personalDataColumns.map(NameKey.fold).filter { !$0.isEmpty }
        let personal = plainKeys.indices.filter { index in
            personalWords.contains { HeaderKey.contains(plainKeys[index], words: $0) }
        }
        var columns: [CanonicalField: [Int]] = [:]
        for field in CanonicalField.allCases {
            var bound: [Int] = []
            for synonym in mapping.synonyms[field] ?? [] {
                let key = HeaderKey.of(synonym)
                for index in keys.indices
                where keys[index] == key && !personal.contains(index) && !bound.contains(index) {
                    bound.append(index)
                }
            }
            if format == .xml {
                for index in keys.indices where !personal.contains(index) && !bound.contains(index) {
                    if AncestorField.field(ofPathKey: keys[index]) == field { bound.append(index) }
                }
            }
            if !bound.isEmpty { columns[field] = bound }
        }
        for group in mapping.requiredColumns where !group.contains(where: { columns[$0] != nil }) {
            throw MissingColumnsError(
                path: path, fields: group,
                synonyms: group.flatMap { mapping.synonyms[$0] ?? [] }, header: header,
                mappingOrigin: mapping.origin)
        }
        let used = Set(columns.values.joined())
        let unmapped = header.indices.filter { !used.contains($0) && !personal.contains($0) }
        return ColumnBinding(
            columns: columns, header: header, personalColumns: personal, unmappedColumns: unmapped)
    }
}

/// The rule for XML fields taken from ancestor elements: a path through an element named
/// Община/Municipality gives the municipality, one through Област/District the district, when it
/// ends in a code, EKATTE or name attribute (`Община/@код`, `../Municipality/@name`); a date
/// attribute of any ancestor (`../../../@дата`) gives the reporting date.
enum AncestorField {
    static let municipalityElements: Set<String> = ["obshtina", "municipality"]
    static let districtElements: Set<String> = ["oblast", "district"]
    static let identifyingAttributes: Set<String> = ["kod", "code", "ime", "name", "ekatte", "naimenovanie"]

    static func field(ofPathKey key: String) -> CanonicalField? {
        let segments = key.split(separator: "/").map(String.init)
        guard segments.count >= 2, let last = segments.last else { return nil }
        // The reporting date is often an attribute of the document's root (`../../../@дата`).
        if last == "data" || last == "date" || last == "kam data" { return .reportingDate }
        guard identifyingAttributes.contains(last) else { return nil }
        let ancestors = segments.dropLast()
        if ancestors.contains(where: municipalityElements.contains) { return .municipality }
        if ancestors.contains(where: districtElements.contains) { return .district }
        return nil
    }
}

/// A file lacks every column a required field could come from: refused before any row is read.
public struct MissingColumnsError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var fields: [CanonicalField]
    public var synonyms: [String]
    public var header: [String]
    public var mappingOrigin: String

    public var description: String {
        let wanted = fields.map(\.rawValue).joined(separator: " or ")
        let examples = synonyms.prefix(6).map { "„\($0)\"" }.joined(separator: ", ")
        let present = header.prefix(20).map { "„\($0)\"" }.joined(separator: ", ")
        return "\(path): no column for \(wanted) (looked for \(examples)… per \(mappingOrigin)); "
            + "the file's columns are \(present). Name the column in a mapping file (--mapping)."
    }
}
