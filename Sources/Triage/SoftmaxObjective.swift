import Foundation

/// The training objective of multinomial logistic regression: mean cross-entropy of the softmax over the
/// examples plus `lambda / 2` times the squared norm of the weights (the biases are not penalised).
///
/// Parameters are one flat array: the weights, feature-major (`features x classes`), then the biases.
public struct SoftmaxObjective: Sendable {
    /// The input vectors (compact feature indices).
    public let inputs: [SparseVector]
    /// The class index of each input.
    public let labels: [Int]
    /// The number of features.
    public let featureCount: Int
    /// The number of classes.
    public let classCount: Int
    /// The L2 penalty.
    public let lambda: Float
    /// How many slices of the data are processed in parallel.
    public let parallelism: Int

    /// Creates the objective.
    public init(
        inputs: [SparseVector], labels: [Int], featureCount: Int, classCount: Int, lambda: Float,
        parallelism: Int = 2
    ) {
        precondition(inputs.count == labels.count, "one label per input")
        self.inputs = inputs
        self.labels = labels
        self.featureCount = featureCount
        self.classCount = classCount
        self.lambda = lambda
        self.parallelism = max(1, parallelism)
    }

    /// The number of parameters.
    public var parameterCount: Int { (featureCount + 1) * classCount }

    /// The objective's value and gradient at `parameters` (slices of the data run as concurrent child tasks).
    public func evaluate(_ parameters: [Float]) async -> (value: Double, gradient: [Float]) {
        let slices = min(parallelism, max(1, inputs.count / 256))
        let parts = await withTaskGroup(of: (Int, Double, [Float]).self) { group in
            for slice in 0..<slices {
                group.addTask {
                    let (loss, gradient) = accumulate(sliceRange(slice, of: slices), parameters: parameters)
                    return (slice, loss, gradient)
                }
            }
            var parts: [(Int, Double, [Float])] = []
            for await part in group { parts.append(part) }
            // Summed in slice order, so training is deterministic.
            return parts.sorted { $0.0 < $1.0 }.map { ($0.1, $0.2) }
        }
        return finish(parameters, gradients: parts.map(\.1), loss: parts.map(\.0).reduce(0, +))
    }

    private func sliceRange(_ slice: Int, of slices: Int) -> Range<Int> {
        let lower = inputs.count * slice / slices
        let upper = inputs.count * (slice + 1) / slices
        return lower..<upper
    }

    private func finish(_ parameters: [Float], gradients: [[Float]], loss: Double) -> (Double, [Float]) {
        var gradient = gradients[0]
        for other in gradients.dropFirst() {
            for index in gradient.indices { gradient[index] += other[index] }
        }
        let scale = 1 / Float(max(1, inputs.count))
        let weightCount = featureCount * classCount
        var penalty: Double = 0
        for index in 0..<weightCount {
            let weight = parameters[index]
            penalty += Double(weight * weight)
            gradient[index] = gradient[index] * scale + lambda * weight
        }
        for index in weightCount..<parameterCount {
            gradient[index] *= scale
        }
        let value = loss / Double(max(1, inputs.count)) + Double(lambda) / 2 * penalty
        return (value, gradient)
    }

    /// Adds the loss gradient of the examples in `range` (not yet averaged) and returns their summed loss.
    private func accumulate(_ range: Range<Int>, parameters: [Float]) -> (Double, [Float]) {
        var gradient = [Float](repeating: 0, count: parameterCount)
        let classes = classCount
        let biasOffset = featureCount * classes
        var scores = [Float](repeating: 0, count: classes)
        var loss: Double = 0
        parameters.withUnsafeBufferPointer { weights in
            gradient.withUnsafeMutableBufferPointer { grad in
                scores.withUnsafeMutableBufferPointer { score in
                    for example in range {
                        let input = inputs[example]
                        LinearScoring.scores(input, weights: weights, classes: classes, into: score)
                        loss += LinearScoring.softmaxInPlace(score, label: labels[example])
                        score[labels[example]] -= 1
                        LinearScoring.addOuter(input, score: score, classes: classes, into: grad)
                        for label in 0..<classes { grad[biasOffset + label] += score[label] }
                    }
                }
            }
        }
        return (loss, gradient)
    }
}
