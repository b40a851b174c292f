import KartaModel
import Testing

@testable import KartaAggregate
@testable import KartaEmit

@Suite("karta aggregate --format csv")
struct AggregateCSVTests {
    func area(name: String, perThousand: Double?) -> AreaSummary {
        AreaSummary(
            level: .district, code: "SZR", name: name, districtCode: nil, population: 296_507, records: 5,
            capacity: 119, users: 109, stateDelegatedCapacity: 119, maximumUsers: 119,
            placesPerThousandInhabitants: perThousand,
            capacityByKind: [KindCapacity(kind: ServiceKind.allCases[1], records: 2, capacity: 30)],
            districtLevelRecords: 0, unknownCapacityServices: 1, submittedRecords: 5, hosted: nil)
    }

    func lines(_ summaries: [AreaSummary]) -> [String] {
        String(decoding: AggregateCSV.encoded(summaries), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test("a header of English keys, one capacity column per kind, LF line ends, no BOM")
    func layout() {
        let bytes = AggregateCSV.encoded([area(name: "Стара Загора", perThousand: 0.4)])
        #expect(bytes.first == UInt8(ascii: "l"))
        #expect(!bytes.contains(13))
        let lines = lines([area(name: "Стара Загора", perThousand: 0.4)])
        #expect(lines.count == 3 && lines[2].isEmpty)
        // 9 area columns, one per kind, unknown capacity, then the five register columns
        #expect(lines[0].split(separator: ",").count == 15 + ServiceKind.allCases.count)
        #expect(lines[0].hasSuffix(",unknown_capacity_services,state_funding_bgn,municipal_funding_bgn,"
            + "mixed_financing_services,waiting_list,services_without_users_three_months"))
        #expect(lines[0].hasPrefix("level,code,name,population,records,capacity,users,state_delegated_capacity,"))
        let kinds = ServiceKind.allCases.indices.map { $0 == 1 ? "30" : "0" }.joined(separator: ",")
        #expect(lines[1] == "district,SZR,Стара Загора,296507,5,119,109,119,0.4,\(kinds),1,0.00,0.00,0,0,0")
    }

    @Test("names with a comma, a quote or a line break are quoted the RFC 4180 way; no ratio is empty")
    func quoting() {
        let lines = lines([area(name: "Стара \"Загора\", юг\nи север", perThousand: nil)])
        #expect(lines[1].hasPrefix("district,SZR,\"Стара \"\"Загора\"\", юг"))
        #expect(lines[2].hasPrefix("и север\",296507,5,119,109,119,,"))
    }

    @Test("a formula-looking name stays as written: this CSV is for machines, not Excel")
    func noNeutralisation() {
        #expect(lines([area(name: "=1+1", perThousand: 12)])[1].hasPrefix("district,SZR,=1+1,296507,5,119,109,119,12.0,"))
    }
}
