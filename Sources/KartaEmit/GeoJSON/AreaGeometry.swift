import Foundation

/// Outlines of areas supplied by the user (`--geometry FILE`): a GeoJSON FeatureCollection whose
/// features carry the karta area code (`SZR31`, `SZR`) in a property (default `code`).
///
/// karta ships no outlines of its own. Geometries are kept as the JSON bytes of the `geometry`
/// member, re-serialised with sorted keys so output stays deterministic.
public struct AreaGeometry: Sendable {
    /// Geometry JSON per upper-cased area code.
    public let geometries: [String: Data]
    public let path: String

    /// An error reading the geometry file, with its path.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    public init(geometries: [String: Data], path: String) {
        self.geometries = geometries
        self.path = path
    }

    /// Reads `path`; features without the code property or without geometry are skipped.
    public static func load(path: String, codeProperty: String = "code") throws -> AreaGeometry {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw LoadError(path: path, message: "cannot read: \(error.localizedDescription)")
        }
        guard
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            root["type"] as? String == "FeatureCollection",
            let features = root["features"] as? [Any]
        else { throw LoadError(path: path, message: "not a GeoJSON FeatureCollection") }
        var geometries: [String: Data] = [:]
        for case let feature as [String: Any] in features {
            guard
                let properties = feature["properties"] as? [String: Any],
                let code = (properties[codeProperty] as? String)?.uppercased(),
                let geometry = feature["geometry"] as? [String: Any],
                geometry["type"] is String
            else { continue }
            geometries[code] = try JSONSerialization.data(
                withJSONObject: geometry, options: [.sortedKeys, .withoutEscapingSlashes])
        }
        guard !geometries.isEmpty else {
            throw LoadError(
                path: path, message: "no feature has a string property '\(codeProperty)' and a geometry")
        }
        return AreaGeometry(geometries: geometries, path: path)
    }

    /// The rings of an area's Polygon or MultiPolygon as (longitude, latitude) points.
    public func rings(code: String) -> [[(Double, Double)]] {
        guard
            let data = geometries[code.uppercased()],
            let geometry = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let type = geometry["type"] as? String
        else { return [] }
        func ring(_ value: Any) -> [(Double, Double)] {
            guard let points = value as? [[Double]] else { return [] }
            return points.compactMap { $0.count >= 2 ? ($0[0], $0[1]) : nil }
        }
        switch type {
        case "Polygon":
            return (geometry["coordinates"] as? [Any] ?? []).map(ring)
        case "MultiPolygon":
            return (geometry["coordinates"] as? [Any] ?? []).flatMap { ($0 as? [Any] ?? []).map(ring) }
        default:
            return []
        }
    }
}
