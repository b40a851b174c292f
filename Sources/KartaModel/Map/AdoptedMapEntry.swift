/// One line of the adopted Map (Национална карта на социалните услуги, РМС № 574/2024 or a later
/// update): the maximum number of users the state funds for a kind and target group in an area.
///
/// A municipal-level line names its municipality; a district-level line names its district and,
/// where the Map gives it, the municipality that hosts the service.
public struct AdoptedMapEntry: Sendable, Hashable, Codable {
    public var level: PlanningLevel
    /// The municipality (`SZR31`); nil for a district-level line that names its district alone.
    public var municipalityCode: String?
    /// The district (`SZR`) of the line.
    public var districtCode: String
    public var kind: ServiceKind
    public var targetGroup: TargetGroup
    /// The Map's maximum number of users; nil when the line leaves it blank.
    public var maximumUsers: Int?
    /// The service as written in the Map.
    public var serviceName: String
    /// Where the line is in its file.
    public var sourcePath: String
    public var line: Int

    public init(
        level: PlanningLevel, municipalityCode: String?, districtCode: String, kind: ServiceKind,
        targetGroup: TargetGroup, maximumUsers: Int?, serviceName: String, sourcePath: String, line: Int
    ) {
        self.level = level
        self.municipalityCode = municipalityCode
        self.districtCode = districtCode
        self.kind = kind
        self.targetGroup = targetGroup
        self.maximumUsers = maximumUsers
        self.serviceName = serviceName
        self.sourcePath = sourcePath
        self.line = line
    }

    /// The area of the draft cell the line belongs to: the municipality for a municipal-level
    /// line, the district for a district-level one (as the draft plans district-level services).
    public var areaCode: String {
        level == .district ? districtCode : (municipalityCode ?? districtCode)
    }
}
