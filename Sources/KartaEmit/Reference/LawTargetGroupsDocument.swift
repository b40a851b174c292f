import KartaModel

/// `karta reference --target-groups --json`: the seven target groups of ЗСУ Art. 14(2), karta's
/// target-group codes under each, and the codes that belong to no one group.
public struct LawTargetGroupsDocument: Encodable, Sendable {
    /// One group of the Act.
    public struct Group: Encodable, Sendable {
        public var code: String
        public var article: String
        public var nameBG: String
        public var kartaGroups: [String]

        enum CodingKeys: String, CodingKey {
            case code, article
            case nameBG = "name_bg"
            case kartaGroups = "karta_groups"
        }
    }

    public var legalReference: String
    public var groups: [Group]
    public var notOneGroup: [String]

    enum CodingKeys: String, CodingKey {
        case groups
        case legalReference = "legal_reference"
        case notOneGroup = "not_one_group"
    }

    /// The Act's groups (``LawTargetGroup/all``) and karta's groups with no law group.
    public init() {
        legalReference = LawTargetGroup.legalReference
        groups = LawTargetGroup.all.map {
            Group(code: $0.code, article: $0.article, nameBG: $0.nameBG, kartaGroups: $0.kartaGroups.map(\.code))
        }
        notOneGroup = TargetGroup.catalogue.filter { $0.lawGroup == nil }.map(\.code)
    }
}
