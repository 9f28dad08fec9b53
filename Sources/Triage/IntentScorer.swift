import Foundation

/// What turns a model input into raw scores (one per label, before the temperature and the softmax).
public enum IntentScorer: Sendable, Hashable {
    /// Multinomial logistic regression: weights feature-major (`features x labels`), then one bias per label.
    case linear([Float])
    /// A network with one hidden layer (`HiddenLayerNetwork`).
    case network(HiddenLayerNetwork)
    /// The average of the two models' probabilities, with `networkShare` for the network; its scores are the
    /// logarithms of the averaged probabilities.
    case ensemble(linear: [Float], network: HiddenLayerNetwork, networkShare: Float)

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
        /// A network with one hidden layer.
        case network = 2
        /// Logistic regression and network, probabilities averaged.
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
        switch self {
        case .linear(let weights): weights.count == (features + 1) * classes
        case .network(let network):
            network.layout == NetworkLayout(inputs: features, hidden: network.layout.hidden, classes: classes)
        case .ensemble(let weights, let network, _):
            Self.linear(weights).fits(features: features, classes: classes)
                && Self.network(network).fits(features: features, classes: classes)
        }
    }

    /// The raw scores of a model input.
    func scores(_ input: SparseVector, classes: Int) -> [Float] {
        switch self {
        case .linear(let weights): Self.linearScores(weights, input, classes: classes)
        case .network(let network): network.scores(input)
        case .ensemble(let weights, let network, let share):
            Self.averagedLogProbabilities(
                Self.linearScores(weights, input, classes: classes), network.scores(input), share: share)
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

    /// `log((1 - share) * softmax(first) + share * softmax(second))`.
    static func averagedLogProbabilities(_ first: [Float], _ second: [Float], share: Float) -> [Float] {
        var first = first
        var second = second
        first.withUnsafeMutableBufferPointer { _ = LinearScoring.softmaxInPlace($0) }
        second.withUnsafeMutableBufferPointer { _ = LinearScoring.softmaxInPlace($0) }
        return zip(first, second).map { Foundation.log(max((1 - share) * $0 + share * $1, 1e-30)) }
    }
}
