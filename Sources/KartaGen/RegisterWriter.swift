import KartaModel

/// The kinds of bad rows put into registers, about one row in a hundred.
enum RegisterDefect: String, CaseIterable {
    case unknownService = "unknown_service"
    case negativeCapacity = "negative_capacity"
    case nonNumericCapacity = "non_numeric_capacity"
    case unknownMunicipality = "unknown_municipality"
    case duplicateRow = "duplicate_row"
    case wrongFieldCount = "wrong_field_count"

    var reason: RejectReason {
        switch self {
        case .unknownService: .unknownService
        case .negativeCapacity: .negativeCapacity
        case .nonNumericCapacity, .wrongFieldCount: .malformed
        case .unknownMunicipality: .unknownMunicipality
        case .duplicateRow: .duplicate
        }
    }
}

/// Writes a municipal register: title lines and a header (Windows-1251, `;`, CRLF) or a bare
/// header (UTF-8, `,`, LF, sometimes with a BOM), the services of one or all municipalities with
/// bad rows among them, and a totals row „Общо" at the end.
final class RegisterWriter {
    static let defectRate = 0.01

    private let plan: DatasetPlan
    private let words: Vocabulary
    private let encoding: TextEncoding
    private let sink: ByteSink
    private var row: CSVRowBuilder
    private var lastGoodRow: [UInt8] = []
    private(set) var expected: ExpectedFile
    private var capacitySum = 0
    private var usersSum = 0

    /// - Parameter title: the first title line („Община X"), or nil for no title lines.
    init(
        path: String, relativePath: String, plan: DatasetPlan, words: Vocabulary,
        encoding: TextEncoding, byteOrderMark: Bool, title: EncodedText?
    ) throws(GeneratorError) {
        self.plan = plan
        self.words = words
        self.encoding = encoding
        sink = try ByteSink(path: path)
        let semicolon = encoding == .windows1251
        row = CSVRowBuilder(
            delimiter: UInt8(ascii: semicolon ? ";" : ","), lineEnding: semicolon ? [0x0D, 0x0A] : [0x0A])
        var headerLine = 1
        if byteOrderMark { sink.write([0xEF, 0xBB, 0xBF]) }
        if let title {
            for line in [title, words.registerTitle] {
                sink.write(line.bytes(encoding))
                sink.write(row.lineEnding)
            }
            sink.write(row.lineEnding)
            headerLine = 4
        }
        expected = ExpectedFile(
            path: relativePath, kind: .municipalRegister,
            encoding: byteOrderMark ? "UTF-8-BOM" : encoding.rawValue,
            delimiter: semicolon ? ";" : ",", headerLine: headerLine)
        for name in words.registerHeader { row.field(name.bytes(encoding)) }
        row.endRow()
        sink.write(row.bytes)
    }

    /// Writes every service of one municipality, with its bad rows.
    func writeMunicipality(_ index: Int) throws(GeneratorError) {
        let municipality = plan.registry.municipalities[index]
        var defects = SeededGenerator(seed: plan.seed, stream: "register-defects-" + municipality.code)
        var stream = ServiceStream(plan: plan, municipalityIndex: index)
        var badRows = 0
        while let service = stream.next() {
            writeService(service, capacity: .number(service.capacity))
            lastGoodRow = row.bytes
            expected.countLoaded(
                district: municipality.districtCode, kind: service.type.kinds[0],
                capacity: service.capacity, users: service.users)
            capacitySum += service.capacity
            usersSum += service.users
            if defects.chance(Self.defectRate) {
                badRows += 1
                try writeDefect(municipalityIndex: index, random: &defects, serial: badRows)
            }
            try sink.flushIfFull()
        }
    }

    private enum CapacityText {
        case number(Int)
        case text([UInt8])
    }

    private func writeService(
        _ service: GeneratedService, capacity: CapacityText, kindOverride: [UInt8]? = nil,
        municipalityOverride: [UInt8]? = nil, dropLastFields: Int = 0, extraField: Bool = false
    ) {
        let place = words.municipalities[service.municipalityIndex]
        let enc = encoding
        row.reset()
        row.field(place.districtName.bytes(enc))
        row.field(municipalityOverride ?? place.writtenNames[service.nameStyle].bytes(enc))
        let kindText = kindOverride ?? words.types[service.typeIndex].bytes(enc)
        row.field(kindText)
        var name = kindOverride ?? words.shortNames[service.typeIndex].bytes(enc)
        if service.multiline { name.append(0x0A) }
        name.append(contentsOf: words.openQuote.bytes(enc))
        name.append(contentsOf: words.properNames[service.properName].bytes(enc))
        name.append(contentsOf: words.closeQuoteNumber.bytes(enc))
        Digits.append(service.number, to: &name)
        row.field(name)
        row.field(words.targetGroups[service.targetGroup.code]?.bytes(enc) ?? [])
        switch capacity {
        case .number(let value): row.number(value, groupingThousands: service.groupsThousands)
        case .text(let text): row.field(text)
        }
        row.number(service.users, groupingThousands: service.groupsThousands)
        row.field(words.financing[service.financing]?.bytes(enc) ?? [])
        var fields: [[UInt8]] = [
            service.provider < 0
                ? place.ownProvider.bytes(enc) : words.organisations[service.provider].bytes(enc),
            place.ekatte.bytes(enc), words.date.bytes(enc),
        ]
        fields.removeLast(dropLastFields)
        for field in fields { row.field(field) }
        if extraField { row.field(words.date.bytes(enc)) }
        row.endRow()
        sink.write(row.bytes)
    }

    private func writeDefect(
        municipalityIndex: Int, random: inout SeededGenerator, serial: Int
    ) throws(GeneratorError) {
        let defect = RegisterDefect.allCases[random.index(below: RegisterDefect.allCases.count)]
        let municipality = plan.registry.municipalities[municipalityIndex]
        var service = ServiceStream.makeService(
            random: &random, municipalityIndex: municipalityIndex, population: municipality.population,
            number: 900_000 + serial)
        service.multiline = false
        switch defect {
        case .unknownService:
            let names = words.notSocialServices
            writeService(
                service, capacity: .number(service.capacity),
                kindOverride: names[random.index(below: names.count)].bytes(encoding))
        case .negativeCapacity:
            writeService(service, capacity: .number(-random.int(in: 1...20)))
        case .nonNumericCapacity:
            let texts = words.nonNumbers
            writeService(service, capacity: .text(texts[random.index(below: texts.count)].bytes(encoding)))
        case .unknownMunicipality:
            let names = words.unknownMunicipalities
            writeService(
                service, capacity: .number(service.capacity),
                municipalityOverride: names[random.index(below: names.count)].bytes(encoding))
        case .duplicateRow:
            sink.write(lastGoodRow)
        case .wrongFieldCount:
            let extra = random.chance(0.5)
            writeService(
                service, capacity: .number(service.capacity), dropLastFields: extra ? 0 : 2,
                extraField: extra)
        }
        expected.countRejected(defect.reason, defect: defect.rawValue)
    }

    /// Writes the totals row and closes the file.
    func finish() throws(GeneratorError) -> ExpectedFile {
        row.reset()
        row.field(words.totals.bytes(encoding))
        for _ in 0..<4 { row.emptyField() }
        row.number(capacitySum, groupingThousands: true)
        row.number(usersSum, groupingThousands: true)
        for _ in 0..<4 { row.emptyField() }
        row.endRow()
        sink.write(row.bytes)
        expected.countNonData()
        try sink.close()
        expected.bytes = sink.bytesWritten
        return expected
    }
}
