import KartaModel
import KartaStore

/// How municipal registers and АСП exports compare: the same services described twice.
///
/// The rule: the municipal side is the register records that the state may fund — financing
/// `state_delegated` or `unknown` (local and project services are not in the agency's data);
/// the agency side is every АСП export record. Both sides are compared twice:
/// - per municipality × primary kind × target group (``cells``), on the sum of capacity;
/// - per service (``services``), where records carry a `service_id` (compared exactly, as
///   stored): an identifier on both sides
///   of a municipality is a pair; an identifier on one side only is reported only when the other
///   side of that municipality carries identifiers at all (otherwise nothing could match it).
public struct ReconciliationReport: Sendable, Codable, Hashable {
    public var rule: String
    public var cellCounts: ReconciliationCounts
    public var serviceCounts: ReconciliationCounts
    /// Ordered by municipality code, kind (``ServiceKind`` order), target group code.
    public var cells: [ReconciliationCell]
    /// Ordered by municipality code, service id.
    public var services: [ServiceReconciliation]

    public static let ruleText = """
        municipal side: municipal-register records financed state_delegated or unknown; \
        agency side: asp-export records; compared per municipality × primary kind × target group \
        on capacity (a side without a target group meets the other side's only target group of \
        the same kind), and per service_id within a municipality
        """

    enum CodingKeys: String, CodingKey {
        case rule
        case cellCounts = "cell_counts"
        case serviceCounts = "service_counts"
        case cells
        case services
    }
}

/// The outcome of comparing one cell or one service.
public enum ReconciliationStatus: String, Sendable, Codable, CaseIterable, Hashable {
    /// Both sides, same capacity.
    case match
    /// Both sides, different capacity.
    case capacityDifference = "capacity_difference"
    case onlyMunicipal = "only_municipal"
    case onlyAgency = "only_agency"

    static func of(municipal: Int?, agency: Int?) -> ReconciliationStatus {
        switch (municipal, agency) {
        case (let m?, let a?): m == a ? .match : .capacityDifference
        case (_?, nil): .onlyMunicipal
        default: .onlyAgency
        }
    }
}

/// How many cells or services ended in each status.
public struct ReconciliationCounts: Sendable, Codable, Hashable {
    public var match = 0
    public var capacityDifference = 0
    public var onlyMunicipal = 0
    public var onlyAgency = 0

    mutating func count(_ status: ReconciliationStatus) {
        switch status {
        case .match: match += 1
        case .capacityDifference: capacityDifference += 1
        case .onlyMunicipal: onlyMunicipal += 1
        case .onlyAgency: onlyAgency += 1
        }
    }

    /// The statuses' names (``ReconciliationStatus`` raw values).
    enum CodingKeys: String, CodingKey {
        case match
        case capacityDifference = "capacity_difference"
        case onlyMunicipal = "only_municipal"
        case onlyAgency = "only_agency"
    }
}

/// One side of a comparison: how many records, their capacity, which records.
public struct ReconciliationSide: Sendable, Codable, Hashable {
    public var records: Int
    public var capacity: Int
    /// Store ids, ascending.
    public var recordIDs: [Int64]

    enum CodingKeys: String, CodingKey {
        case records
        case capacity
        case recordIDs = "record_ids"
    }
}

extension ReconciliationSide {
    func merged(with other: ReconciliationSide?) -> ReconciliationSide {
        guard let other else { return self }
        return ReconciliationSide(
            records: records + other.records, capacity: capacity + other.capacity,
            recordIDs: (recordIDs + other.recordIDs).sorted())
    }
}

/// Municipal and agency figures for one municipality × kind × target group.
public struct ReconciliationCell: Sendable, Codable, Hashable {
    public var municipalityCode: String
    public var kind: ServiceKind
    public var targetGroup: TargetGroup
    public var status: ReconciliationStatus
    public var municipal: ReconciliationSide?
    public var agency: ReconciliationSide?
    /// Municipal capacity minus agency capacity (a missing side counts 0).
    public var capacityDifference: Int
    /// One side had no (or an unknown) target group and was matched to the other side's one
    /// target group of the same kind (the matching rule of `docs/aggregation.md`).
    public var targetGroupMatched: Bool

    enum CodingKeys: String, CodingKey {
        case municipalityCode = "municipality_code"
        case kind
        case targetGroup = "target_group"
        case status
        case municipal
        case agency
        case capacityDifference = "capacity_difference"
        case targetGroupMatched = "target_group_matched"
    }
}

extension ReconciliationCell {
    /// Reads a cell of a draft; drafts written before `targetGroupMatched` existed read false.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        municipalityCode = try container.decode(String.self, forKey: .municipalityCode)
        kind = try container.decode(ServiceKind.self, forKey: .kind)
        targetGroup = try container.decode(TargetGroup.self, forKey: .targetGroup)
        status = try container.decode(ReconciliationStatus.self, forKey: .status)
        municipal = try container.decodeIfPresent(ReconciliationSide.self, forKey: .municipal)
        agency = try container.decodeIfPresent(ReconciliationSide.self, forKey: .agency)
        capacityDifference = try container.decode(Int.self, forKey: .capacityDifference)
        targetGroupMatched = try container.decodeIfPresent(Bool.self, forKey: .targetGroupMatched) ?? false
    }
}

/// Municipal and agency records that carry the same service identifier in one municipality.
public struct ServiceReconciliation: Sendable, Codable, Hashable {
    public var municipalityCode: String
    public var serviceID: String
    public var status: ReconciliationStatus
    public var municipal: ReconciliationSide?
    public var agency: ReconciliationSide?
    public var capacityDifference: Int
    /// Whether both sides give the same primary kind and target group (true for one-side entries).
    public var classificationAgrees: Bool

    enum CodingKeys: String, CodingKey {
        case municipalityCode = "municipality_code"
        case serviceID = "service_id"
        case status
        case municipal
        case agency
        case capacityDifference = "capacity_difference"
        case classificationAgrees = "classification_agrees"
    }
}

/// Computes the ``ReconciliationReport`` from the store's sums of the two sides
/// (``ReconciliationSideRule``).
enum Reconciler {
    /// Without lineage (the draft `karta run` publishes) the sides carry no record ids.
    static func reconcile(_ store: any StoreReading, includeLineage: Bool = true) throws -> ReconciliationReport {
        let cells = try reconcileCells(store, includeLineage: includeLineage)
        let services = try reconcileServices(store, includeLineage: includeLineage)
        var cellCounts = ReconciliationCounts()
        for cell in cells { cellCounts.count(cell.status) }
        var serviceCounts = ReconciliationCounts()
        for service in services { serviceCounts.count(service.status) }
        return ReconciliationReport(
            rule: ReconciliationReport.ruleText, cellCounts: cellCounts, serviceCounts: serviceCounts,
            cells: cells, services: services)
    }

    private struct CellSide {
        var municipal: ReconciliationSide?
        var agency: ReconciliationSide?
    }

    private static func reconcileCells(_ store: any StoreReading, includeLineage: Bool) throws
        -> [ReconciliationCell]
    {
        var sides: [CellKey: CellSide] = [:]
        for row in try store.reconciliationGroups(includeLineage: includeLineage) {
            guard let kind = ServiceKind(key: row.kindKey) else {
                throw AggregationError.unknownKindInStore(key: row.kindKey, municipality: row.municipalityCode)
            }
            let group =
                TargetGroup.catalogue.first { $0.code == row.targetGroupCode }
                ?? TargetGroup(code: row.targetGroupCode, nameBG: row.targetGroupName ?? row.targetGroupCode)
            let side = ReconciliationSide(records: row.records, capacity: row.capacity, recordIDs: row.recordIDs)
            let key = CellKey(areaCode: row.municipalityCode, kind: kind, targetGroup: group)
            // Groups are per planning level too (the order of the rollup index); merge them.
            if row.isAgency {
                sides[key, default: CellSide()].agency = side.merged(with: sides[key]?.agency)
            } else {
                sides[key, default: CellSide()].municipal = side.merged(with: sides[key]?.municipal)
            }
        }
        let matched = matchTargetGroups(&sides)
        return sides.sorted { $0.key < $1.key }.map { key, side in
            ReconciliationCell(
                municipalityCode: key.areaCode, kind: key.kind, targetGroup: key.targetGroup,
                status: .of(municipal: side.municipal?.capacity, agency: side.agency?.capacity),
                municipal: side.municipal, agency: side.agency,
                capacityDifference: (side.municipal?.capacity ?? 0) - (side.agency?.capacity ?? 0),
                targetGroupMatched: matched.contains(key))
        }
    }

    /// The matching rule of the draft (``TargetGroupMatching``) applied to the two sides: in one
    /// municipality × kind, a side without a target group whose other side is missing meets the
    /// one target group that has only the other side. Returns the keys that received a match.
    private static func matchTargetGroups(_ sides: inout [CellKey: CellSide]) -> Set<CellKey> {
        var matched: Set<CellKey> = []
        let blanks = sides.keys.filter { $0.targetGroup.code == TargetGroup.unspecified.code }.sorted()
        for blank in blanks {
            guard let side = sides[blank], (side.municipal == nil) != (side.agency == nil) else { continue }
            let blankIsAgency = side.agency != nil
            let candidates = sides.filter { key, other in
                key.areaCode == blank.areaCode && key.kind == blank.kind && key != blank
                    && (blankIsAgency
                        ? other.municipal != nil && other.agency == nil
                        : other.agency != nil && other.municipal == nil)
            }.map(\.key)
            guard candidates.count == 1, let target = candidates.first else { continue }
            if blankIsAgency {
                sides[target]?.agency = side.agency
            } else {
                sides[target]?.municipal = side.municipal
            }
            sides[blank] = nil
            matched.insert(target)
        }
        return matched
    }

    /// One service's two sides while the ordered rows of its municipality and id are read.
    private struct ServiceSides {
        var municipality: String
        var serviceID: String
        var municipal: ReconciliationSide?
        var agency: ReconciliationSide?
        var municipalClass: Set<String> = []
        var agencyClass: Set<String> = []

        var reconciliation: ServiceReconciliation {
            ServiceReconciliation(
                municipalityCode: municipality, serviceID: serviceID,
                status: .of(municipal: municipal?.capacity, agency: agency?.capacity),
                municipal: municipal, agency: agency,
                capacityDifference: (municipal?.capacity ?? 0) - (agency?.capacity ?? 0),
                classificationAgrees: municipal == nil || agency == nil || municipalClass == agencyClass)
        }
    }

    /// Reads the services in (municipality, service id) order from the store and pairs the two
    /// sides of each as they pass: memory holds the result, not a table of every service.
    private static func reconcileServices(_ store: any StoreReading, includeLineage: Bool) throws
        -> [ServiceReconciliation]
    {
        var services: [ServiceReconciliation] = []
        // One municipality's services at a time (rows come ordered by municipality): an id on one
        // side only is kept only when the other side of that municipality carries ids at all.
        var municipalityServices: [ServiceReconciliation] = []
        var municipalityHas = (municipal: false, agency: false)
        func finishMunicipality() {
            services += municipalityServices.filter {
                ($0.agency != nil || municipalityHas.agency)
                    && ($0.municipal != nil || municipalityHas.municipal)
            }
            municipalityServices.removeAll(keepingCapacity: true)
            municipalityHas = (false, false)
        }
        var current: ServiceSides?
        try store.forEachReconciliationService(includeLineage: includeLineage) { row in
            let municipality = row.municipalityCode
            let serviceID = row.serviceID
            let isAgency = row.isAgency
            let side = ReconciliationSide(records: row.records, capacity: row.capacity, recordIDs: row.recordIDs)
            let classes = row.classifications
            if current?.municipality != municipality || current?.serviceID != serviceID {
                if let finished = current {
                    municipalityServices.append(finished.reconciliation)
                    if finished.municipality != municipality { finishMunicipality() }
                }
                current = ServiceSides(municipality: municipality, serviceID: serviceID)
            }
            if isAgency {
                municipalityHas.agency = true
                current?.agency = side
                current?.agencyClass = classes
            } else {
                municipalityHas.municipal = true
                current?.municipal = side
                current?.municipalClass = classes
            }
        }
        if let finished = current { municipalityServices.append(finished.reconciliation) }
        finishMunicipality()
        // The store orders by UTF-8 bytes; Swift's order differs only for text not in NFC.
        let inOrder = zip(services, services.dropFirst()).allSatisfy {
            ($0.municipalityCode, $0.serviceID) < ($1.municipalityCode, $1.serviceID)
        }
        if !inOrder {
            services.sort { ($0.municipalityCode, $0.serviceID) < ($1.municipalityCode, $1.serviceID) }
        }
        return services
    }
}
