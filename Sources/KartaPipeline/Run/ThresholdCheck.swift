import Foundation
import KartaModel

/// Decides whether a run's data problems exceed the pipeline's thresholds (exit status 1).
enum ThresholdCheck {
    /// Each exceeded threshold as a sentence naming the file and the figures.
    static func breaches(inputs: [SourceReport], thresholds: Thresholds) -> [String] {
        var breaches: [String] = []
        for input in inputs {
            if input.status == .refused {
                if thresholds.failOnRefused {
                    breaches.append("\(input.path): refused as a whole (\(input.error ?? "unreadable"))")
                }
                continue
            }
            let dataRows = input.rowsRead - input.nonData
            guard dataRows > 0 else { continue }
            let percent = Double(input.rejected) * 100 / Double(dataRows)
            if percent > thresholds.maxRejectedPercent {
                breaches.append(
                    String(
                        format: "%@: %d of %d data rows rejected (%.1f%% > %g%%)", input.path, input.rejected,
                        dataRows, percent, thresholds.maxRejectedPercent))
            }
        }
        if let limit = thresholds.maxRejectedRows {
            let total = inputs.map(\.rejected).reduce(0, +)
            if total > limit { breaches.append("\(total) rows rejected in all (more than \(limit))") }
        }
        return breaches
    }
}
