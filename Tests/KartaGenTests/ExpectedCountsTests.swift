import Foundation
import KartaModel
import KartaNormalize
import Testing

@testable import KartaGen

/// Re-reads every generated file with libcsv (and a plain scan for the XML), classifies each
/// record by the rules of DESIGN.md, and checks that expected.json says exactly that.
@Suite("expected.json matches what karta-gen wrote")
struct ExpectedCountsTests {
    let registry = ReferenceRegistry.bulgaria

    @Test("every municipal register: rows read, loaded, rejects by reason, totals row, capacity per district")
    func registers() throws {
        let dataset = try GeneratedDataset(seed: 11, scale: 1)
        defer { dataset.remove() }
        let registers = dataset.expected.files.filter { $0.kind == "municipal-register" }
        #expect(registers.count == 265)
        for file in registers { try checkRegister(file, in: dataset) }
        let totals = try #require(dataset.expected.totals["municipal-register"])
        for reason in [
            "unknown_service", "negative_capacity", "malformed", "unknown_municipality", "duplicate",
        ] {
            #expect((totals.rejectsByReason[reason] ?? 0) > 0, "no \(reason) rows at scale 1")
        }
        let badShare = Double(totals.rejected) / Double(totals.rowsRead)
        #expect(badShare > 0.003 && badShare < 0.03)
        #expect(Set(totals.capacityByDistrict.keys).count == 28)
    }

    @Test("national single-file registers in both encodings")
    func nationalRegisters() throws {
        let dataset = try GeneratedDataset(seed: 3, scale: 0.5, singleFile: true)
        defer { dataset.remove() }
        for file in dataset.expected.files where file.kind == "municipal-register" {
            try checkRegister(file, in: dataset)
        }
    }

    @Test("proposals: one per district, rejects and maximum users per district")
    func proposals() throws {
        let dataset = try GeneratedDataset(seed: 11, scale: 1)
        defer { dataset.remove() }
        let proposals = dataset.expected.files.filter { $0.kind == "proposal" }
        #expect(proposals.count == 28)
        for file in proposals {
            let records = try decodedRecords(file, in: dataset)
            #expect(
                records.first == ["Община", "Вид на услугата", "Целева група", "Максимален брой потребители"])
            var counted = ExpectedFile(
                path: file.path, kind: .proposal, encoding: "", delimiter: nil, headerLine: nil)
            for fields in records.dropFirst() {
                if fields.first == "Общо" { counted.countNonData(); continue }
                guard let maximum = Int(fields[3]) else {
                    counted.countRejected(.malformed, defect: ""); continue
                }
                if ServiceCatalogue.notSocialServices.contains(fields[1]) {
                    counted.countRejected(.unknownService, defect: "")
                    continue
                }
                let municipality = try #require(registry.resolveMunicipality(fields[0]).unit, "\(fields[0])")
                counted.countLoaded(
                    district: municipality.districtCode, kind: .dayCare, capacity: maximum, users: 0)
            }
            expectSameCounts(counted, file)
        }
    }

    @Test("АСП export: one record element per counted row, capacity per district")
    func aspExport() throws {
        let dataset = try GeneratedDataset(seed: 11, scale: 1)
        defer { dataset.remove() }
        let file = try #require(dataset.expected.files.first { $0.kind == "asp-export" })
        let text = try #require(Windows1251.decodeExactly(try dataset.bytes(file.path)))
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<НационалнаКарта"))
        var counted = ExpectedFile(
            path: file.path, kind: .aspExport, encoding: "", delimiter: nil, headerLine: nil)
        for element in text.components(separatedBy: "<Услуга ").dropFirst() {
            let capacity = attribute("капацитет", in: element)
            let code = String(attribute("ид", in: element).prefix(5))
            let district = try #require(registry.municipality(code: code)?.districtCode)
            if ServiceCatalogue.notSocialServices.contains(attribute("вид", in: element)) {
                counted.countRejected(.unknownService, defect: "")
            } else if let value = Int(capacity) {
                if value < 0 {
                    counted.countRejected(.negativeCapacity, defect: "")
                } else {
                    counted.countLoaded(district: district, kind: .dayCare, capacity: value, users: 0)
                }
            } else {
                counted.countRejected(.malformed, defect: "")
            }
        }
        expectSameCounts(counted, file)
        #expect(file.rejected > 0)
    }

    @Test("the names used for bad rows really are unknown to karta's reference data")
    func badNamesAreUnknown() {
        for name in ServiceCatalogue.unknownMunicipalities {
            if case .notFound = registry.resolveMunicipality(name, districtHint: "Бургас") {
            } else {
                Issue.record("„\(name)\" resolves to a municipality")
            }
        }
        for name in ServiceCatalogue.notSocialServices { #expect(ServiceKind(named: name) == nil) }
    }

    @Test(
        "capacities written as non-numbers are malformed for karta, not values its mapping reads as missing")
    func nonNumbersAreNotMissingMarkers() throws {
        let missing = Set(try ColumnMapping.standard().missingValues.map { $0.lowercased() })
        #expect(!missing.isEmpty)
        for text in ServiceCatalogue.nonNumbers {
            #expect(
                !missing.contains(text.lowercased()),
                "„\(text)\" is a missing marker: karta says missing_field")
            #expect(Int(text.replacingOccurrences(of: " ", with: "")) == nil, "„\(text)\" is a number")
        }
    }

    // MARK: - Helpers

    private func checkRegister(_ file: ExpectedFile, in dataset: GeneratedDataset) throws {
        let records = try decodedRecords(file, in: dataset)
        let headerIndex = try #require(records.firstIndex { $0.first == "Област" }, "\(file.path): no header")
        #expect(records[headerIndex] == ServiceCatalogue.registerHeader)
        #expect(headerIndex == (file.headerLine == 4 ? 2 : 0), "\(file.path): title lines")
        var counted = ExpectedFile(
            path: file.path, kind: .municipalRegister, encoding: "", delimiter: nil, headerLine: nil)
        var seen = Set<[String]>()
        for fields in records[(headerIndex + 1)...] {
            defer { seen.insert(fields) }
            if fields.first == "Общо" { counted.countNonData(); continue }
            guard fields.count == 11 else { counted.countRejected(.malformed, defect: ""); continue }
            if seen.contains(fields) { counted.countRejected(.duplicate, defect: ""); continue }
            guard let capacity = Int(fields[5].replacingOccurrences(of: " ", with: "")) else {
                counted.countRejected(.malformed, defect: "")
                continue
            }
            if capacity < 0 { counted.countRejected(.negativeCapacity, defect: ""); continue }
            if ServiceCatalogue.notSocialServices.contains(fields[2]) {
                counted.countRejected(.unknownService, defect: "")
                continue
            }
            guard let municipality = registry.resolveMunicipality(fields[1], districtHint: fields[0]).unit
            else {
                counted.countRejected(.unknownMunicipality, defect: "")
                continue
            }
            let users = try #require(Int(fields[6].replacingOccurrences(of: " ", with: "")))
            counted.countLoaded(
                district: municipality.districtCode, kind: .dayCare, capacity: capacity, users: users)
        }
        expectSameCounts(counted, file)
    }

    private func decodedRecords(_ file: ExpectedFile, in dataset: GeneratedDataset) throws -> [[String]] {
        var bytes = try dataset.bytes(file.path)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let delimiter = try #require(file.delimiter?.utf8.first)
        return libcsvRecords(bytes, delimiter: delimiter).map { record in
            record.map { field in
                file.encoding == "windows-1251"
                    ? (Windows1251.decodeExactly(field) ?? "") : String(decoding: field, as: UTF8.self)
            }
        }
    }

    private func attribute(_ name: String, in element: String) -> String {
        guard let start = element.range(of: " \(name)=\"") ?? element.range(of: "\(name)=\"") else {
            return ""
        }
        return String(element[start.upperBound...].prefix { $0 != "\"" })
    }

    private func expectSameCounts(_ counted: ExpectedFile, _ file: ExpectedFile) {
        #expect(counted.rowsRead == file.rowsRead, "\(file.path): rows_read")
        #expect(counted.loaded == file.loaded, "\(file.path): loaded")
        #expect(counted.nonData == file.nonData, "\(file.path): non_data")
        #expect(counted.rejectsByReason == file.rejectsByReason, "\(file.path): rejects")
        #expect(counted.capacity == file.capacity, "\(file.path): capacity")
        #expect(counted.capacityByDistrict == file.capacityByDistrict, "\(file.path): capacity by district")
        #expect(file.rowsRead == file.loaded + file.rejected + file.nonData)
    }
}
