import KartaModel

/// Every word the generator writes, encoded once in both encodings.
struct Vocabulary {
    struct MunicipalityWords {
        let municipality: Municipality
        let district: District
        /// The ways a register writes the municipality: „Бяла", „Община Бяла", „общ. Бяла".
        let writtenNames: [EncodedText]
        /// How a proposal names it: the name, or the code when the name is ambiguous nationally.
        let proposalName: EncodedText
        let districtName: EncodedText
        /// „Община X" as the provider of its own services.
        let ownProvider: EncodedText
        let ekatte: EncodedText
        let code: EncodedText
        let titleLine: EncodedText
    }

    let types: [EncodedText]
    let shortNames: [EncodedText]
    let targetGroups: [String: EncodedText]
    let financing: [Financing: EncodedText]
    let properNames: [EncodedText]
    let organisations: [EncodedText]
    let notSocialServices: [EncodedText]
    let unknownMunicipalities: [EncodedText]
    let nonNumbers: [EncodedText]
    let municipalities: [MunicipalityWords]
    let registerHeader: [EncodedText]
    let proposalHeader: [EncodedText]
    let registerTitle: EncodedText
    let nationalTitle: EncodedText
    let totals: EncodedText
    let date: EncodedText
    let aspFinancing: EncodedText
    let openQuote: EncodedText
    let closeQuoteNumber: EncodedText

    init(registry: ReferenceRegistry) throws(GeneratorError) {
        func encode(_ list: [String]) throws(GeneratorError) -> [EncodedText] {
            var out = [EncodedText]()
            for text in list { out.append(try EncodedText(text)) }
            return out
        }
        types = try encode(ServiceCatalogue.types.map(\.writtenKind))
        shortNames = try encode(ServiceCatalogue.types.map(\.shortName))
        var groups = [String: EncodedText]()
        for group in TargetGroup.catalogue { groups[group.code] = try EncodedText(group.nameBG) }
        targetGroups = groups
        var financing = [Financing: EncodedText]()
        for (key, name) in ServiceCatalogue.financingNames { financing[key] = try EncodedText(name) }
        self.financing = financing
        properNames = try encode(ServiceCatalogue.properNames)
        organisations = try encode(ServiceCatalogue.organisations)
        notSocialServices = try encode(ServiceCatalogue.notSocialServices)
        unknownMunicipalities = try encode(ServiceCatalogue.unknownMunicipalities)
        nonNumbers = try encode(ServiceCatalogue.nonNumbers)
        registerHeader = try encode(ServiceCatalogue.registerHeader)
        proposalHeader = try encode(ServiceCatalogue.proposalHeader)
        registerTitle = try EncodedText(
            "Регистър на социалните услуги към \(ServiceCatalogue.reportingDate)")
        nationalTitle = try EncodedText("Национален регистър на социалните услуги")
        totals = try EncodedText("Общо")
        date = try EncodedText(ServiceCatalogue.reportingDate)
        aspFinancing = try EncodedText(ServiceCatalogue.aspFinancing)
        openQuote = try EncodedText(" „")
        closeQuoteNumber = try EncodedText("“ № ")

        var nameCounts = [String: Int]()
        for municipality in registry.municipalities {
            nameCounts[NameKey.fold(municipality.nameBG), default: 0] += 1
        }
        var words = [MunicipalityWords]()
        for municipality in registry.municipalities {
            guard let district = registry.district(code: municipality.districtCode) else {
                throw GeneratorError("municipality \(municipality.code) has no district")
            }
            let ambiguous = (nameCounts[NameKey.fold(municipality.nameBG)] ?? 0) > 1
            words.append(
                MunicipalityWords(
                    municipality: municipality, district: district,
                    writtenNames: try encode([
                        municipality.nameBG, "Община \(municipality.nameBG)", "общ. \(municipality.nameBG)",
                    ]),
                    proposalName: try EncodedText(ambiguous ? municipality.code : municipality.nameBG),
                    districtName: try EncodedText(district.nameBG),
                    ownProvider: try EncodedText("Община \(municipality.nameBG)"),
                    ekatte: try EncodedText(municipality.ekatte),
                    code: try EncodedText(municipality.code),
                    titleLine: try EncodedText("Община \(municipality.nameBG)")))
        }
        municipalities = words
    }
}
