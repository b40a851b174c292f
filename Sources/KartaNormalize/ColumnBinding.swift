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
    /// Users-per-month columns („Потребители януари"), in header order; never bound to `users`.
    public var monthlyUsers: [MonthlyColumn] = []

    /// The header name of the first column bound to `field`, for messages.
    public func columnName(_ field: CanonicalField) -> String? {
        columns[field]?.first.map { header[$0] }
    }

    /// Each bound field and the header, exactly as written, of its first column (what
    /// `karta inspect --json` prints as `bindings`).
    public var bindings: [CanonicalField: String] {
        columns.compactMapValues { $0.first.map { header[$0] } }
    }

    /// Binds `header` with `mapping`; throws when a required group of fields for `kind` has no
    /// column. `kind` nil checks the groups every kind needs.
    public static func bind(
        header: [String], format: SourceFormat, mapping: ColumnMapping, path: String, kind: SourceKind? = nil
    ) throws(MissingColumnsError) -> ColumnBinding {
        let binding = candidate(header: header, format: format, mapping: mapping)
        let missing = binding.unboundGroups(mapping.requiredColumns(for: kind))
        guard missing.isEmpty else {
            throw MissingColumnsError(
                path: path, missing: missing, header: header,
                nearest: missing.map { HeaderMatcher.nearest(to: $0, in: header, binding: binding, mapping: mapping) },
                mappingOrigin: mapping.origin)
        }
        return binding
    }

    /// The groups of `required` none of whose fields has a column.
    public func unboundGroups(_ required: [[CanonicalField]]) -> [[CanonicalField]] {
        required.filter { group in !group.contains { columns[$0] != nil } }
    }

    /// Binds every column it can, without checking required fields (`karta validate` shows the
    /// result as it is).
    public static func candidate(header: [String], format: SourceFormat, mapping: ColumnMapping) -> ColumnBinding {
        let isPath = format == .xml ? true : nil
        let keys = header.map { HeaderKey.of($0, isPath: isPath) }
        let plainKeys = header.map { Array(NameKey.fold($0).utf8) }
        let personalWords = mapping.personalDataColumns.map { Array(NameKey.fold($0).utf8) }.filter { !$0.isEmpty }
        let personal = plainKeys.indices.filter { index in
            personalWords.contains { HeaderKey.contains(plainKeys[index], words: $0) }
        }
        let matcher = HeaderMatcher(mapping: mapping)
        // Users per month first: „Потребители януари" would otherwise bind to `users`.
        var monthly: [MonthlyColumn] = []
        if let naming = mapping.monthlyUsers {
            for index in header.indices where !personal.contains(index) {
                if let month = naming.month(ofHeader: header[index]) {
                    monthly.append(MonthlyColumn(index: index, month: month))
                }
            }
        }
        // Each column goes to the field it matches best; a field keeps its columns in order of
        // match quality, then synonym order (a row takes the first non-empty one).
        var matches: [CanonicalField: [(HeaderMatcher.Match, Int)]] = [:]
        let personalSet = Set(personal)
        let monthlySet = Set(monthly.map(\.index))
        for index in header.indices where !personalSet.contains(index) && !monthlySet.contains(index) {
            var best = matcher.best(key: keys[index], header: header[index])
            if format == .xml, best == nil || best?.tier != 0,
                let field = AncestorField.field(ofPathKey: keys[index])
            {
                best = HeaderMatcher.Match(field: field, tier: 0, words: 99, synonymIndex: -1)
            }
            if let best { matches[best.field, default: []].append((best, index)) }
        }
        var columns: [CanonicalField: [Int]] = [:]
        for (field, found) in matches {
            columns[field] = found.sorted { ($0.0.tier, $0.0.synonymIndex, $0.1) < ($1.0.tier, $1.0.synonymIndex, $1.1) }
                .map(\.1)
        }
        let used = Set(columns.values.joined()).union(monthlySet)
        let unmapped = header.indices.filter { !used.contains($0) && !personalSet.contains($0) }
        return ColumnBinding(
            columns: columns, header: header, personalColumns: personal, unmappedColumns: unmapped,
            monthlyUsers: monthly)
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
///
/// The message (Bulgarian: it goes back to the municipality) lists the headers found, the
/// nearest candidates for each missing field, and the mapping lines that would fix it.
public struct MissingColumnsError: Error, Sendable, CustomStringConvertible {
    public var path: String
    /// Each required group none of whose fields has a column.
    public var missing: [[CanonicalField]]
    public var header: [String]
    /// Per missing group, the headers nearest to one of its synonyms (best first).
    public var nearest: [[String]]
    public var mappingOrigin: String

    /// The first missing group.
    public var fields: [CanonicalField] { missing.first ?? [] }

    public var description: String {
        var text = "\(path): файлът е отказан: няма колона за "
        text += missing.map { group in group.map { "„\($0.labelBG)\" (\($0.rawValue))" }.joined(separator: " или ") }
            .joined(separator: "; ")
        text += ". Заглавният ред съдържа: " + header.prefix(30).map { "„\($0)\"" }.joined(separator: ", ")
        text += header.count > 30 ? " …" : ""
        text += "."
        for (group, near) in zip(missing, nearest) where !near.isEmpty {
            text += " Най-близки за \(group[0].rawValue): " + near.map { "„\($0)\"" }.joined(separator: ", ") + "."
        }
        text += " Ако колоната е там под друго име, добавете в mapping файл (--mapping, по образец на "
        text += "\(mappingOrigin)) редовете:\n  fields:"
        for (group, near) in zip(missing, nearest) {
            text += "\n    \(group[0].rawValue):\n      - \"\(near.first ?? "<заглавие на колоната>")\""
        }
        return text
    }
}

extension CanonicalField {
    /// The field's name in Bulgarian, for messages.
    public var labelBG: String {
        switch self {
        case .district: "област"
        case .municipality: "община"
        case .settlementEKATTE: "ЕКАТТЕ на населеното място"
        case .serviceKind: "вид на услугата"
        case .serviceName: "наименование на услугата"
        case .targetGroup: "целева група"
        case .capacity: "капацитет (брой места)"
        case .proposedMaximum: "максимален брой потребители"
        case .users: "брой потребители"
        case .financing: "финансиране"
        case .provider: "доставчик"
        case .reportingDate: "отчетна дата"
        case .serviceID: "идентификатор на услугата"
        case .planningLevel: "ниво (общинско или областно)"
        case .serviceScope: "обхват (областен или национален)"
        case .stateFunding: "държавно финансиране (лв.)"
        case .municipalFunding: "общинско финансиране (лв.)"
        case .waitingList: "брой чакащи"
        }
    }
}
