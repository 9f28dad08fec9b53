import Foundation

/// What turns a model input into raw scores (one per label, before the temperature and the softmax).
public enum IntentScorer: Sendable, Hashable {
    /// Multinomial logistic regression: weights feature-major (`features x labels`), then one bias per label.
    case linear([Float])
    /// One or more networks with one hidden layer (`HiddenLayerNetwork`, trained from different seeds). One
    /// network's scores are its outputs; several networks' scores are the mean of their log-probabilities.
    case network([HiddenLayerNetwork])
    /// Logistic regression and one or more networks pooled log-linearly (a weighted geometric mean of their
    /// probabilities): the scores are `(1 - networkShare)` times the regression's log-probabilities plus
    /// `networkShare` times the networks' mean log-probabilities. Where the models disagree the pooled
    /// distribution is flatter than either, which keeps doubtful (and out-of-scope) messages below the threshold.
    case ensemble(linear: [Float], networks: [HiddenLayerNetwork], networkShare: Float)

    /// The kind, as stored in a model file.
    public var kind: Kind {
        switch self {
        case .linear: .linear
        case .network: .network
        case .ensemble: .ensemble
        }
    }

    /// The kinds of scorer.
    public enum Kind: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// Multinomial logistic regression.
        case linear = 1
        /// Networks with one hidden layer.
        case network = 2
        /// Logistic regression and networks, pooled log-linearly.
        case ensemble = 3

        /// The kind's name (`linear`, `network`, `ensemble`).
        public var description: String {
            switch self {
            case .linear: "linear"
            case .network: "network"
            case .ensemble: "ensemble"
            }
        }
    }

    /// Whether the scorer's shapes fit a feature space and label count.
    func fits(features: Int, classes: Int) -> Bool {
        let fitsNetwork = { (network: HiddenLayerNetwork) in
            network.layout == NetworkLayout(inputs: features, hidden: network.layout.hidden, classes: classes)
        }
        return switch self {
        case .linear(let weights): weights.count == (features + 1) * classes
        case .network(let networks): !networks.isEmpty && networks.allSatisfy(fitsNetwork)
        case .ensemble(let weights, let networks, _):
            weights.count == (features + 1) * classes && !networks.isEmpty && networks.allSatisfy(fitsNetwork)
        }
    }

    /// The raw scores of a model input.
    func scores(_ input: SparseVector, classes: Int) -> [Float] {
        switch self {
        case .linear(let weights):
            return Self.linearScores(weights, input, classes: classes)
        case .network(let networks):
            guard networks.count > 1 else { return networks[0].scores(input) }
            return Self.meanLogProbabilities(networks, input, classes: classes)
        case .ensemble(let weights, let networks, let share):
            let linear = Self.logProbabilities(Self.linearScores(weights, input, classes: classes))
            let network = Self.meanLogProbabilities(networks, input, classes: classes)
            return zip(linear, network).map { (1 - share) * $0 + share * $1 }
        }
    }

    static func linearScores(_ weights: [Float], _ input: SparseVector, classes: Int) -> [Float] {
        var score = [Float](repeating: 0, count: classes)
        weights.withUnsafeBufferPointer { weights in
            score.withUnsafeMutableBufferPointer { buffer in
                LinearScoring.scores(input, weights: weights, classes: classes, into: buffer)
            }
        }
        return score
    }

    /// The mean of the networks' log-probabilities.
    static func meanLogProbabilities(_ networks: [HiddenLayerNetwork], _ input: SparseVector, classes: Int)
        -> [Float]
    {
        var sum = [Float](repeating: 0, count: classes)
        for network in networks {
            let logProbabilities = logProbabilities(network.scores(input))
            for label in 0..<classes { sum[label] += logProbabilities[label] }
        }
        let scale = 1 / Float(networks.count)
        return sum.map { $0 * scale }
    }

    /// `scores - log(sum(exp(scores)))`, computed stably.
    static func logProbabilities(_ scores: [Float]) -> [Float] {
        let maximum = scores.max() ?? 0
        var sum: Float = 0
        for score in scores { sum += Foundation.exp(score - maximum) }
        let shift = maximum + Foundation.log(sum)
        return scores.map { $0 - shift }
    }
}
