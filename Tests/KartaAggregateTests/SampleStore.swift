import KartaModel

/// A small, hand-checked store: two districts, four municipalities (one without services), a
/// district-level service, proposals, АСП exports and rejects.
///
/// Registers (counted):
/// - SZR31 Стара Загора: residential/elderly 15 (14 users) + 40 (38), ЦОП information|therapy /
///   families 30 (25), assistant support / elderly 100 (90, local).
/// - SZR12 Казанлък: day care / children with disabilities 20 (20); residential / adults with
///   disabilities 14 (12) planned at DISTRICT level.
/// - JAM26 Ямбол: shelter / in crisis 10 (6).
/// - SZR23 Опан: nothing.
///
/// Municipal: SZR31 4 records, 185 places, 167 users; SZR12 1, 20, 20; JAM26 1, 10, 6.
/// District: SZR 6 records (incl. the district-level one), 219 places, 199 users; JAM 1, 10, 6.
/// National: 7 records, 229 places, 205 users.
struct SampleStore {
    let builder: StoreBuilder
    var ids: [String: Int64] = [:]

    init() throws {
        builder = try StoreBuilder()
        let szr = try builder.source("registers/stara-zagora.csv")
        ids["cnst"] = try builder.record(
            source: szr, municipality: "SZR31", kinds: [.residentialCare], name: "ЦНСТ за възрастни",
            capacity: 15,
            users: 14, serviceID: "S-1", line: 5)
        ids["dom"] = try builder.record(
            source: szr, municipality: "SZR31", kinds: [.residentialCare], name: "Дом за стари хора",
            capacity: 40,
            users: 38, serviceID: "S-2", line: 6)
        ids["cop"] = try builder.record(
            source: szr, municipality: "SZR31",
            kinds: [.informationAndConsultation, .therapyAndRehabilitation],
            group: .families, name: "ЦОП", capacity: 30, users: 25, serviceID: "S-3", line: 7)
        ids["assist"] = try builder.record(
            source: szr, municipality: "SZR31", kinds: [.assistantSupport], name: "Асистентска подкрепа",
            capacity: 100, users: 90, financing: .local, line: 8)
        try builder.reject(source: szr, reason: .unknownService, line: 9)
        try builder.reject(source: szr, reason: .unknownService, line: 10)
        try builder.reject(source: szr, reason: .malformed, line: 11)

        let kaz = try builder.source("registers/kazanlak.csv")
        ids["dc"] = try builder.record(
            source: kaz, municipality: "SZR12", kinds: [.dayCare], group: .childrenWithDisabilities,
            name: "Дневен център за деца с увреждания", capacity: 20, users: 20, line: 4)
        ids["districtCnst"] = try builder.record(
            source: kaz, municipality: "SZR12", kinds: [.residentialCare], group: .adultsWithDisabilities,
            name: "ЦНСТ за пълнолетни лица с увреждания", capacity: 14, users: 12, level: .district, line: 5)

        let jam = try builder.source("registers/yambol.csv")
        ids["crisis"] = try builder.record(
            source: jam, municipality: "JAM26", kinds: [.shelter], group: .peopleInCrisis,
            name: "Кризисен център",
            capacity: 10, users: 6, line: 3)

        let proposal = try builder.source("proposals/stara-zagora.csv", kind: .proposal)
        ids["proposalResidential"] = try builder.record(
            source: proposal, municipality: "SZR31", kinds: [.residentialCare], name: "ЦНСТ и Дом",
            capacity: 60,
            line: 3)
        ids["proposalDayCare"] = try builder.record(
            source: proposal, municipality: "SZR31", kinds: [.dayCare], name: "Дневен център за стари хора",
            capacity: 25, line: 4)

        let asp = try builder.source("asp/asp-2025.csv", kind: .aspExport)
        ids["aspCnst"] = try builder.record(
            source: asp, municipality: "SZR31", kinds: [.residentialCare], capacity: 15, serviceID: "S-1",
            line: 2)
        ids["aspDom"] = try builder.record(
            source: asp, municipality: "SZR31", kinds: [.residentialCare], capacity: 40, serviceID: "S-2",
            line: 3)
        ids["aspCop"] = try builder.record(
            source: asp, municipality: "SZR31", kinds: [.informationAndConsultation], group: .families,
            capacity: 25,
            serviceID: "S-3", line: 4)
        ids["aspTherapy"] = try builder.record(
            source: asp, municipality: "SZR31", kinds: [.therapyAndRehabilitation], group: .children,
            capacity: 5,
            serviceID: "S-9", line: 5)
        ids["aspYambol"] = try builder.record(
            source: asp, municipality: "JAM26", kinds: [.residentialCare], capacity: 12, line: 6)
        try builder.finish()
    }

    func id(_ name: String) -> Int64 { ids[name] ?? -1 }
}
