import Foundation

/// Maps a confidence someone else stated (a language model's) to the probability of being right, fitted on
/// labelled data: Platt scaling on the logit of the stated value. A model that says 0.95 and is right 70% of the
/// time is then read as 0.70.
public struct StatedConfidenceCalibration: Sendable, Hashable, Codable {
    /// Intercept and slope on the logit of the stated confidence.
    public var coefficients: [Double]

    /// Creates a calibration from its coefficients.
    public init(coefficients: [Double]) {
        self.coefficients = coefficients
    }

    /// The calibrated probability for a stated confidence.
    public func calibrated(_ stated: Double) -> Double {
        guard coefficients.count == 2 else { return 0 }
        return LogisticCalibration.probability(coefficients: coefficients, signals: [Self.logit(stated)])
    }

    /// Fits the calibration to stated confidences and whether each answer was right.
    public static func fit(stated: [Double], correct: [Bool]) -> StatedConfidenceCalibration {
        let rows = stated.map { [logit($0)] }
        return StatedConfidenceCalibration(
            coefficients: LogisticCalibration.fit(
                signals: rows, outcomes: correct, weights: [Double](repeating: 1, count: rows.count), ridge: 1e-3))
    }

    private static func logit(_ value: Double) -> Double {
        let clamped = min(max(value, 0.001), 0.999)
        return Foundation.log(clamped / (1 - clamped))
    }
}
