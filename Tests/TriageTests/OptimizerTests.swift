import Testing

@testable import Triage

@Suite struct OptimizerTests {
    /// A small random problem: 3 classes, 6 features, 12 examples.
    static func problem(lambda: Float) -> SoftmaxObjective {
        var generator = SplitMix(seed: 7)
        var inputs: [SparseVector] = []
        var labels: [Int] = []
        for row in 0..<12 {
            let indices = Array(Set((0..<3).map { _ in UInt32(generator.next() % 6) })).sorted()
            inputs.append(SparseVector(indices: indices, values: indices.map { _ in Float(generator.unit()) + 0.1 }))
            labels.append(row % 3)
        }
        return SoftmaxObjective(inputs: inputs, labels: labels, featureCount: 6, classCount: 3, lambda: lambda)
    }

    @Test func gradientMatchesFiniteDifferences() async {
        let objective = Self.problem(lambda: 0.05)
        var generator = SplitMix(seed: 3)
        let point = (0..<objective.parameterCount).map { _ in Float(generator.unit() - 0.5) }
        let (_, gradient) = await objective.evaluate(point)
        let step: Float = 1e-2
        for index in 0..<objective.parameterCount {
            var plus = point
            var minus = point
            plus[index] += step
            minus[index] -= step
            let numeric =
                (await objective.evaluate(plus).value - (await objective.evaluate(minus).value)) / Double(2 * step)
            #expect(abs(numeric - Double(gradient[index])) < 2e-3, "parameter \(index)")
        }
    }

    @Test func lbfgsMinimisesTheObjective() async {
        let objective = Self.problem(lambda: 0.01)
        let start = [Float](repeating: 0, count: objective.parameterCount)
        let initial = await objective.evaluate(start).value
        let result = await LBFGS(maxIterations: 200, relativeTolerance: 1e-10).minimize(
            from: start, objective: objective.evaluate)
        #expect(result.value < initial * 0.8)
        let gradient = await objective.evaluate(result.parameters).gradient
        #expect(gradient.map { abs($0) }.max()! < 1e-3)
    }

    @Test func lbfgsFindsTheMinimumOfAQuadratic() async {
        let centre: [Float] = [3, -2, 0.5]
        let result = await LBFGS(relativeTolerance: 1e-12).minimize(from: [0, 0, 0]) { x in
            let difference = zip(x, centre).map { $0 - $1 }
            let weights: [Float] = [1, 10, 100]
            let value = zip(difference, weights).reduce(0.0) { $0 + Double($1.1 * $1.0 * $1.0) }
            return (value, zip(difference, weights).map { 2 * $1 * $0 })
        }
        for (found, expected) in zip(result.parameters, centre) {
            #expect(abs(found - expected) < 1e-3)
        }
    }
}

/// A small deterministic random number generator for tests.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
