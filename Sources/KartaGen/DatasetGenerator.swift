import Foundation
import KartaModel

/// What to generate and where.
public struct GeneratorOptions: Sendable {
    /// The parts of a dataset.
    public enum Part: String, Sendable, CaseIterable {
        case registers
        case asp
        case proposals
    }

    public var seed: UInt64
    public var scale: Double
    public var outputDirectory: String
    /// One national register (per encoding) instead of one file per municipality.
    public var singleFile: Bool
    /// The encodings of the national register in single-file mode.
    public var registerEncodings: [TextEncoding]
    public var parts: Set<Part>

    public init(
        seed: UInt64 = 1, scale: Double = 1, outputDirectory: String, singleFile: Bool = false,
        registerEncodings: [TextEncoding] = generatedEncodings, parts: Set<Part> = Set(Part.allCases)
    ) {
        self.seed = seed
        self.scale = scale
        self.outputDirectory = outputDirectory
        self.singleFile = singleFile
        self.registerEncodings = registerEncodings
        self.parts = parts
    }
}

/// Writes a national dataset: municipal registers, the АСП XML export, proposals, and
/// `expected.json` with the exact counts karta must report for each file.
public struct DatasetGenerator {
    public let options: GeneratorOptions
    public let plan: DatasetPlan

    public init(options: GeneratorOptions, registry: ReferenceRegistry = .bulgaria) {
        self.options = options
        plan = DatasetPlan(seed: options.seed, scale: options.scale, registry: registry)
    }

    /// Generates every requested part and writes `expected.json`; returns what it wrote.
    @discardableResult
    public func generate() throws(GeneratorError) -> ExpectedDataset {
        let words = try Vocabulary(registry: plan.registry)
        var files = [ExpectedFile]()
        var totals = [String: ExpectedTotals]()
        try makeDirectory("")
        if options.parts.contains(.registers) {
            let registers = try writeRegisters(words)
            files += registers.files
            totals[SourceKind.municipalRegister.rawValue] = ExpectedTotals(summing: registers.national)
        }
        if options.parts.contains(.asp) {
            let writer = try ASPExportWriter(
                path: path("asp-export.xml"), relativePath: "asp-export.xml", plan: plan, words: words)
            let file = try writer.write()
            files.append(file)
            totals[SourceKind.aspExport.rawValue] = ExpectedTotals(summing: [file])
        }
        if options.parts.contains(.proposals) {
            let proposals = try writeProposals(words)
            files += proposals
            totals[SourceKind.proposal.rawValue] = ExpectedTotals(summing: proposals)
        }
        let expected = ExpectedDataset(seed: options.seed, scale: options.scale, files: files, totals: totals)
        let encoder = KartaJSON.encoder()
        do {
            try encoder.encode(expected).write(to: URL(fileURLWithPath: path("expected.json")))
        } catch {
            throw GeneratorError("cannot write expected.json: \(error)")
        }
        return expected
    }

    /// Returns all register files, and those that together describe the country once.
    private func writeRegisters(_ words: Vocabulary) throws(GeneratorError) -> (
        files: [ExpectedFile], national: [ExpectedFile]
    ) {
        let municipalities = plan.registry.municipalities
        if options.singleFile {
            var files = [ExpectedFile]()
            for encoding in options.registerEncodings {
                let name = encoding == .utf8 ? "national-register-utf8.csv" : "national-register-cp1251.csv"
                let writer = try RegisterWriter(
                    path: path(name), relativePath: name, plan: plan, words: words, encoding: encoding,
                    byteOrderMark: false, title: encoding == .windows1251 ? words.nationalTitle : nil)
                for index in municipalities.indices { try writer.writeMunicipality(index) }
                files.append(try writer.finish())
            }
            return (files, Array(files.prefix(1)))
        }
        try makeDirectory("registers")
        var files = [ExpectedFile]()
        for index in municipalities.indices {
            let municipality = municipalities[index]
            let name = "registers/\(municipality.code)-\(slug(municipality.nameEN)).csv"
            let windows = index % 2 == 0
            let writer = try RegisterWriter(
                path: path(name), relativePath: name, plan: plan, words: words,
                encoding: windows ? .windows1251 : .utf8, byteOrderMark: !windows && index % 4 == 3,
                title: windows ? words.municipalities[index].titleLine : nil)
            try writer.writeMunicipality(index)
            files.append(try writer.finish())
        }
        return (files, files)
    }

    private func writeProposals(_ words: Vocabulary) throws(GeneratorError) -> [ExpectedFile] {
        let registry = plan.registry
        if options.singleFile {
            let name = "proposals-national.csv"
            let writer = try ProposalWriter(
                path: path(name), relativePath: name, plan: plan, words: words, encoding: .windows1251)
            for index in registry.municipalities.indices { try writer.writeMunicipality(index) }
            return [try writer.finish()]
        }
        try makeDirectory("proposals")
        var files = [ExpectedFile]()
        for (districtIndex, district) in registry.districts.enumerated() {
            let name = "proposals/\(district.code)-\(slug(district.nameEN)).csv"
            let writer = try ProposalWriter(
                path: path(name), relativePath: name, plan: plan, words: words,
                encoding: districtIndex % 2 == 0 ? .windows1251 : .utf8)
            for index in registry.municipalities.indices
            where registry.municipalities[index].districtCode == district.code {
                try writer.writeMunicipality(index)
            }
            files.append(try writer.finish())
        }
        return files
    }

    private func path(_ relative: String) -> String {
        relative.isEmpty ? options.outputDirectory : options.outputDirectory + "/" + relative
    }

    private func makeDirectory(_ relative: String) throws(GeneratorError) {
        do {
            try FileManager.default.createDirectory(
                atPath: path(relative), withIntermediateDirectories: true)
        } catch {
            throw GeneratorError("cannot create directory \(path(relative)): \(error.localizedDescription)")
        }
    }

    private func slug(_ name: String) -> String {
        String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }
}
