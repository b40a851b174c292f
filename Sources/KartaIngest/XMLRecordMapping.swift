/// Which element of an XML file is a record, and which of its values become which fields.
///
/// ```swift
/// let mapping = try XMLRecordMapping(
///     recordPath: "НационалнаКарта/Област/Община/Услуга",
///     fields: ["@вид", "@капацитет", "../@код", "../../@име"])
/// ```
/// The record path is either the element's full path from the document element
/// (`A/B/C`) or just its name (`C`, matched at any depth). Namespace prefixes are ignored:
/// names are local names. A record element nested inside another record is part of the outer one.
public struct XMLRecordMapping: Sendable, Hashable {
    /// The record element's path (`A/B/C`) or name (`C`).
    public var recordPath: String
    /// The fields in output order; their names become ``KartaModel/RawSourceDescription/header``.
    public var fields: [XMLField]

    /// The path's element names, from the document element (or just the record element's name).
    public var recordPathComponents: [String] {
        recordPath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// The record element's own name (the last component of ``recordPath``).
    public var recordElement: String { recordPathComponents.last ?? recordPath }

    /// True when ``recordPath`` names the full path from the document element.
    public var isFullPath: Bool { recordPathComponents.count > 1 }

    public init(recordPath: String, fields: [XMLField]) throws(XMLMappingError) {
        let components = recordPath.split(separator: "/", omittingEmptySubsequences: true)
        guard !components.isEmpty else {
            throw XMLMappingError(text: recordPath, reason: "the record path is empty")
        }
        self.recordPath = components.joined(separator: "/")
        self.fields = fields
    }

    /// A mapping whose field names are the field paths themselves (`@вид`, `../@код`, `Капацитет`).
    public init(recordPath: String, fields: [String]) throws(XMLMappingError) {
        var parsed: [XMLField] = []
        for text in fields { parsed.append(XMLField(name: text, path: try XMLFieldPath(parsing: text))) }
        try self.init(recordPath: recordPath, fields: parsed)
    }
}

/// One field of an XML record: the name it gets in the header, and where its value comes from.
public struct XMLField: Sendable, Hashable {
    public var name: String
    public var path: XMLFieldPath

    public init(name: String, path: XMLFieldPath) {
        self.name = name
        self.path = path
    }
}

/// Where a field's value comes from, relative to the record element.
public enum XMLFieldPath: Sendable, Hashable, CustomStringConvertible {
    /// `@name`: an attribute of the record element.
    case attribute(String)
    /// `name`: the text of a child element (its direct text, entities decoded).
    case childText(String)
    /// `../@name` (levels 1), `../../@name` (levels 2): an attribute of an ancestor.
    case ancestorAttribute(levels: Int, name: String)

    /// Parses `@attr`, `child`, `../@attr`, `../../@attr`.
    public init(parsing text: String) throws(XMLMappingError) {
        var rest = Substring(text)
        var levels = 0
        while rest.hasPrefix("../") {
            levels += 1
            rest = rest.dropFirst(3)
        }
        let isAttribute = rest.hasPrefix("@")
        let name = isAttribute ? String(rest.dropFirst()) : String(rest)
        guard !name.isEmpty, !name.contains("/"), !name.contains("@") else {
            throw XMLMappingError(
                text: text,
                reason: "expected `@attribute`, `child`, or `../@attribute` (one `../` per level up)")
        }
        switch (levels, isAttribute) {
        case (0, true): self = .attribute(name)
        case (0, false): self = .childText(name)
        case (_, true): self = .ancestorAttribute(levels: levels, name: name)
        case (_, false):
            throw XMLMappingError(
                text: text, reason: "only attributes of ancestors can be fields (`../@name`)")
        }
    }

    public var description: String {
        switch self {
        case .attribute(let name): return "@" + name
        case .childText(let name): return name
        case .ancestorAttribute(let levels, let name):
            return String(repeating: "../", count: levels) + "@" + name
        }
    }
}

/// A field path or record path that karta cannot read.
public struct XMLMappingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var text: String
    public var reason: String
    public var description: String { "XML field `\(text)`: \(reason)" }
}
