import Foundation
import KartaModel

/// How many services each municipality gets: about 4,500 across the country at scale 1, more in
/// bigger municipalities (population^0.75), at least four everywhere; `scale` multiplies them.
public struct DatasetPlan: Sendable {
    public static let servicesAtScaleOne = 4_500

    public let seed: UInt64
    public let scale: Double
    public let registry: ReferenceRegistry
    /// Services per municipality, in the order of `registry.municipalities`.
    public let serviceCounts: [Int]

    public init(seed: UInt64, scale: Double, registry: ReferenceRegistry = .bulgaria) {
        self.seed = seed
        self.scale = scale
        self.registry = registry
        let weights = registry.municipalities.map { pow(Double(max($0.population, 1)), 0.75) }
        let total = weights.reduce(0, +)
        serviceCounts = weights.map { weight in
            let base = max(4.0, (Double(Self.servicesAtScaleOne) * weight / total).rounded())
            return max(1, Int((base * scale).rounded()))
        }
    }

    public var totalServices: Int { serviceCounts.reduce(0, +) }
}
