/// A stored record, reduced to what lineage needs: what the store's lineage query returns and
/// `karta explain` shows.
public struct RecordLineage: Sendable, Codable, Hashable {
    public var id: Int64
    public var sourcePath: String
    public var sourceSHA256: String
    public var line: Int
    public var byteOffset: Int64
    public var serviceName: String
    public var serviceID: String?
    public var municipalityCode: String
    public var sourceKind: String
    public var planningLevel: String
    public var financing: String
    public var capacity: Int?
    public var users: Int?

    public init(
        id: Int64, sourcePath: String, sourceSHA256: String, line: Int, byteOffset: Int64, serviceName: String,
        serviceID: String?, municipalityCode: String, sourceKind: String, planningLevel: String, financing: String,
        capacity: Int?, users: Int?
    ) {
        self.id = id
        self.sourcePath = sourcePath
        self.sourceSHA256 = sourceSHA256
        self.line = line
        self.byteOffset = byteOffset
        self.serviceName = serviceName
        self.serviceID = serviceID
        self.municipalityCode = municipalityCode
        self.sourceKind = sourceKind
        self.planningLevel = planningLevel
        self.financing = financing
        self.capacity = capacity
        self.users = users
    }

    enum CodingKeys: String, CodingKey {
        case id
        case sourcePath = "source_path"
        case sourceSHA256 = "source_sha256"
        case line
        case byteOffset = "byte_offset"
        case serviceName = "service_name"
        case serviceID = "service_id"
        case municipalityCode = "municipality_code"
        case sourceKind = "source_kind"
        case planningLevel = "planning_level"
        case financing
        case capacity
        case users
    }
}
