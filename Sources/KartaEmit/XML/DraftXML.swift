import KartaAggregate
import KartaModel

/// The draft as XML, described by `schemas/map-draft.xsd`, written with libxml2's xmlTextWriter.
///
/// Kinds are written by their ASCII key (`residential_care`); numbers with decimals with a `.`
/// mark and the draft's rounding; optional figures are absent attributes. The criteria rules are
/// in the JSON draft only; the XML carries the criteria's version and status.
public enum DraftXML {
    public static func encode(_ draft: MapDraft) throws -> [UInt8] {
        let xml = try XMLDocumentWriter()
        try xml.startElement("mapDraft")
        try xml.attribute("formatVersion", draft.metadata.formatVersion)
        try xml.attribute("kartaVersion", draft.metadata.kartaVersion)
        try xml.attribute("draftId", draft.metadata.draftID)
        try writeMetadata(draft.metadata, xml)
        try xml.startElement("areas")
        for area in draft.areas { try writeArea(area, xml) }
        try xml.endElement()
        try xml.startElement("cells")
        for cell in draft.cells { try writeCell(cell, xml) }
        try xml.endElement()
        try writeReconciliation(draft.reconciliation, xml)
        if let comparison = draft.comparison { try writeComparison(comparison, xml) }
        if let services = draft.districtServices { try writeDistrictServices(services, xml) }
        try xml.startElement("rejects")
        for reject in draft.rejects {
            try xml.startElement("reject")
            try xml.attribute("municipalityCode", reject.municipalityCode)
            try xml.attribute("sourcePath", reject.sourcePath)
            try xml.attribute("reason", reject.reason)
            try xml.attribute("count", reject.count)
            try xml.endElement()
        }
        try xml.endElement()
        try xml.endElement()
        return try xml.finish()
    }

    private static func writeMetadata(_ metadata: MapDraftMetadata, _ xml: XMLDocumentWriter) throws {
        try xml.startElement("metadata")
        try xml.attribute("criteriaVersion", metadata.criteriaVersion)
        try xml.attribute("populationDate", metadata.populationDate)
        try xml.textElement("criteriaStatus", metadata.criteriaStatus)
        if let standards = metadata.standards {
            try xml.startElement("standards")
            try xml.attribute("version", standards.version)
            try xml.attribute("status", standards.status.rawValue)
            try xml.attribute("path", standards.sourcePath)
            try xml.textElement("statement", standards.statement)
            try xml.textElement("legalReference", standards.legalReference)
            try xml.endElement()
        }
        if let indicators = metadata.indicators {
            try xml.startElement("indicators")
            try xml.attribute("version", indicators.version)
            try xml.attribute("status", indicators.status.rawValue)
            try xml.attribute("path", indicators.sourcePath)
            try xml.textElement("statement", indicators.statement)
            try xml.textElement("officialSource", indicators.officialSource)
            try xml.endElement()
        }
        try xml.startElement("options")
        try xml.attribute("sourcePolicy", metadata.options.sourcePolicy.rawValue)
        try xml.attribute("includeLineage", metadata.options.includeLineage)
        try xml.endElement()
        try xml.startElement("sources")
        for source in metadata.sources {
            try xml.startElement("source")
            try xml.attribute("id", source.id)
            try xml.attribute("path", source.path)
            try xml.attribute("sha256", source.sha256)
            try xml.attribute("kind", source.kind)
            try xml.attribute("format", source.format)
            try xml.attribute("rowsRead", source.rowsRead)
            try xml.attribute("loaded", source.loaded)
            try xml.attribute("rejected", source.rejected)
            try xml.attribute("nonData", source.nonData)
            try xml.endElement()
        }
        try xml.endElement()
        try xml.endElement()
    }

    private static func writeArea(_ area: AreaSummary, _ xml: XMLDocumentWriter) throws {
        try xml.startElement("area")
        try xml.attribute("level", area.level.rawValue)
        try xml.attribute("code", area.code)
        try xml.attribute("name", area.name)
        try xml.attribute("districtCode", area.districtCode)
        try xml.attribute("population", area.population)
        try xml.attribute("records", area.records)
        try xml.attribute("capacity", area.capacity)
        try xml.attribute("users", area.users)
        try xml.attribute("stateDelegatedCapacity", area.stateDelegatedCapacity)
        try xml.attribute("maximumUsers", area.maximumUsers)
        try xml.attribute("placesPerThousandInhabitants", area.placesPerThousandInhabitants, places: 2)
        try xml.attribute("districtLevelRecords", area.districtLevelRecords)
        try xml.attribute("unknownCapacityServices", area.unknownCapacityServices)
        try xml.attribute("submittedRecords", area.submittedRecords)
        if let cost = area.cost {
            try xml.attribute("knownCostBgn", cost.knownCostBGN, places: 2)
            try xml.attribute("unknownCostCells", cost.unknownCostCells)
            try xml.attribute("unknownCostUsers", cost.unknownCostUsers)
        }
        try writeRegisters(area.registers, xml)
        try writeKinds(area.capacityByKind, xml)
        if let hosted = area.hosted {
            try xml.startElement("hosted")
            try xml.attribute("records", hosted.records)
            try xml.attribute("capacity", hosted.capacity)
            try xml.attribute("users", hosted.users)
            try xml.attribute("stateDelegatedCapacity", hosted.stateDelegatedCapacity)
            try xml.attribute("unknownCapacityServices", hosted.unknownCapacityServices)
            try writeKinds(hosted.capacityByKind, xml)
            try xml.endElement()
        }
        try xml.endElement()
    }

    /// What the registers carry, as attributes: amounts in leva with a decimal point.
    private static func writeRegisters(_ totals: RegisterTotals, _ xml: XMLDocumentWriter) throws {
        try xml.attribute("stateFundingBGN", Double(totals.stateFundingStotinki) / 100, places: 2)
        try xml.attribute("municipalFundingBGN", Double(totals.municipalFundingStotinki) / 100, places: 2)
        try xml.attribute("mixedFinancingServices", totals.mixedFinancingServices)
        try xml.attribute("waitingList", totals.waitingList)
        try xml.attribute("servicesWithoutUsersThreeMonths", totals.servicesWithoutUsers)
    }

    private static func writeKinds(_ kinds: [KindCapacity], _ xml: XMLDocumentWriter) throws {
        for kind in kinds {
            try xml.startElement("kindCapacity")
            try xml.attribute("kind", kind.kind.key)
            try xml.attribute("records", kind.records)
            try xml.attribute("capacity", kind.capacity)
            try xml.endElement()
        }
    }

    private static func writeCell(_ cell: MapCell, _ xml: XMLDocumentWriter) throws {
        try xml.startElement("cell")
        try xml.attribute("level", cell.level.rawValue)
        try xml.attribute("areaCode", cell.areaCode)
        try xml.attribute("kind", cell.kind.key)
        try xml.attribute("targetGroup", cell.targetGroup.code)
        try xml.attribute("targetGroupName", cell.targetGroup.nameBG)
        try xml.attribute("services", cell.services)
        try xml.attribute("capacity", cell.capacity)
        try xml.attribute("stateDelegatedCapacity", cell.stateDelegatedCapacity)
        try xml.attribute("users", cell.users)
        try xml.attribute("maximumUsers", cell.maximumUsers)
        try xml.attribute("proposedUsers", cell.proposedUsers)
        try xml.attribute("criterionValue", cell.criterionValue, places: 2)
        try xml.attribute("status", cell.status.rawValue)
        try xml.attribute("occupancy", cell.occupancy, places: 4)
        try xml.attribute("placesPerThousandInhabitants", cell.placesPerThousandInhabitants, places: 2)
        try xml.attribute("placesPerThousandTargetGroup", cell.placesPerThousandTargetGroup, places: 2)
        try xml.attribute("unknownCapacityServices", cell.unknownCapacityServices)
        try writeRegisters(cell.registers, xml)
        for flag in cell.flags { try xml.textElement("flag", flag.rawValue) }
        if !cell.recordIDs.isEmpty {
            try xml.textElement("records", cell.recordIDs.map(String.init).joined(separator: " "))
        }
        if !cell.proposalRecordIDs.isEmpty {
            try xml.textElement(
                "proposalRecords", cell.proposalRecordIDs.map(String.init).joined(separator: " "))
        }
        if let cost = cell.cost {
            try xml.startElement("cost")
            try xml.attribute("status", cost.status.rawValue)
            try xml.attribute("mode", cost.mode)
            try xml.attribute("standardBgnPerUserYear", cost.standardBGN, places: 2)
            try xml.attribute("costBgn", cost.costBGN, places: 2)
            try xml.endElement()
        }
        if let indicator = cell.criterionIndicator {
            try xml.startElement("criterionIndicator")
            try xml.attribute("name", indicator.name)
            try xml.attribute("value", indicator.value)
            try xml.attribute("unit", indicator.unit)
            for source in indicator.sources {
                try xml.startElement("source")
                try xml.attribute("file", source.file)
                try xml.attribute("officialSource", source.officialSource)
                try xml.endElement()
            }
            try xml.endElement()
        }
        try xml.endElement()
    }

    private static func writeReconciliation(_ report: ReconciliationReport, _ xml: XMLDocumentWriter) throws {
        try xml.startElement("reconciliation")
        try xml.textElement("rule", report.rule)
        try writeCounts("cellCounts", report.cellCounts, xml)
        try writeCounts("serviceCounts", report.serviceCounts, xml)
        for cell in report.cells {
            try xml.startElement("cell")
            try xml.attribute("municipalityCode", cell.municipalityCode)
            try xml.attribute("kind", cell.kind.key)
            try xml.attribute("targetGroup", cell.targetGroup.code)
            try xml.attribute("status", cell.status.rawValue)
            try xml.attribute("capacityDifference", cell.capacityDifference)
            try xml.attribute("targetGroupMatched", cell.targetGroupMatched)
            try writeSide("municipal", cell.municipal, xml)
            try writeSide("agency", cell.agency, xml)
            try xml.endElement()
        }
        for service in report.services {
            try xml.startElement("service")
            try xml.attribute("municipalityCode", service.municipalityCode)
            try xml.attribute("serviceId", service.serviceID)
            try xml.attribute("status", service.status.rawValue)
            try xml.attribute("capacityDifference", service.capacityDifference)
            try xml.attribute("classificationAgrees", service.classificationAgrees)
            try writeSide("municipal", service.municipal, xml)
            try writeSide("agency", service.agency, xml)
            try xml.endElement()
        }
        try xml.endElement()
    }

    /// The draft against the adopted Map; absent when no adopted Map is loaded.
    private static func writeComparison(_ comparison: MapComparison, _ xml: XMLDocumentWriter) throws {
        try xml.startElement("comparison")
        for source in comparison.sources { try xml.textElement("adoptedMap", source) }
        for area in comparison.areas {
            try xml.startElement("areaTotal")
            try xml.attribute("level", area.level.rawValue)
            try xml.attribute("areaCode", area.areaCode)
            try xml.attribute("adoptedMaximumUsers", area.adoptedMaximumUsers)
            try xml.attribute("draftMaximumUsers", area.draftMaximumUsers)
            try xml.attribute("difference", area.difference)
            try xml.attribute("changedCells", area.changedCells)
            try xml.attribute("exceedsMapCells", area.exceedsMapCells)
            try xml.endElement()
        }
        for cell in comparison.cells {
            try xml.startElement("cell")
            try xml.attribute("level", cell.level.rawValue)
            try xml.attribute("areaCode", cell.areaCode)
            try xml.attribute("kind", cell.kind.key)
            try xml.attribute("targetGroup", cell.targetGroup.code)
            try xml.attribute("adoptedMaximumUsers", cell.adoptedMaximumUsers)
            try xml.attribute("draftMaximumUsers", cell.draftMaximumUsers)
            try xml.attribute("difference", cell.difference)
            try xml.attribute("status", cell.status.rawValue)
            try xml.attribute("stateDelegatedCapacity", cell.stateDelegatedCapacity)
            try xml.attribute("users", cell.users)
            try xml.attribute("exceedsMap", cell.exceedsMap)
            try xml.endElement()
        }
        try xml.endElement()
    }

    /// The services planned at district level with their host and the areas they serve (ЗСУ
    /// Art. 33); absent in drafts written before they were listed.
    private static func writeDistrictServices(_ services: [DistrictService], _ xml: XMLDocumentWriter) throws {
        try xml.startElement("districtServices")
        for service in services {
            try xml.startElement("districtService")
            try xml.attribute("districtCode", service.districtCode)
            try xml.attribute("hostMunicipalityCode", service.hostMunicipalityCode)
            try xml.attribute("kind", service.kind.key)
            try xml.attribute("targetGroup", service.targetGroup.code)
            try xml.attribute("targetGroupName", service.targetGroup.nameBG)
            try xml.attribute("serviceName", service.serviceName)
            try xml.attribute("capacity", service.capacity)
            try xml.attribute("users", service.users)
            try xml.attribute("scope", service.scope.rawValue)
            try xml.textElement("serves", service.serves.joined(separator: " "))
            try xml.endElement()
        }
        try xml.endElement()
    }

    private static func writeCounts(_ name: String, _ counts: ReconciliationCounts, _ xml: XMLDocumentWriter)
        throws
    {
        try xml.startElement(name)
        try xml.attribute("match", counts.match)
        try xml.attribute("capacityDifference", counts.capacityDifference)
        try xml.attribute("onlyMunicipal", counts.onlyMunicipal)
        try xml.attribute("onlyAgency", counts.onlyAgency)
        try xml.endElement()
    }

    private static func writeSide(_ name: String, _ side: ReconciliationSide?, _ xml: XMLDocumentWriter)
        throws
    {
        guard let side else { return }
        try xml.startElement(name)
        try xml.attribute("records", side.records)
        try xml.attribute("capacity", side.capacity)
        if !side.recordIDs.isEmpty {
            try xml.attribute("recordIds", side.recordIDs.map(String.init).joined(separator: " "))
        }
        try xml.endElement()
    }
}
