import Foundation

/// The districts and municipalities of Bulgaria with codes, EKATTE, names and census population.
///
/// The facts come from `reference/*.csv` (see `reference/SOURCES.md`), embedded as they are by
/// `scripts/gen-reference.py` and parsed with libcsv at start, so a copied `karta` binary needs
/// no data files beside it.
public struct ReferenceRegistry: Sendable {
    public let districts: [District]
    public let municipalities: [Municipality]
    public let nationalPopulation: Int
    /// The date the population figures refer to (census day).
    public let populationDate: String
    /// Other names municipalities go by (renamed, colloquial), each with its source.
    public let aliases: [MunicipalityAlias]

    private let districtByCode: [String: District]
    private let municipalityByCode: [String: Municipality]
    private let municipalitiesByEKATTE: [String: [Municipality]]
    private let municipalitiesByKey: [String: [Municipality]]
    private let districtsByKey: [String: [District]]
    /// Folded names (Bulgarian, Latin) of each municipality and district, in the order of
    /// ``municipalities`` and ``districts``: suggestions compare against them without folding
    /// every name again for every unknown name.
    private let municipalityNameKeys: [[[Unicode.Scalar]]]
    private let districtNameKeys: [[[Unicode.Scalar]]]

    /// The registry compiled into karta: `reference/*.csv` as embedded by
    /// `scripts/gen-reference.py`, parsed with libcsv on first use.
    ///
    /// The embedded files are checked by a test (``embedded(_:)``), so a failure here is a
    /// build that skipped its tests; it stops karta rather than plan with a partial registry.
    public static let bulgaria: ReferenceRegistry = {
        do {
            return try embedded()
        } catch {
            fatalError("karta's embedded reference data is malformed: \(error)")
        }
    }()

    public init(
        districts: [District], municipalities: [Municipality], nationalPopulation: Int,
        populationDate: String, aliases: [MunicipalityAlias] = []
    ) {
        self.districts = districts.sorted { $0.code < $1.code }
        self.municipalities = municipalities.sorted { $0.code < $1.code }
        self.nationalPopulation = nationalPopulation
        self.populationDate = populationDate
        self.aliases = aliases
        districtByCode = Dictionary(districts.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        municipalityByCode = Dictionary(
            municipalities.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        municipalitiesByEKATTE = Dictionary(grouping: self.municipalities, by: \.ekatte)
        var byKey: [String: [Municipality]] = [:]
        for municipality in municipalities {
            for key in Set([NameKey.fold(municipality.nameBG), NameKey.fold(municipality.nameEN)]) {
                byKey[key, default: []].append(municipality)
            }
        }
        // An alias never hides a municipality's own name.
        var aliasKeysByCode: [String: [String]] = [:]
        for alias in aliases {
            let key = AreaNamePrefix.strip(NameKey.fold(alias.alias), prefixes: AreaNamePrefix.municipality)
            guard byKey[key] == nil || byKey[key]?.allSatisfy({ $0.code == alias.code }) == true,
                let municipality = municipalities.first(where: { $0.code == alias.code })
            else { continue }
            if byKey[key] == nil { byKey[key] = [municipality] }
            aliasKeysByCode[alias.code, default: []].append(key)
        }
        municipalitiesByKey = byKey.mapValues { $0.sorted { $0.code < $1.code } }
        var districtKeys: [String: [District]] = [:]
        for district in districts {
            var keys = Set([NameKey.fold(district.nameBG), NameKey.fold(district.nameEN)])
            if district.code == "SOF" { keys.formUnion(["sofia grad", "sofia stolitsa", "stolitsa"]) }
            if district.code == "SFO" { keys.formUnion(["sofia oblast", "sofiyska"]) }
            for key in keys { districtKeys[key, default: []].append(district) }
        }
        districtsByKey = districtKeys
        municipalityNameKeys = self.municipalities.map {
            ([$0.nameBG, $0.nameEN].map(NameKey.fold) + (aliasKeysByCode[$0.code] ?? [])).map {
                Array($0.unicodeScalars)
            }
        }
        districtNameKeys = self.districts.map {
            [$0.nameBG, $0.nameEN].map { Array(NameKey.fold($0).unicodeScalars) }
        }
    }

    public func district(code: String) -> District? { districtByCode[code.uppercased()] }
    public func municipality(code: String) -> Municipality? { municipalityByCode[code.uppercased()] }
    /// The municipalities whose administrative centre has this EKATTE code. Usually one; a few
    /// municipalities share a centre (Марица, Родопи and Пловдив all sit in Пловдив).
    public func municipalities(ekatte: String) -> [Municipality] { municipalitiesByEKATTE[ekatte] ?? [] }

    public func municipalities(inDistrict code: String) -> [Municipality] {
        municipalities.filter { $0.districtCode == code }
    }

    /// Finds a municipality from a code (`SZR31`), an EKATTE code, or a name in Bulgarian or
    /// Latin, in any case, with or without „Община"/"Municipality of".
    ///
    /// A name shared by several municipalities (Бяла in Русе and in Варна) resolves only with a
    /// `districtHint` (itself resolved like ``resolveDistrict(_:)``); otherwise `.ambiguous`.
    public func resolveMunicipality(_ written: String, districtHint: String? = nil)
        -> AreaResolution<Municipality>
    {
        let trimmed = written.trimmingCharacters(in: .whitespacesAndNewlines)
        if let byCode = municipality(code: trimmed) { return .found(byCode) }
        if trimmed.count == 5, trimmed.allSatisfy(\.isASCIIDigit) {
            let byEKATTE = municipalities(ekatte: trimmed)
            if byEKATTE.count == 1 { return .found(byEKATTE[0]) }
            if !byEKATTE.isEmpty { return .ambiguous(byEKATTE) }
        }
        let key = AreaNamePrefix.strip(NameKey.fold(trimmed), prefixes: AreaNamePrefix.municipality)
        guard var candidates = municipalitiesByKey[key], !candidates.isEmpty else {
            return .notFound(suggestions: nearest(key, in: municipalities, keys: municipalityNameKeys))
        }
        if candidates.count > 1, let hint = districtHint, let district = resolveDistrict(hint).unit {
            candidates = candidates.filter { $0.districtCode == district.code }
            if candidates.isEmpty {
                return .ambiguous(municipalitiesByKey[key] ?? [])
            }
        }
        return candidates.count == 1 ? .found(candidates[0]) : .ambiguous(candidates)
    }

    /// Finds a district from its code (`SZR`), NUTS 3 code, or name in Bulgarian or Latin, with
    /// or without „област"/"District of".
    public func resolveDistrict(_ written: String) -> AreaResolution<District> {
        let trimmed = written.trimmingCharacters(in: .whitespacesAndNewlines)
        if let byCode = district(code: trimmed) { return .found(byCode) }
        if let byNUTS = districts.first(where: { $0.nuts3 == trimmed.uppercased() }) {
            return .found(byNUTS)
        }
        let key = AreaNamePrefix.strip(NameKey.fold(trimmed), prefixes: AreaNamePrefix.district)
        guard let candidates = districtsByKey[key], !candidates.isEmpty else {
            return .notFound(suggestions: nearest(key, in: districts, keys: districtNameKeys))
        }
        return candidates.count == 1 ? .found(candidates[0]) : .ambiguous(candidates)
    }

    private func nearest<Unit>(_ key: String, in units: [Unit], keys: [[[Unicode.Scalar]]]) -> [Unit] {
        guard !key.isEmpty else { return [] }
        let limit = max(2, key.count / 3)
        // The edit distance is at least the difference in length: names that differ by more than
        // the limit are skipped unmeasured, so a hostile 1 MB cell costs no 1 MB × name tables.
        let written = Array(key.unicodeScalars)
        let scored = units.enumerated().compactMap { index, unit -> (Int, Int, Unit)? in
            let distance =
                keys[index].map { name -> Int in
                    guard abs(name.count - written.count) <= limit else { return Int.max }
                    return editDistance(written, name)
                }.min() ?? Int.max
            return distance <= limit ? (distance, index, unit) : nil
        }
        return scored.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(3).map(\.2)
    }
}

/// Another name a municipality goes by (renamed, colloquial), from `reference/municipality-aliases.csv`.
public struct MunicipalityAlias: Sendable, Hashable, Codable {
    /// The name as written („Добричка", „гр. София").
    public let alias: String
    /// The municipality's code (`DOB15`).
    public let code: String
    /// Where the alias comes from.
    public let source: String

    public init(alias: String, code: String, source: String) {
        self.alias = alias
        self.code = code
        self.source = source
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
