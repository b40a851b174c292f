import KartaModel

/// Writes municipal proposals for the Map: per municipality, per kind of state-delegated service
/// and target group, the proposed maximum number of users; a totals row at the end.
final class ProposalWriter {
    private let plan: DatasetPlan
    private let words: Vocabulary
    private let encoding: TextEncoding
    private let sink: ByteSink
    private var row: CSVRowBuilder
    private var expected: ExpectedFile
    private var total = 0

    init(
        path: String, relativePath: String, plan: DatasetPlan, words: Vocabulary, encoding: TextEncoding
    ) throws(GeneratorError) {
        self.plan = plan
        self.words = words
        self.encoding = encoding
        sink = try ByteSink(path: path)
        let windows = encoding == .windows1251
        row = CSVRowBuilder(delimiter: UInt8(ascii: ";"), lineEnding: windows ? [0x0D, 0x0A] : [0x0A])
        if !windows { sink.write([0xEF, 0xBB, 0xBF]) }
        expected = ExpectedFile(
            path: relativePath, kind: .proposal, encoding: windows ? encoding.rawValue : "UTF-8-BOM",
            delimiter: ";", headerLine: 1)
        for name in words.proposalHeader { row.field(name.bytes(encoding)) }
        row.endRow()
        sink.write(row.bytes)
    }

    private struct Line: Hashable, Comparable {
        var typeIndex: Int
        var group: String
        static func < (a: Line, b: Line) -> Bool { (a.typeIndex, a.group) < (b.typeIndex, b.group) }
    }

    func writeMunicipality(_ index: Int) throws(GeneratorError) {
        let municipality = plan.registry.municipalities[index]
        var capacities = [Line: Int]()
        var stream = ServiceStream(plan: plan, municipalityIndex: index)
        while let service = stream.next() {
            guard service.financing == .stateDelegated else { continue }
            capacities[Line(typeIndex: service.typeIndex, group: service.targetGroup.code), default: 0] +=
                service.capacity
        }
        var random = SeededGenerator(seed: plan.seed, stream: "proposals-" + municipality.code)
        let name = words.municipalities[index].proposalName.bytes(encoding)
        for line in capacities.keys.sorted() {
            let capacity = capacities[line] ?? 0
            let maximum = capacity + random.int(in: 0...max(capacity / 5, 1))
            row.reset()
            row.field(name)
            row.field(words.types[line.typeIndex].bytes(encoding))
            row.field(words.targetGroups[line.group]?.bytes(encoding) ?? [])
            row.number(maximum)
            row.endRow()
            sink.write(row.bytes)
            total += maximum
            expected.countLoaded(
                district: municipality.districtCode, kind: ServiceCatalogue.types[line.typeIndex].kinds[0],
                capacity: maximum, users: 0)
        }
        if random.chance(0.1) {
            row.reset()
            row.field(name)
            row.field(words.notSocialServices[1].bytes(encoding))
            row.field(words.targetGroups[TargetGroup.adultsWithDisabilities.code]?.bytes(encoding) ?? [])
            row.number(random.int(in: 10...100))
            row.endRow()
            sink.write(row.bytes)
            expected.countRejected(.unknownService, defect: "unknown_service")
        }
        if random.chance(0.05) {
            row.reset()
            row.field(name)
            row.field(words.types[0].bytes(encoding))
            row.field(words.targetGroups[TargetGroup.children.code]?.bytes(encoding) ?? [])
            row.field(words.nonNumbers[0].bytes(encoding))
            row.endRow()
            sink.write(row.bytes)
            expected.countRejected(.malformed, defect: "non_numeric_maximum")
        }
        try sink.flushIfFull()
    }

    func finish() throws(GeneratorError) -> ExpectedFile {
        row.reset()
        row.field(words.totals.bytes(encoding))
        row.emptyField()
        row.emptyField()
        row.number(total)
        row.endRow()
        sink.write(row.bytes)
        expected.countNonData()
        try sink.close()
        expected.bytes = sink.bytesWritten
        return expected
    }
}
