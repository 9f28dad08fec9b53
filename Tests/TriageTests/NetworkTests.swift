import Testing

@testable import Triage

@Suite struct NetworkTests {
    static let layout = NetworkLayout(inputs: 8, hidden: 5, classes: 3)

    /// 40 sparse inputs over 8 features, labels cycling over 3 classes.
    static func problem() -> (inputs: [SparseVector], labels: [Int]) {
        var generator = SplitMix(seed: 5)
        var inputs: [SparseVector] = []
        var labels: [Int] = []
        for row in 0..<40 {
            let indices = Array(Set((0..<3).map { _ in UInt32(generator.next() % 8) })).sorted()
            inputs.append(SparseVector(indices: indices, values: indices.map { _ in Float(generator.unit()) + 0.2 }))
            labels.append(row % 3)
        }
        return (inputs, labels)
    }

    /// Random parameters in ±0.8 (biases included, so hidden units are on both sides of zero), from the first
    /// seed whose hidden pre-activations all stay at least 0.01 from the ReLU's kink: finite differences across
    /// the kink would disagree with the gradient.
    static func point() -> [Float] {
        for seed in UInt64(0)..<1000 {
            var generator = SplitMix(seed: seed)
            let parameters = (0..<layout.count).map { _ in Float(generator.unit() - 0.5) * 1.6 }
            if preactivations(parameters).allSatisfy({ abs($0) > 0.01 }) { return parameters }
        }
        return []
    }

    /// The hidden pre-activations of every example, one after the other.
    static func preactivations(_ parameters: [Float]) -> [Float] {
        var all: [Float] = []
        var hidden = [Float](repeating: 0, count: layout.hidden)
        for input in problem().inputs {
            parameters.withUnsafeBufferPointer { weights in
                hidden.withUnsafeMutableBufferPointer { buffer in
                    NetworkKernels.preactivations(
                        input, weights: weights.baseAddress!, layout: layout, into: buffer.baseAddress!)
                }
            }
            all += hidden
        }
        return all
    }

    /// The sparse gradient written out over every parameter.
    static func dense(_ gradient: NetworkGradient) -> [Float] {
        var result = [Float](repeating: 0, count: layout.count)
        for (slot, row) in gradient.rows.enumerated() {
            for unit in 0..<layout.hidden {
                result[Int(row) * layout.hidden + unit] = gradient.inputRows[slot * layout.hidden + unit]
            }
        }
        for (offset, value) in gradient.rest.enumerated() { result[layout.hiddenBias + offset] = value }
        return result
    }

    static func gradient(
        at parameters: [Float], dropout: Float, examples: [Int] = Array(0..<40), parallelism: Int = 2
    ) async -> NetworkGradient {
        let (inputs, labels) = problem()
        let objective = NetworkObjective(
            inputs: inputs, labels: labels, layout: layout, dropout: dropout, parallelism: parallelism)
        var map = [Int32](repeating: -1, count: layout.inputs)
        let batch = NetworkBatch(examples: examples, inputs: inputs, map: &map)
        #expect(map.allSatisfy { $0 == -1 }, "the scratch map is left clean")
        return await objective.gradient(parameters, batch: batch, seed: 17)
    }

    @Test func testPointExercisesBothSidesOfTheKink() {
        let values = Self.preactivations(Self.point())
        #expect(values.count == 40 * Self.layout.hidden)
        #expect(values.filter { $0 > 0 }.count >= 40)
        #expect(values.filter { $0 < 0 }.count >= 40)
    }

    @Test(arguments: [Float(0), 0.5])
    func gradientMatchesFiniteDifferences(dropout: Float) async {
        let point = Self.point()
        let analytic = Self.dense(await Self.gradient(at: point, dropout: dropout))
        let step: Float = 2e-3
        for index in 0..<Self.layout.count {
            var plus = point
            var minus = point
            plus[index] += step
            minus[index] -= step
            let up = await Self.gradient(at: plus, dropout: dropout).loss
            let down = await Self.gradient(at: minus, dropout: dropout).loss
            let numeric = (up - down) / Double(2 * step)
            #expect(abs(numeric - Double(analytic[index])) < 3e-3, "parameter \(index)")
        }
    }

    @Test func batchGradientTouchesOnlyItsRowsAndDoesNotDependOnTheSplit() async {
        let point = Self.point()
        let examples = [3, 7, 11, 19]
        let gradient = await Self.gradient(at: point, dropout: 0.3, examples: examples)
        let inputs = Self.problem().inputs
        #expect(gradient.rows == Array(Set(examples.flatMap { inputs[$0].indices })).sorted())
        let whole = await Self.gradient(at: point, dropout: 0.3, parallelism: 1)
        let split = await Self.gradient(at: point, dropout: 0.3, parallelism: 2)
        #expect(abs(whole.loss - split.loss) < 1e-9)
        for (a, b) in zip(Self.dense(whole), Self.dense(split)) { #expect(abs(a - b) < 1e-5) }
    }

    @Test func lazyAdamMovesOnlyTheRowsOfTheBatchAgainstTheGradient() async {
        let point = Self.point()
        let gradient = await Self.gradient(at: point, dropout: 0, examples: [0])
        var parameters = point
        var optimiser = LazyAdam(layout: Self.layout)
        optimiser.update(&parameters, with: gradient, scale: 1, learningRate: 0.01, decay: 0)
        let dense = Self.dense(gradient)
        let width = Self.layout.hidden
        for row in 0..<Self.layout.inputs where !gradient.rows.contains(UInt32(row)) {
            #expect(parameters[row * width..<(row + 1) * width] == point[row * width..<(row + 1) * width])
        }
        for index in 0..<Self.layout.count where abs(dense[index]) > 1e-4 {
            // Adam's first step moves each parameter by the learning rate, against the gradient's sign.
            #expect(abs((point[index] - parameters[index]) - 0.01 * (dense[index] > 0 ? 1 : -1)) < 1e-4)
        }
    }

    @Test func shuffleIsAPermutationFixedBySeedAndPass() {
        let first = NetworkTrainer.shuffled(50, seed: 1, epoch: 0)
        #expect(first.sorted() == Array(0..<50))
        #expect(first == NetworkTrainer.shuffled(50, seed: 1, epoch: 0))
        #expect(first != NetworkTrainer.shuffled(50, seed: 1, epoch: 1))
        #expect(first != NetworkTrainer.shuffled(50, seed: 2, epoch: 0))
    }
}
