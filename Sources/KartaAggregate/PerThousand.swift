/// Population-relative figures with one documented rounding rule.
public enum PerThousand {
    /// `count` per 1,000 of `population`, rounded half away from zero to 2 decimals; nil when
    /// the population is unknown or zero.
    public static func ratio(_ count: Int, population: Int?) -> Double? {
        guard let population, population > 0 else { return nil }
        let scaled = (Double(count) * 1000.0 / Double(population) * 100.0).rounded(.toNearestOrAwayFromZero)
        return scaled / 100.0
    }
}
