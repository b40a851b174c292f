/// The registry read from the reference files compiled into karta (``EmbeddedReference``).
extension ReferenceRegistry {
    /// The four reference texts a registry is read from, by file name.
    struct Sources {
        var districts = EmbeddedReference.districts
        var municipalities = EmbeddedReference.municipalities
        var national = EmbeddedReference.national
        var municipalityAliases = EmbeddedReference.municipalityAliases
    }

    /// Reads the registry from the embedded `reference/*.csv` texts with libcsv, checking every
    /// row: the columns, whole-number populations, unique codes, and that every municipality's
    /// district and every alias's municipality exist. A test runs it, so bad embedded data fails
    /// the build's tests, never a user's run.
    static func embedded(_ sources: Sources = Sources()) throws(ReferenceDataError) -> ReferenceRegistry {
        let nationalFile = try ReferenceCSV(
            file: "national.csv", text: sources.national, columns: ["population", "population_date"])
        guard nationalFile.rows.count == 1, let national = nationalFile.rows.first else {
            throw ReferenceDataError(
                file: "national.csv", row: 0, reason: "\(nationalFile.rows.count) data rows where 1 is expected")
        }
        let districtFile = try ReferenceCSV(
            file: "districts.csv", text: sources.districts,
            columns: ["code", "nuts3", "name_bg", "name_en", "admin_centre_ekatte", "population"])
        let districts = try districtFile.rows.map { row throws(ReferenceDataError) in
            District(
                code: try row.required("code"), nuts3: try row.required("nuts3"),
                nameBG: try row.required("name_bg"), nameEN: try row.required("name_en"),
                adminCentreEKATTE: try row.required("admin_centre_ekatte"),
                population: try row.count("population"))
        }
        try requireUnique(districtFile, "code")
        let municipalityFile = try ReferenceCSV(
            file: "municipalities.csv", text: sources.municipalities,
            columns: ["code", "ekatte", "district_code", "name_bg", "name_en", "population"])
        let districtCodes = Set(districts.map(\.code))
        let municipalities = try municipalityFile.rows.map { row throws(ReferenceDataError) in
            let municipality = Municipality(
                code: try row.required("code"), ekatte: try row.required("ekatte"),
                districtCode: try row.required("district_code"), nameBG: try row.required("name_bg"),
                nameEN: try row.required("name_en"), population: try row.count("population"))
            guard districtCodes.contains(municipality.districtCode) else {
                throw ReferenceDataError(
                    file: row.file, row: row.number,
                    reason: "district_code \(municipality.districtCode) is not in districts.csv")
            }
            return municipality
        }
        try requireUnique(municipalityFile, "code")
        let aliasFile = try ReferenceCSV(
            file: "municipality-aliases.csv", text: sources.municipalityAliases,
            columns: ["alias", "code", "source"])
        let municipalityCodes = Set(municipalities.map(\.code))
        let aliases = try aliasFile.rows.map { row throws(ReferenceDataError) in
            let alias = MunicipalityAlias(
                alias: try row.required("alias"), code: try row.required("code"),
                source: try row.required("source"))
            guard municipalityCodes.contains(alias.code) else {
                throw ReferenceDataError(
                    file: row.file, row: row.number, reason: "code \(alias.code) is not in municipalities.csv")
            }
            return alias
        }
        return ReferenceRegistry(
            districts: districts, municipalities: municipalities,
            nationalPopulation: try national.count("population"),
            populationDate: try national.required("population_date"), aliases: aliases)
    }

    /// Throws if two rows of `file` share a value in `column`.
    private static func requireUnique(_ file: ReferenceCSV, _ column: String) throws(ReferenceDataError) {
        var seen: [String: Int] = [:]
        for row in file.rows {
            if let first = seen[row.text(column)] {
                throw ReferenceDataError(
                    file: file.file, row: row.number,
                    reason: "\(column) \(row.text(column)) repeats row \(first)")
            }
            seen[row.text(column)] = row.number
        }
    }
}
