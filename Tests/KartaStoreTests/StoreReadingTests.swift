import Foundation
import KartaModel
import Testing

@testable import KartaStore

/// The typed queries of ``StoreReading`` on a store loaded through ``Store/load(source:_:)``.
@Suite("Store: typed queries", .serialized)
struct StoreReadingTests {
    /// A register of Чирпан (two ЦОП, one without capacity, one district-level), an АСП export
    /// with a service id that matches the register's, and a reject.
    static func loaded() throws -> TemporaryStore {
        let temporary = try TemporaryStore()
        try temporary.store.load(source: sourceInfo(sha: "h1")) { writer in
            var withID = sampleRecord(line: 4)
            withID.serviceID = "S-1"
            try writer.add(withID)
            var unknown = sampleRecord(line: 5)
            unknown.capacity = nil
            unknown.financing = .local
            try writer.add(unknown)
            var district = sampleRecord(line: 6, capacity: 12)
            district.planningLevel = .district
            district.scope = .district
            try writer.add(district)
            try writer.add(sampleReject(line: 7))
            return SourceCompletion(rowsRead: 4)
        }
        var asp = sourceInfo(sha: "h2", path: "/data/asp.xml")
        asp.kind = .aspExport
        try temporary.store.load(source: asp) { writer in
            var record = sampleRecord(line: 3, capacity: 15, path: "/data/asp.xml")
            record.sourceKind = .aspExport
            record.serviceID = "S-1"
            try writer.add(record)
            return SourceCompletion(rowsRead: 1)
        }
        return temporary
    }

    @Test("group totals sum capacity, users and state-delegated capacity, count unknown capacity")
    func groupTotals() throws {
        let temporary = try Self.loaded()
        defer { temporary.remove() }
        let groups = try temporary.store.groupTotals(of: .all, includeLineage: true)
        let register = try #require(
            groups.first { $0.sourceKind == "municipal-register" && $0.planningLevel == "municipal" })
        #expect(register.records == 2 && register.capacity == 20 && register.users == 36)
        #expect(register.stateDelegatedCapacity == 20 && register.unknownCapacity == 1)
        #expect(register.kindKey == "information_consultation" && register.targetGroupCode == "children")
        #expect(register.recordIDs.count == 2 && register.recordIDs == register.recordIDs.sorted())
        #expect(groups.count == 3)
        let aspOnly = try temporary.store.groupTotals(
            of: RecordSelection(municipalityCode: "SZR36", kindKey: "no_such_kind"), includeLineage: false)
        #expect(aspOnly.isEmpty)
        let withoutLineage = try temporary.store.groupTotals(of: RecordSelection(districtCode: "SZR"), includeLineage: false)
        #expect(withoutLineage.count == 3 && withoutLineage.allSatisfy { $0.recordIDs.isEmpty })
        #expect(try temporary.store.recordCount() == 4)
    }

    @Test("reconciliation keeps state-funded register records and every АСП record, by service id")
    func reconciliation() throws {
        let temporary = try Self.loaded()
        defer { temporary.remove() }
        let groups = try temporary.store.reconciliationGroups(includeLineage: false)
        // The local record is not on the municipal side.
        #expect(groups.filter { !$0.isAgency }.map(\.records).reduce(0, +) == 2)
        #expect(groups.filter(\.isAgency).map(\.capacity) == [15])
        var services: [ReconciliationServiceRow] = []
        try temporary.store.forEachReconciliationService(includeLineage: true) { services.append($0) }
        #expect(services.map(\.isAgency) == [false, true])
        #expect(services.map(\.capacity) == [20, 15])
        #expect(services.allSatisfy { $0.serviceID == "S-1" && $0.recordIDs.count == 1 })
        #expect(services[0].classifications == ["information_consultation/children"])
    }

    @Test("the export hands every record in id order with borrowed text; lineage finds the wanted ids")
    func exportAndLineage() throws {
        let temporary = try Self.loaded()
        defer { temporary.remove() }
        var ids: [Int64] = []
        var names: [String] = []
        let count = try temporary.store.forEachExportRecord { row in
            if case .integer(let id) = row[.id] { ids.append(id) }
            if case .text(let bytes) = row[.serviceName] { names.append(String(decoding: bytes, as: UTF8.self)) }
            if case .null = row[.capacity] { names.append("no capacity") }
        }
        #expect(count == 4 && ids == ids.sorted() && ids.count == 4)
        #expect(names.filter { $0 == "ЦОП Чирпан" }.count == 4 && names.contains("no capacity"))
        let lineage = try temporary.store.recordLineage(
            of: RecordSelection(municipalityCode: "SZR36"), ids: [ids[0], ids[3], 999])
        #expect(Set(lineage.map(\.id)) == [ids[0], ids[3]])
        #expect(lineage.allSatisfy { $0.sourceSHA256.hasPrefix("h") && $0.line > 0 })
    }

    @Test("district services, rejects by source and the municipalities of rejecting sources")
    func districtServicesAndRejects() throws {
        let temporary = try Self.loaded()
        defer { temporary.remove() }
        let services = try temporary.store.districtLevelServices()
        #expect(services.count == 1 && services[0].sourceKind == .municipalRegister)
        #expect(services[0].service.capacity == 12 && services[0].service.serves.isEmpty)
        #expect(try temporary.store.municipalitiesWithRegister() == ["SZR36"])
        #expect(try temporary.store.municipalitiesOfSourcesWithRejects() == ["/data/a.csv": ["SZR36"]])
        var rejects: [StoredReject] = []
        try temporary.store.forEachReject { rejects.append($0) }
        #expect(rejects == (try temporary.store.rejects()))
        #expect(rejects.map(\.line) == [7])
    }

    @Test("a consistent read sees one snapshot while another connection commits")
    func consistentRead() throws {
        let temporary = try Self.loaded()
        defer { temporary.remove() }
        let other = try Store(path: temporary.store.path)
        let (before, after) = try temporary.store.consistentRead {
            let before = try temporary.store.recordCount()
            _ = try other.removeSources(paths: ["/data/asp.xml"])
            return (before, try temporary.store.recordCount())
        }
        #expect(before == 4 && after == 4)
        #expect(try temporary.store.recordCount() == 3)
    }

    @Test("group ids from group_concat come back ascending")
    func groupConcat() {
        #expect(GroupConcat.ids("12,3,7") == [3, 7, 12])
        #expect(GroupConcat.ids("") == [])
    }
}
