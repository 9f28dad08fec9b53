import Foundation

/// The confidence of a model trained with negatives: the negatives (and the training rows marked out of scope)
/// form one more class, the none-class; the prediction is always the most probable intent, and a logistic
/// calibration fitted on held-out rows of both kinds turns the intent's probability and the none-class's
/// probability into the probability that the intent is right. When the none-class holds at least half of the
/// probability, the prediction is marked out of scope.
public struct OutOfScopeCalibration: Sendable, Hashable {
    /// The label index of the none-class.
    public var noneClass: Int
    /// The intercept, then one coefficient per signal (see `signals`).
    public var coefficients: [Double]

    /// Creates a calibration from its parts (as stored in a model file).
    public init(noneClass: Int, coefficients: [Double]) {
        self.noneClass = noneClass
        self.coefficients = coefficients
    }

    /// The number of coefficients: the intercept and one per signal.
    public static let coefficientCount = 3

    /// The signals of one message from its tempered probabilities: the log-odds of the best intent's
    /// probability and of the none-class's probability.
    static func signals(_ probabilities: [Double], intent: Int, noneClass: Int) -> [Double] {
        [logit(probabilities[intent]), logit(probabilities[noneClass])]
    }

    /// The most probable label other than the none-class.
    func bestIntent(_ probabilities: [Double]) -> Int {
        probabilities.indices.filter { $0 != noneClass }.max { probabilities[$0] < probabilities[$1] }!
    }

    /// The probability that the intent is right.
    func confidence(_ probabilities: [Double], intent: Int) -> Double {
        let values = Self.signals(probabilities, intent: intent, noneClass: noneClass)
        return LogisticCalibration.probability(coefficients: coefficients, signals: values)
    }

    static func logit(_ p: Double) -> Double {
        let clipped = min(max(p, 1e-9), 1 - 1e-9)
        return Foundation.log(clipped / (1 - clipped))
    }
}
