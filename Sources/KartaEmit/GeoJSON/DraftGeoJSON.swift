import Foundation
import KartaAggregate
import KartaModel

/// The draft as GeoJSON: one feature per district and per municipality, the area's figures as
/// properties; geometry from the user's file when given, otherwise `null` (valid GeoJSON).
public enum DraftGeoJSON {
    public static func encode(_ draft: MapDraft, geometry: AreaGeometry?) throws -> Data {
        var features: [Any] = []
        let areas =
            draft.areas.filter { $0.level == .district } + draft.areas.filter { $0.level == .municipality }
        var compared: [String: MapComparisonArea] = [:]
        for total in draft.comparison?.areas ?? [] where total.level != .national { compared[total.areaCode] = total }
        for area in areas {
            var properties = properties(area)
            if draft.comparison != nil {
                // against the adopted Map: null for an area neither the Map nor the draft plans
                let total = compared[area.code]
                properties["adopted_maximum_users"] = total?.adoptedMaximumUsers ?? NSNull()
                properties["adopted_difference"] = total?.difference ?? NSNull()
                properties["adopted_changed_cells"] = total?.changedCells ?? NSNull()
                properties["exceeds_map_cells"] = total?.exceedsMapCells ?? NSNull()
            }
            var feature: [String: Any] = ["type": "Feature", "id": area.code, "properties": properties]
            if let data = geometry?.geometries[area.code.uppercased()],
                let object = try? JSONSerialization.jsonObject(with: data)
            {
                feature["geometry"] = object
            } else {
                feature["geometry"] = NSNull()
            }
            features.append(feature)
        }
        let collection: [String: Any] = [
            "type": "FeatureCollection",
            "karta": [
                "format_version": draft.metadata.formatVersion,
                "karta_version": draft.metadata.kartaVersion,
                "schema_version": ArtifactSchema.geoJSON.rawValue,
                "criteria_version": draft.metadata.criteriaVersion,
                "criteria_status": draft.metadata.criteriaStatus,
                "population_date": draft.metadata.populationDate,
                "adopted_map": draft.comparison.map { $0.sources as Any } ?? NSNull(),
            ],
            "features": features,
        ]
        var data = try JSONSerialization.data(
            withJSONObject: collection, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        data.append(10)
        return data
    }

    static func properties(_ area: AreaSummary) -> [String: Any] {
        var properties: [String: Any] = [
            "level": area.level.rawValue,
            "code": area.code,
            "name": area.name,
            "population": area.population,
            "records": area.records,
            "capacity": area.capacity,
            "users": area.users,
            "state_delegated_capacity": area.stateDelegatedCapacity,
            "maximum_users": area.maximumUsers,
            "district_level_records": area.districtLevelRecords,
            "unknown_capacity_services": area.unknownCapacityServices,
        ]
        properties["district_code"] = area.districtCode ?? NSNull()
        properties["places_per_1000_inhabitants"] = area.placesPerThousandInhabitants ?? NSNull()
        properties["state_delegated_per_1000_inhabitants"] =
            MapIndicator.stateDelegatedPerThousand.value(area) ?? NSNull()
        for kind in area.capacityByKind { properties["capacity_\(kind.kind.key)"] = kind.capacity }
        if let cost = area.cost {
            // Present only when the draft was computed with financing standards.
            properties["known_cost_bgn"] = cost.knownCostBGN
            properties["unknown_cost_cells"] = cost.unknownCostCells
            properties["unknown_cost_users"] = cost.unknownCostUsers
        }
        return properties
    }
}
