import KartaModel
import Testing

@testable import KartaNormalize

/// A register header as municipalities write it.
let registerHeader = [
    "Област", "Община", "Вид на услугата", "Наименование на услугата", "Капацитет", "Заети места",
    "Финансиране", "Доставчик", "Дата",
]

/// Builds rows and runs them through a normalizer, the way `SourceIngestion` does.
struct NormalizerHarness {
    let normalizer: Normalizer
    var line = 2

    init(
        header: [String] = registerHeader, format: SourceFormat = .csv, kind: SourceKind = .municipalRegister,
        period: ClosedRange<String>? = nil
    ) throws {
        normalizer = Normalizer(
            mapping: try ColumnMapping.standard(), dictionary: try ServiceDictionary.standard(),
            options: NormalizeOptions(
                sourceKind: kind, sourcePath: "/data/register.csv", sourceSHA256: "abc", runID: "run-1",
                reportingPeriod: period))
        try normalizer.begin(
            description: RawSourceDescription(
                path: "/data/register.csv", format: format, encoding: "UTF-8", delimiter: ";", headerLine: 1,
                header: header))
    }

    mutating func run(_ fields: [String]) -> NormalizedRow {
        defer { line += 1 }
        return normalizer.normalize(
            RawRow(
                fields: fields,
                position: SourcePosition(line: line, byteOffset: Int64(line * 100), recordIndex: line - 2),
                rawText: fields.joined(separator: ";")))
    }
}

extension NormalizedRow {
    var record: ServiceRecord? {
        if case .record(let record) = self { return record }
        return nil
    }
    var rejectValue: Reject? {
        if case .reject(let reject) = self { return reject }
        return nil
    }
}

@Suite("Normalizer: rows to records")
struct NormalizerRecordTests {
    @Test("a register row becomes a record with codes, kinds, numbers, date and provenance")
    func fullRow() throws {
        var harness = try NormalizerHarness()
        let record = try #require(
            harness.run([
                "Стара Загора", "Казанлък", "Център за настаняване от семеен тип за деца без увреждания",
                "ЦНСТ „Слънце\"", "1 200", "13,0", "държавно делегирана дейност", "Община Казанлък",
                "31.12.2025 г.",
            ]).record)
        #expect(record.municipalityCode == "SZR12")
        #expect(record.districtCode == "SZR")
        #expect(record.kinds == [.residentialCare])
        #expect(record.targetGroup == .children)
        #expect(record.serviceName == "ЦНСТ „Слънце\"")
        #expect(record.capacity == 1200)
        #expect(record.users == 13)
        #expect(record.warnings.isEmpty, "13,0 is a whole number: no warning")
        #expect(record.financing == .stateDelegated)
        #expect(record.provider == "Община Казанлък")
        #expect(record.reportingDate == "2025-12-31")
        #expect(record.planningLevel == .district)
        #expect(record.provenance.position.line == 2)
        #expect(record.provenance.sourceSHA256 == "abc")
        #expect(record.provenance.runID == "run-1")
    }

    @Test(
        "financing words",
        arguments: [
            ("държавно делегирана", Financing.stateDelegated), ("ДДД", .stateDelegated),
            ("Местна дейност", .local),
            ("по проект BG05M9OP001", .project), ("", .unknown), ("дарение", .unknown),
        ])
    func financing(text: String, expected: Financing) throws {
        var harness = try NormalizerHarness()
        let record = try #require(harness.run(["", "Чирпан", "ЦОП", "", "20", "", text, "", ""]).record)
        #expect(record.financing == expected)
    }

    @Test("missing values: empty, „-\" and „н/д\" are not given")
    func missingValues() throws {
        var harness = try NormalizerHarness()
        for missing in ["", "-", "н/д", " Н/Д "] {
            let record = try #require(
                harness.run(["", "Чирпан", "ЦОП", "", "20", missing, missing, missing, missing]).record)
            #expect(record.users == nil)
            #expect(record.provider == nil)
            #expect(record.reportingDate == nil)
            #expect(record.financing == .unknown)
        }
    }

    @Test("users above capacity is a warning on the record, not a reject")
    func usersAboveCapacity() throws {
        var harness = try NormalizerHarness()
        let record = try #require(harness.run(["", "Чирпан", "ЦОП", "", "20", "25", "", "", ""]).record)
        #expect(record.warnings == [.usersAboveCapacity(users: 25, capacity: 20)])
    }

    @Test("Бяла resolves with its district, by name or code, and the service name falls back to the kind")
    func ambiguousNameWithDistrict() throws {
        var harness = try NormalizerHarness()
        #expect(
            harness.run(["Русе", "Бяла", "Дневен център за стари хора", "", "30", "", "", "", ""]).record?
                .municipalityCode == "RSE04")
        #expect(
            harness.run(["VAR", "общ. Бяла", "Дневен център за стари хора", "", "30", "", "", "", ""]).record?
                .municipalityCode == "VAR05")
        let record = try #require(
            harness.run(["", "SZR31", "Дневен център за стари хора", "", "30", "", "", "", ""]).record)
        #expect(record.serviceName == "Дневен център за стари хора")
        #expect(record.targetGroup == .elderly)
    }

    @Test("a proposal's number is the proposed maximum of users, stored as capacity; users stay nil")
    func proposalConvention() throws {
        var harness = try NormalizerHarness(
            header: ["Община", "Услуга", "Максимален брой потребители", "Брой потребители"], kind: .proposal)
        let record = try #require(harness.run(["Стара Загора", "Асистентска подкрепа", "150", "90"]).record)
        #expect(record.capacity == 150)
        #expect(record.users == nil)
        #expect(record.sourceKind == .proposal)
        var plain = try NormalizerHarness(header: ["Община", "Услуга", "Капацитет"], kind: .proposal)
        #expect(plain.run(["Чирпан", "ЦОП", "40"]).record?.capacity == 40)
    }

    @Test("XML fields: attributes of the record and codes of ancestor elements")
    func xmlPaths() throws {
        var harness = try NormalizerHarness(
            header: [
                "../../../@дата", "@ид", "@вид", "@капацитет", "@потребители", "@финансиране", "../@код",
                "../@име", "../../@код",
            ],
            format: .xml, kind: .aspExport)
        let record = try #require(
            harness.run([
                "31.12.2025", "S-17", "Дневен център за деца с увреждания", "25", "20", "държавно делегирана",
                "SZR31", "Стара Загора", "SZR",
            ]).record)
        #expect(record.reportingDate == "2025-12-31")
        #expect(record.municipalityCode == "SZR31")
        #expect(record.serviceID == "S-17")
        #expect(record.kinds == [.dayCare])
        #expect(record.targetGroup == .childrenWithDisabilities)
        #expect(record.capacity == 25 && record.users == 20)
    }

    @Test("XML fields named by ancestor element: Община/Municipality and Област/District")
    func xmlNamedAncestors() throws {
        var harness = try NormalizerHarness(
            header: ["kind", "capacity", "Municipality/@name", "District/@code"], format: .xml,
            kind: .aspExport)
        let record = try #require(harness.run(["Приют", "12", "Byala", "RSE"]).record)
        #expect(record.municipalityCode == "RSE04")
        #expect(record.kinds == [.shelter])
    }
}

@Suite("Normalizer: rejects, non-data and personal data")
struct NormalizerRejectTests {
    func reason(_ fields: [String], period: ClosedRange<String>? = nil) throws -> RejectReason? {
        var harness = try NormalizerHarness(period: period)
        return harness.run(fields).rejectValue?.reason
    }

    @Test("every reason code the normalizer gives")
    func reasons() throws {
        #expect(try reason(["", "", "ЦОП", "", "20", "", "", "", ""]) == .missingField)
        #expect(try reason(["", "Чирпан", "", "", "20", "", "", "", ""]) == .missingField)
        #expect(try reason(["", "Чирпан", "ЦОП", "", "12,5", "", "", "", ""]) == .malformed)
        #expect(try reason(["", "Чирпан", "ЦОП", "", "двадесет", "", "", "", ""]) == .malformed)
        #expect(try reason(["", "Чирпан", "ЦОП", "", "20", "", "", "", "32.12.2025"]) == .malformed)
        #expect(try reason(["", "Чирпан", "ЦОП", "", "-5", "", "", "", ""]) == .negativeCapacity)
        #expect(try reason(["", "Стра Загора", "ЦОП", "", "20", "", "", "", ""]) == .unknownMunicipality)
        #expect(try reason(["", "Бяла", "ЦОП", "", "20", "", "", "", ""]) == .ambiguousMunicipality)
        #expect(try reason(["Стара Загора", "Бяла", "ЦОП", "", "20", "", "", "", ""]) == .districtMismatch)
        #expect(try reason(["Варна", "Казанлък", "ЦОП", "", "20", "", "", "", ""]) == .districtMismatch)
        #expect(
            try reason(["", "Чирпан", "Клуб на пенсионера", "", "20", "", "", "", ""]) == .unknownService)
        #expect(
            try reason(
                ["", "Чирпан", "ЦОП", "", "20", "", "", "", "31.12.2024"], period: "2025-01-01"..."2025-12-31"
            )
                == .outsidePeriod)
    }

    @Test("an unknown municipality says what it might be")
    func suggestions() throws {
        var harness = try NormalizerHarness()
        let reject = try #require(
            harness.run(["", "Стра Загора", "ЦОП", "", "20", "", "", "", ""]).rejectValue)
        #expect(reject.message.contains("Стара Загора (SZR31)"))
        #expect(reject.column == "Община")
    }

    @Test("an exact repeat of an earlier row is a duplicate; a near repeat is not")
    func duplicates() throws {
        var harness = try NormalizerHarness()
        let row = ["", "Чирпан", "ЦОП", "", "20", "", "", "", ""]
        #expect(harness.run(row).record != nil)
        #expect(harness.run(row).rejectValue?.reason == .duplicate)
        #expect(harness.run(["", "Чирпан", "ЦОП", "", "21", "", "", "", ""]).record != nil)
    }

    @Test("totals rows and repeated headers are non-data; blank rows are nothing")
    func nonData() throws {
        var harness = try NormalizerHarness()
        #expect(harness.run(["Общо", "", "", "", "1 250", "1 100", "", "", ""]) == .nonData)
        #expect(harness.run(["", "ОБЩО:", "", "", "90", "", "", "", ""]) == .nonData)
        #expect(harness.run(["Всичко за областта", "", "", "", "90", "", "", "", ""]) == .nonData)
        #expect(harness.run(["Total", "", "", "", "90", "", "", "", ""]) == .nonData)
        #expect(harness.run(registerHeader) == .nonData)
        #expect(harness.run(registerHeader.map { $0.uppercased() }) == .nonData)
        #expect(harness.run(["", "", "", "", "", "", "", "", ""]) == .blank)
        // „Общностна работа" starts like „Общо" but is a service
        #expect(harness.run(["", "Чирпан", "Общностна работа", "", "10", "", "", "", ""]).record != nil)
    }

    @Test("a column named like ЕГН is never read and never appears in raw text; the report lists it")
    func personalColumnByName() throws {
        var harness = try NormalizerHarness(header: [
            "Община", "ЕГН на потребителя", "Вид на услугата", "Капацитет", "Име на потребителя",
        ])
        let record = try #require(harness.run(["Чирпан", "6101047500", "ЦОП", "20", "Иван Петров"]).record)
        #expect(!String(describing: record).contains("6101047500"))
        let reject = try #require(
            harness.run(["Чирпан", "7503151233", "Лична помощ", "5", "Мария Иванова"]).rejectValue)
        #expect(!reject.rawText.contains("7503151233"))
        #expect(!reject.rawText.contains("Мария"))
        #expect(
            harness.normalizer.droppedColumns.map(\.name) == ["ЕГН на потребителя", "Име на потребителя"])
    }

    @Test("a column whose values are mostly ЕГН is reported as dropped, and its values are masked")
    func personalColumnByValues() throws {
        var harness = try NormalizerHarness(header: [
            "Община", "Вид на услугата", "Капацитет", "Идентификатор",
        ])
        let record = try #require(harness.run(["Чирпан", "ЦОП", "20", "8807224562"]).record)
        #expect(record.serviceID == "[ЕГН]")
        _ = harness.run(["Чирпан", "ЦСРИ", "20", "4501011113"])
        #expect(
            harness.normalizer.droppedColumns == [DroppedColumn(name: "Идентификатор", because: "values")])
    }

    @Test("an ЕГН inside a free-text field is masked in the record and in reject raw text")
    func personalNumberInText() throws {
        var harness = try NormalizerHarness()
        let record = try #require(
            harness.run(["", "Чирпан", "ЦОП", "ЦОП (отг. лице ЕГН 6101047500)", "20", "", "", "", ""]).record)
        #expect(record.serviceName == "ЦОП (отг. лице ЕГН [ЕГН])")
        let reject = try #require(
            harness.run(["", "Чирпан", "Лична помощ", "за 0412152344", "20", "", "", "", ""]).rejectValue)
        #expect(reject.rawText.contains("[ЕГН]"))
        #expect(!reject.rawText.contains("0412152344"))
        #expect(!reject.message.contains("0412152344"))
    }

    @Test("reader problems become rejects with personal data masked")
    func readerProblems() throws {
        let harness = try NormalizerHarness()
        let reject = harness.normalizer.reject(
            RawRowProblem(
                position: SourcePosition(line: 9, byteOffset: 900, recordIndex: 7), column: nil,
                reason: .malformed,
                message: "expected 9 fields, found 4", rawText: "Чирпан;ЦОП;6101047500;x"))
        #expect(reject.reason == .malformed)
        #expect(reject.rawText == "Чирпан;ЦОП;[ЕГН];x")
        #expect(reject.provenance.position.line == 9)
    }

    @Test("a file without a municipality column is refused before any row, naming what is missing")
    func missingColumn() throws {
        let normalizer = Normalizer(
            mapping: try ColumnMapping.standard(), dictionary: try ServiceDictionary.standard(),
            options: NormalizeOptions(
                sourceKind: .municipalRegister, sourcePath: "x.csv", sourceSHA256: "", runID: "r"))
        let error = #expect(throws: MissingColumnsError.self) {
            try normalizer.begin(
                description: RawSourceDescription(
                    path: "x.csv", format: .csv, encoding: "UTF-8", headerLine: 1,
                    header: ["Услуга", "Места"]))
        }
        #expect(error?.fields == [.municipality, .settlementEKATTE])
        #expect(error?.description.contains("„Услуга\", „Места\"") == true)
    }

    @Test("a source's own mapping file names its columns")
    func ownMapping() throws {
        let mapping = try ColumnMapping(
            yaml: """
                fields:
                  municipality: [Obsht.]
                  service_name: [Sots. usluga]
                  capacity: [Kap.]
                required_columns: [[municipality], [service_name], [capacity]]
                """, origin: "own.yml")
        let normalizer = Normalizer(
            mapping: mapping, dictionary: try ServiceDictionary.standard(),
            options: NormalizeOptions(
                sourceKind: .municipalRegister, sourcePath: "x.csv", sourceSHA256: "", runID: "r"))
        try normalizer.begin(
            description: RawSourceDescription(
                path: "x.csv", format: .csv, encoding: "UTF-8", headerLine: 1,
                header: ["общ", "Соц. услуга", "Кап"]))
        let row = RawRow(
            fields: ["Чирпан", "ЦСРИ", "15"],
            position: SourcePosition(line: 2, byteOffset: 0, recordIndex: 0), rawText: "")
        #expect(normalizer.normalize(row).record?.capacity == 15)
    }
}
