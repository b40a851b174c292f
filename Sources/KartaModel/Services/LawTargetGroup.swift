/// A target group as the Social Services Act lists it (ЗСУ Art. 14(2), seven groups of users by
/// specific needs): the canonical list, kept as data in `mappings/target-groups.yml`.
public struct LawTargetGroup: Sendable, Hashable, Codable {
    /// A stable ASCII identifier, e.g. `older_people`.
    public let code: String
    /// The point of Art. 14(2), e.g. „т. 6".
    public let article: String
    /// The Bulgarian name as the Act words it.
    public let nameBG: String

    public init(code: String, article: String, nameBG: String) {
        self.code = code
        self.article = article
        self.nameBG = nameBG
    }

    /// The seven groups, in the Act's order.
    public static let all: [LawTargetGroup] = LawTargetGroupTable.groups

    /// The Act's reference for the list.
    public static let legalReference: String = LawTargetGroupTable.legalReference

    /// karta's target-group codes onto the Act's group codes (see `mappings/target-groups.yml`).
    public static let kartaGroups: [String: String] = LawTargetGroupTable.kartaGroups

    /// The group with this code.
    public static func named(_ code: String) -> LawTargetGroup? { all.first { $0.code == code } }

    /// karta's target groups that map onto this one, in catalogue order.
    public var kartaGroups: [TargetGroup] {
        TargetGroup.catalogue.filter { Self.kartaGroups[$0.code] == code }
    }

    enum CodingKeys: String, CodingKey {
        case code, article
        case nameBG = "name_bg"
    }
}

extension TargetGroup {
    /// The group of ЗСУ Art. 14(2) this target group belongs to; nil for `everyone` (generally
    /// accessible services), `unspecified` and groups a mapping file adds without a law group.
    public var lawGroup: LawTargetGroup? {
        LawTargetGroup.kartaGroups[code].flatMap(LawTargetGroup.named)
    }
}
