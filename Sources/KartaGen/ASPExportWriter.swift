import KartaModel

/// Writes the Social Assistance Agency's XML export (declared windows-1251): the state-delegated
/// services of every municipality, grouped by district and municipality, with a few bad records.
final class ASPExportWriter {
    static let defectRate = 0.005

    private enum Defect: String, CaseIterable {
        case unknownService = "unknown_service"
        case negativeCapacity = "negative_capacity"
        case nonNumericCapacity = "non_numeric_capacity"

        var reason: RejectReason {
            switch self {
            case .unknownService: .unknownService
            case .negativeCapacity: .negativeCapacity
            case .nonNumericCapacity: .malformed
            }
        }
    }

    private let plan: DatasetPlan
    private let words: Vocabulary
    private let sink: ByteSink
    private var expected: ExpectedFile
    private var element: [UInt8] = []
    private let tags: Tags

    /// The markup, encoded once.
    private struct Tags {
        let districtOpen, districtClose, municipalityOpen, municipalityClose: [UInt8]
        let serviceOpen, id, kind, name, group, capacity, users, financing, ekatte, close: [UInt8]
        let nameAttribute, codeAttribute: [UInt8]

        init() throws(GeneratorError) {
            func cp(_ text: String) throws(GeneratorError) -> [UInt8] { try cp1251(text) }
            districtOpen = try cp("  <Област")
            districtClose = try cp("  </Област>\n")
            municipalityOpen = try cp("    <Община")
            municipalityClose = try cp("    </Община>\n")
            serviceOpen = try cp("      <Услуга ид=\"")
            id = []
            kind = try cp("\" вид=\"")
            name = try cp("\" наименование=\"")
            group = try cp("\" целева_група=\"")
            capacity = try cp("\" капацитет=\"")
            users = try cp("\" потребители=\"")
            financing = try cp("\" финансиране=\"")
            ekatte = try cp("\" екатте=\"")
            close = try cp("\"/>\n")
            codeAttribute = try cp(" код=\"")
            nameAttribute = try cp("\" име=\"")
        }
    }

    init(path: String, relativePath: String, plan: DatasetPlan, words: Vocabulary) throws(GeneratorError) {
        self.plan = plan
        self.words = words
        sink = try ByteSink(path: path)
        tags = try Tags()
        expected = ExpectedFile(
            path: relativePath, kind: .aspExport, encoding: TextEncoding.windows1251.rawValue,
            delimiter: nil, headerLine: nil)
        element.reserveCapacity(1024)
    }

    func write() throws(GeneratorError) -> ExpectedFile {
        sink.write(try cp1251("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n"))
        sink.write(try cp1251("<НационалнаКарта дата=\"\(ServiceCatalogue.reportingDateISO)\">\n"))
        let registry = plan.registry
        for district in registry.districts {
            sink.write(tags.districtOpen)
            try openAttributes(code: district.code, name: district.nameBG)
            for index in registry.municipalities.indices
            where registry.municipalities[index].districtCode == district.code {
                let municipality = registry.municipalities[index]
                sink.write(tags.municipalityOpen)
                try openAttributes(code: municipality.code, name: municipality.nameBG)
                try writeServices(ofMunicipality: index)
                sink.write(tags.municipalityClose)
            }
            sink.write(tags.districtClose)
        }
        sink.write(try cp1251("</НационалнаКарта>\n"))
        try sink.close()
        expected.bytes = sink.bytesWritten
        return expected
    }

    private func openAttributes(code: String, name: String) throws(GeneratorError) {
        sink.write(tags.codeAttribute)
        sink.write(Array(code.utf8))
        sink.write(tags.nameAttribute)
        sink.write(escaped(try cp1251(name)))
        sink.write(Array("\">\n".utf8))
    }

    private func writeServices(ofMunicipality index: Int) throws(GeneratorError) {
        let municipality = plan.registry.municipalities[index]
        var defects = SeededGenerator(seed: plan.seed, stream: "asp-defects-" + municipality.code)
        var stream = ServiceStream(plan: plan, municipalityIndex: index)
        var serial = 0
        while let service = stream.next() {
            guard service.financing == .stateDelegated else { continue }
            writeElement(service, capacity: nil, kind: nil)
            expected.countLoaded(
                district: municipality.districtCode, kind: service.type.kinds[0],
                capacity: service.capacity, users: service.users)
            if defects.chance(Self.defectRate) {
                serial += 1
                var bad = ServiceStream.makeService(
                    random: &defects, municipalityIndex: index, population: municipality.population,
                    number: 900_000 + serial)
                bad.financing = .stateDelegated
                let defect = Defect.allCases[defects.index(below: Defect.allCases.count)]
                switch defect {
                case .unknownService:
                    let names = words.notSocialServices
                    writeElement(bad, capacity: nil, kind: names[defects.index(below: names.count)].cp1251)
                case .negativeCapacity:
                    var text = [UInt8]()
                    Digits.append(-defects.int(in: 1...20), to: &text)
                    writeElement(bad, capacity: text, kind: nil)
                case .nonNumericCapacity:
                    let texts = words.nonNumbers
                    writeElement(bad, capacity: texts[defects.index(below: texts.count)].cp1251, kind: nil)
                }
                expected.countRejected(defect.reason, defect: defect.rawValue)
            }
            try sink.flushIfFull()
        }
    }

    private func writeElement(_ service: GeneratedService, capacity: [UInt8]?, kind: [UInt8]?) {
        let place = words.municipalities[service.municipalityIndex]
        element.removeAll(keepingCapacity: true)
        element.append(contentsOf: tags.serviceOpen)
        element.append(contentsOf: place.code.cp1251)
        element.append(UInt8(ascii: "-"))
        Digits.append(service.number, to: &element)
        element.append(contentsOf: tags.kind)
        element.append(contentsOf: escaped(kind ?? words.types[service.typeIndex].cp1251))
        element.append(contentsOf: tags.name)
        element.append(contentsOf: kind ?? words.shortNames[service.typeIndex].cp1251)
        element.append(contentsOf: words.openQuote.cp1251)
        element.append(contentsOf: words.properNames[service.properName].cp1251)
        element.append(contentsOf: words.closeQuoteNumber.cp1251)
        Digits.append(service.number, to: &element)
        element.append(contentsOf: tags.group)
        element.append(contentsOf: words.targetGroups[service.targetGroup.code]?.cp1251 ?? [])
        element.append(contentsOf: tags.capacity)
        if let capacity {
            element.append(contentsOf: escaped(capacity))
        } else {
            Digits.append(service.capacity, to: &element)
        }
        element.append(contentsOf: tags.users)
        Digits.append(service.users, to: &element)
        element.append(contentsOf: tags.financing)
        element.append(contentsOf: words.aspFinancing.cp1251)
        element.append(contentsOf: tags.ekatte)
        element.append(contentsOf: place.ekatte.cp1251)
        element.append(contentsOf: tags.close)
        sink.write(element)
    }

    /// Escapes `&`, `<`, `>` and `"` for an attribute value.
    private func escaped(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else {
            return bytes
        }
        var out = [UInt8]()
        for byte in bytes {
            switch byte {
            case 0x26: out.append(contentsOf: Array("&amp;".utf8))
            case 0x3C: out.append(contentsOf: Array("&lt;".utf8))
            case 0x3E: out.append(contentsOf: Array("&gt;".utf8))
            case 0x22: out.append(contentsOf: Array("&quot;".utf8))
            default: out.append(byte)
            }
        }
        return out
    }
}
