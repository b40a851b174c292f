import Foundation

/// Drafts of format version 1 (karta before the one JSON style): camelCase keys, and the target
/// group population as an enum's `{"shares": {"_0": …, "source": …}}`. Stores keep such drafts
/// in their runs, and `karta diff` compares them with today's.
enum LegacyDraftJSON {
    /// The draft in today's form, or nil when `data` is not a version-1 draft.
    static func upgraded(_ data: Data) -> Data? {
        guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let metadata = document["metadata"] as? [String: Any], metadata["draftID"] != nil
        else { return nil }
        return try? JSONSerialization.data(withJSONObject: upgrade(document))
    }

    private static func upgrade(_ value: Any) -> Any {
        if let array = value as? [Any] { return array.map(upgrade) }
        guard let object = value as? [String: Any] else { return value }
        var result: [String: Any] = [:]
        for (key, child) in object {
            if key == "targetGroupPopulation", let population = child as? [String: Any] {
                result["target_group_population"] = targetGroupPopulation(population)
            } else {
                result[snakeCase(key)] = upgrade(child)
            }
        }
        return result
    }

    /// `draftID` → `draft_id`, `placesPerThousandInhabitants` → `places_per_thousand_inhabitants`;
    /// keys that are data (kind names in Cyrillic, target group codes) have no capitals and pass.
    static func snakeCase(_ key: String) -> String {
        var result = ""
        var previous: Character?
        for character in key {
            if character.isASCII, character.isUppercase, let previous, previous.isLowercase || previous.isNumber {
                result.append("_")
            }
            result.append(Character(character.lowercased()))
            previous = character
        }
        return result
    }

    private static func targetGroupPopulation(_ old: [String: Any]) -> [String: Any] {
        if let shares = old["shares"] as? [String: Any] {
            return ["status": "shares", "shares": shares["_0"] ?? [:], "source": shares["source"] ?? ""]
        }
        let unavailable = old["unavailable"] as? [String: Any]
        return ["status": "unavailable", "source": unavailable?["source"] ?? NSNull()]
    }
}
