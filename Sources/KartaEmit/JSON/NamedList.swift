/// A list under one named member, so that a `--json` list output is an object:
/// `{"<member>": [...]}` (``KartaJSON/document(_:schema:)`` adds the versions).
public struct NamedList<Element: Encodable>: Encodable {
    public var member: String
    public var elements: [Element]

    public init(member: String, elements: [Element]) {
        self.member = member
        self.elements = elements
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(elements, forKey: Key(stringValue: member))
    }
}
