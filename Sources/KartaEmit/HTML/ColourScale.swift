/// Five equal-interval classes between the smallest and the largest value, coloured from light
/// to dark blue-green; areas without a value are grey.
public struct ColourScale: Sendable {
    public static let colours = ["#edf8fb", "#b2e2e2", "#66c2a4", "#2ca25f", "#006d2c"]
    public static let noData = "#d9d9d9"
    public let minimum: Double
    public let maximum: Double

    public init(values: [Double]) {
        minimum = values.min() ?? 0
        maximum = values.max() ?? 0
    }

    /// The class (0…4) of a value.
    public func classIndex(_ value: Double) -> Int {
        guard maximum > minimum else { return Self.colours.count / 2 }
        let position = (value - minimum) / (maximum - minimum)
        return min(Self.colours.count - 1, max(0, Int(position * Double(Self.colours.count))))
    }

    public func colour(_ value: Double?) -> String {
        guard let value else { return Self.noData }
        return Self.colours[classIndex(value)]
    }

    /// The bounds of each class, lower and upper.
    public var classes: [(lower: Double, upper: Double)] {
        let step = (maximum - minimum) / Double(Self.colours.count)
        return (0..<Self.colours.count).map { (minimum + step * Double($0), minimum + step * Double($0 + 1)) }
    }

    /// Whether a class's text should be white for contrast.
    public static func darkClass(_ colour: String) -> Bool { colour == colours[3] || colour == colours[4] }
}
