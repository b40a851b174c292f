import KartaModel

/// An area of one of the three levels, as named on the command line.
public struct AreaReference: Sendable, Codable, Hashable {
    public var level: AreaLevel
    public var code: String
    public var name: String
    public var population: Int

    /// Resolves `written`: `BG` (or България/Bulgaria), a municipality code (`SZR31`), a district
    /// code (`SZR`), or a name. A name is tried as a municipality first, then as a district;
    /// „област X" / "X district" always means the district.
    public static func resolve(_ written: String, registry: ReferenceRegistry = .bulgaria)
        throws(AggregationError)
        -> AreaReference
    {
        let trimmed = written.trimmingCharacters(in: .whitespaces)
        let folded = NameKey.fold(trimmed)
        if ["bg", "balgaria", "bulgaria"].contains(folded) {
            return AreaReference(
                level: .national, code: nationalAreaCode, name: AreaSummaries.nationalName,
                population: registry.nationalPopulation)
        }
        if let municipality = registry.municipality(code: trimmed) { return AreaReference(municipality) }
        if let district = registry.district(code: trimmed) { return AreaReference(district) }
        let namesDistrict =
            ["oblast ", "obl "].contains { folded.hasPrefix($0) }
            || [" oblast", " district", " region"].contains { folded.hasSuffix($0) }
        var suggestions: [String] = []
        if !namesDistrict {
            switch registry.resolveMunicipality(trimmed) {
            case .found(let municipality): return AreaReference(municipality)
            case .ambiguous(let candidates):
                throw .ambiguousArea(
                    written, candidates: candidates.map { "\($0.code) \($0.nameBG) (\($0.districtCode))" })
            case .notFound(let near): suggestions += near.map { "\($0.nameBG) (\($0.code))" }
            }
        }
        switch registry.resolveDistrict(trimmed) {
        case .found(let district): return AreaReference(district)
        case .ambiguous(let candidates):
            throw .ambiguousArea(written, candidates: candidates.map { "\($0.code) \($0.nameBG)" })
        case .notFound(let near):
            suggestions += near.map { "област \($0.nameBG) (\($0.code))" }
        }
        throw .unknownArea(written, suggestions: suggestions)
    }

    init(_ municipality: Municipality) {
        self.init(
            level: .municipality, code: municipality.code, name: municipality.nameBG,
            population: municipality.population)
    }

    init(_ district: District) {
        self.init(
            level: .district, code: district.code, name: district.nameBG, population: district.population)
    }

    public init(level: AreaLevel, code: String, name: String, population: Int) {
        self.level = level
        self.code = code
        self.name = name
        self.population = population
    }

    var scope: AggregationScope {
        switch level {
        case .municipality: .municipality(code)
        case .district: .district(code)
        case .national: .all
        }
    }
}
