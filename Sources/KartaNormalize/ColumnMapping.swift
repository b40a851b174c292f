import Foundation
import KartaModel
import Yams

/// Which source columns become which canonical fields, and how to read the words of a source:
/// the contents of a mapping file such as `mappings/default.yml`.
public struct ColumnMapping: Sendable {
    /// Header synonyms per field, in order of preference, as written in the file.
    public var synonyms: [CanonicalField: [String]]
    /// Groups of fields of which at least one must be a column of every file.
    public var requiredColumns: [[CanonicalField]]
    /// Groups required of files of one kind, on top of ``requiredColumns`` (a register needs
    /// a capacity column, a proposal a proposed maximum, capacity or users column).
    public var requiredColumnsByKind: [SourceKind: [[CanonicalField]]]

    /// The groups a file of `kind` must have a column for (nil: the groups every kind needs).
    public func requiredColumns(for kind: SourceKind?) -> [[CanonicalField]] {
        requiredColumns + (kind.flatMap { requiredColumnsByKind[$0] } ?? [])
    }
    /// Header words that mark a column as personal data.
    public var personalDataColumns: [String]
    /// Cell values that mean "not given" („-", „н/д").
    public var missingValues: Set<String>
    /// Financing words, in order of precedence.
    public var financingWords: [(Financing, [String])]
    /// First non-empty cells that mark a totals row.
    public var totalsWords: [String]
    /// Where the mapping came from (a path, or `default`), for messages.
    public var origin: String
    /// How users-per-month columns are named („Потребители януари"); nil: none are read.
    public var monthlyUsers: MonthlyUsersNaming?

    /// The default mapping shipped with karta (a copy of `mappings/default.yml` compiled in).
    public static func standard() throws(MappingFileError) -> ColumnMapping {
        try ColumnMapping(yaml: EmbeddedMappings.defaultMapping, origin: "default mapping")
    }

    /// Loads a mapping file.
    public static func load(path: String) throws(MappingFileError) -> ColumnMapping {
        try ColumnMapping(yaml: MappingFileError.readText(path: path), origin: path)
    }

    /// Parses a mapping from YAML text.
    public init(yaml: String, origin: String) throws(MappingFileError) {
        let file: MappingFile
        do {
            file = try YAMLDecoder().decode(MappingFile.self, from: yaml)
        } catch {
            throw MappingFileError(origin: origin, message: "not a valid mapping file: \(error)")
        }
        var synonyms: [CanonicalField: [String]] = [:]
        for (name, list) in file.fields {
            guard let field = CanonicalField(rawValue: name) else {
                throw MappingFileError(
                    origin: origin,
                    message: "unknown field '\(name)'; known fields: "
                        + CanonicalField.allCases.map(\.rawValue).joined(separator: ", "))
            }
            synonyms[field] = list
        }
        func groups(_ lists: [[String]], _ place: String) throws(MappingFileError) -> [[CanonicalField]] {
            var result: [[CanonicalField]] = []
            for group in lists {
                var fields: [CanonicalField] = []
                for name in group {
                    guard let field = CanonicalField(rawValue: name) else {
                        throw MappingFileError(origin: origin, message: "unknown field '\(name)' in \(place)")
                    }
                    fields.append(field)
                }
                if !fields.isEmpty { result.append(fields) }
            }
            return result
        }
        let required = try groups(file.required_columns ?? [], "required_columns")
        var byKind: [SourceKind: [[CanonicalField]]] = [:]
        for (name, lists) in file.required_columns_by_kind ?? [:] {
            guard let kind = SourceKind(rawValue: name) else {
                throw MappingFileError(
                    origin: origin,
                    message: "unknown kind '\(name)' in required_columns_by_kind; known: "
                        + SourceKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            byKind[kind] = try groups(lists, "required_columns_by_kind")
        }
        var financing: [(Financing, [String])] = []
        for key in ["state_delegated", "local", "project"] {
            if let words = file.financing?[key], let kind = Financing(rawValue: key) {
                financing.append((kind, words))
            }
        }
        for key in (file.financing ?? [:]).keys where Financing(rawValue: key) == nil || key == "unknown" {
            throw MappingFileError(
                origin: origin, message: "unknown financing '\(key)' (state_delegated, local, project)")
        }
        self.synonyms = synonyms
        self.requiredColumns = required
        self.requiredColumnsByKind = byKind
        self.personalDataColumns = file.personal_data_columns ?? []
        self.missingValues = Set(file.missing_values ?? [])
        self.financingWords = financing
        self.totalsWords = file.totals_words ?? []
        self.origin = origin
        if let monthly = file.monthly_users {
            guard monthly.months.count == 12 else {
                throw MappingFileError(
                    origin: origin, message: "monthly_users.months must list 12 months, January first")
            }
            self.monthlyUsers = MonthlyUsersNaming(words: monthly.words, months: monthly.months)
        }
    }
}

/// A mapping or dictionary file that cannot be used, with where and why.
public struct MappingFileError: Error, Sendable, CustomStringConvertible {
    public var origin: String
    public var message: String

    public var description: String { "\(origin): \(message)" }

    /// The text of a mapping or dictionary file, or an error naming it.
    static func readText(path: String) throws(MappingFileError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw MappingFileError(origin: path, message: "cannot read the file: \(error.localizedDescription)")
        }
    }
}

/// The YAML layout of a mapping file.
private struct MappingFile: Decodable {
    var version: Int?
    var fields: [String: [String]]
    var required_columns: [[String]]?
    var required_columns_by_kind: [String: [[String]]]?
    var personal_data_columns: [String]?
    var missing_values: [String]?
    var financing: [String: [String]]?
    var totals_words: [String]?
    var monthly_users: MonthlyUsersFile?

    struct MonthlyUsersFile: Decodable {
        var words: [String]
        var months: [[String]]
    }
}
