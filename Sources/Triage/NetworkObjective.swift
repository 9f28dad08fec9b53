import Foundation

/// The training objective of a `HiddenLayerNetwork` on one mini-batch: the summed softmax cross-entropy against
/// (optionally smoothed) labels, with inverted dropout on the inputs and on the hidden units. The first layer's
/// gradient is sparse: only the input rows that occur in the batch get one.
///
/// The batch is split into `parallelism` slices computed as concurrent child tasks and summed in slice order;
/// each example's dropout masks come from the seed and the example's index, so the result does not depend on
/// the split.
struct NetworkObjective: Sendable {
    /// The input vectors (compact feature indices).
    let inputs: [SparseVector]
    /// The class index of each input.
    let labels: [Int]
    /// The network's shape.
    let layout: NetworkLayout
    /// The probability that a hidden unit is dropped during training.
    let dropout: Float
    /// The probability that an input feature is dropped during training.
    let inputDropout: Float
    /// The share of each target spread evenly over all classes (0: one-hot targets).
    let labelSmoothing: Float
    /// How many slices of a batch are processed in parallel.
    let parallelism: Int

    init(
        inputs: [SparseVector], labels: [Int], layout: NetworkLayout, dropout: Float, inputDropout: Float = 0,
        labelSmoothing: Float = 0, parallelism: Int
    ) {
        precondition(inputs.count == labels.count, "one label per input")
        precondition((0..<1).contains(dropout) && (0..<1).contains(inputDropout), "dropout is below 1")
        self.inputs = inputs
        self.labels = labels
        self.layout = layout
        self.dropout = dropout
        self.inputDropout = inputDropout
        self.labelSmoothing = labelSmoothing
        self.parallelism = max(1, parallelism)
    }

    /// The summed loss and gradient of the examples `batch.examples` at `parameters` (not averaged).
    func gradient(_ parameters: [Float], batch: NetworkBatch, seed: UInt64) async -> NetworkGradient {
        let slices = min(parallelism, max(1, batch.examples.count / 16))
        let parts = await withTaskGroup(of: (Int, NetworkGradient).self) { group in
            for slice in 0..<slices {
                let lower = batch.examples.count * slice / slices
                let upper = batch.examples.count * (slice + 1) / slices
                group.addTask { (slice, accumulate(parameters, batch, lower..<upper, seed: seed)) }
            }
            var parts: [(Int, NetworkGradient)] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var total = parts[0]
        for part in parts.dropFirst() { total.add(part) }
        return total
    }

    private func accumulate(_ parameters: [Float], _ batch: NetworkBatch, _ range: Range<Int>, seed: UInt64)
        -> NetworkGradient
    {
        var gradient = NetworkGradient(rows: batch.rows, layout: layout)
        var scratch = [Float](repeating: 0, count: 3 * layout.hidden + layout.classes)
        var loss: Double = 0
        parameters.withUnsafeBufferPointer { weights in
            gradient.withBuffers { inputRows, rest in
                scratch.withUnsafeMutableBufferPointer { buffer in
                    let scratch = Scratch(buffer.baseAddress!, layout)
                    for position in range {
                        let example = batch.examples[position]
                        let input = droppedOut(example, seed: seed)
                        loss += step(example, input, weights.baseAddress!, scratch, seed: seed, rest: rest)
                        addInputRows(input, slots: batch.slots[position], delta: scratch.delta, into: inputRows)
                    }
                }
            }
        }
        gradient.loss = loss
        return gradient
    }

    /// Per-example buffers: the dropout factor of each hidden unit, the activations, the gradient of the
    /// pre-activations, and the scores.
    private struct Scratch {
        let factor: UnsafeMutablePointer<Float>
        let hidden: UnsafeMutablePointer<Float>
        let delta: UnsafeMutablePointer<Float>
        let scores: UnsafeMutablePointer<Float>

        init(_ base: UnsafeMutablePointer<Float>, _ layout: NetworkLayout) {
            factor = base
            hidden = base + layout.hidden
            delta = hidden + layout.hidden
            scores = delta + layout.hidden
        }
    }

    /// The example's input with dropped features set to zero (their positions kept) and the others scaled up.
    private func droppedOut(_ example: Int, seed: UInt64) -> SparseVector {
        guard inputDropout > 0 else { return inputs[example] }
        var generator = SeededGenerator(seed: seed, stream: 3, position: UInt64(example))
        var input = inputs[example]
        let keep = 1 - inputDropout
        for position in input.values.indices {
            input.values[position] = generator.unitFloat() < keep ? input.values[position] / keep : 0
        }
        return input
    }

    /// Forward with dropout, softmax, then the output-layer gradients and `scratch.delta`; returns the loss.
    @inline(__always)
    private func step(
        _ example: Int, _ input: SparseVector, _ weights: UnsafePointer<Float>, _ scratch: Scratch, seed: UInt64,
        rest: UnsafeMutablePointer<Float>
    ) -> Double {
        var generator = SeededGenerator(seed: seed, stream: 1, position: UInt64(example))
        let keep = 1 - dropout
        NetworkKernels.preactivations(input, weights: weights, layout: layout, into: scratch.hidden)
        for unit in 0..<layout.hidden {
            let kept = dropout == 0 || generator.unitFloat() < keep
            scratch.factor[unit] = scratch.hidden[unit] > 0 && kept ? 1 / keep : 0
            scratch.hidden[unit] *= scratch.factor[unit]
        }
        NetworkKernels.outputs(scratch.hidden, weights: weights, layout: layout, into: scratch.scores)
        let loss = smoothedLoss(scratch.scores, label: labels[example])
        backward(
            weights, factor: scratch.factor, hidden: scratch.hidden, delta: scratch.delta, scores: scratch.scores,
            into: rest)
        return loss
    }

    /// Turns `scores` into probabilities minus the target (the gradient of the scores) and returns the loss
    /// `-(1 - e) log p[label] - e/C sum log p`.
    @inline(__always)
    private func smoothedLoss(_ scores: UnsafeMutablePointer<Float>, label: Int) -> Double {
        let classes = layout.classes
        var loss = LinearScoring.softmaxInPlace(UnsafeMutableBufferPointer(start: scores, count: classes), label: label)
        if labelSmoothing > 0 {
            let share = labelSmoothing / Float(classes)
            var sum: Double = 0
            for index in 0..<classes {
                sum -= Foundation.log(max(Double(scores[index]), 1e-30))
                scores[index] -= share
            }
            loss = Double(1 - labelSmoothing) * loss + Double(share) * sum
        }
        scores[label] -= 1 - labelSmoothing
        return loss
    }

    /// Output-layer gradients, then `delta` = the gradient of the hidden pre-activations.
    @inline(__always)
    private func backward(
        _ weights: UnsafePointer<Float>, factor: UnsafePointer<Float>, hidden: UnsafePointer<Float>,
        delta: UnsafeMutablePointer<Float>, scores: UnsafeMutablePointer<Float>, into rest: UnsafeMutablePointer<Float>
    ) {
        let classes = layout.classes
        let outputWeights = rest + (layout.outputWeights - layout.hiddenBias)
        let outputBias = rest + (layout.outputBias - layout.hiddenBias)
        LinearScoring.axpy(1, scores, outputBias, classes)
        let rows = weights + layout.outputWeights
        for unit in 0..<layout.hidden {
            guard factor[unit] != 0 else {
                delta[unit] = 0
                continue
            }
            LinearScoring.axpy(hidden[unit], scores, outputWeights + unit * classes, classes)
            delta[unit] = factor[unit] * NetworkKernels.dot(rows + unit * classes, scores, classes)
        }
        LinearScoring.axpy(1, delta, rest, layout.hidden)
    }

    @inline(__always)
    private func addInputRows(
        _ input: SparseVector, slots: [Int32], delta: UnsafePointer<Float>, into inputRows: UnsafeMutablePointer<Float>
    ) {
        let width = layout.hidden
        input.values.withUnsafeBufferPointer { values in
            for position in 0..<values.count {
                LinearScoring.axpy(values[position], delta, inputRows + Int(slots[position]) * width, width)
            }
        }
    }
}

/// The examples of one mini-batch, the input rows they touch (increasing), and for each example the position of
/// each of its features among those rows.
struct NetworkBatch: Sendable {
    let examples: [Int]
    let rows: [UInt32]
    let slots: [[Int32]]

    /// Builds a batch; `map` is scratch space of one entry per input, all `-1`, and is left that way.
    init(examples: [Int], inputs: [SparseVector], map: inout [Int32]) {
        var rows: [UInt32] = []
        for example in examples {
            for index in inputs[example].indices where map[Int(index)] < 0 {
                map[Int(index)] = 0
                rows.append(index)
            }
        }
        rows.sort()
        for (slot, row) in rows.enumerated() { map[Int(row)] = Int32(slot) }
        slots = examples.map { example in inputs[example].indices.map { map[Int($0)] } }
        for row in rows { map[Int(row)] = -1 }
        self.examples = examples
        self.rows = rows
    }
}

/// A mini-batch gradient: the first layer's rows that occur in the batch, then every other parameter.
struct NetworkGradient: Sendable {
    /// The input rows with a gradient, increasing.
    let rows: [UInt32]
    /// `rows.count x hidden` (at least one row): the gradient of each of those rows of `W1`.
    var inputRows: [Float]
    /// The gradient of `b1`, `W2` and `b2` (the parameters from `layout.hiddenBias` on).
    var rest: [Float]
    /// The summed loss of the batch.
    var loss: Double = 0

    init(rows: [UInt32], layout: NetworkLayout) {
        self.rows = rows
        // At least one row, so the buffer always has an address.
        inputRows = [Float](repeating: 0, count: max(1, rows.count) * layout.hidden)
        rest = [Float](repeating: 0, count: layout.count - layout.hiddenBias)
    }

    mutating func add(_ other: NetworkGradient) {
        for index in inputRows.indices { inputRows[index] += other.inputRows[index] }
        for index in rest.indices { rest[index] += other.rest[index] }
        loss += other.loss
    }

    mutating func withBuffers<Result>(
        _ body: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Result
    ) -> Result {
        inputRows.withUnsafeMutableBufferPointer { rows in
            rest.withUnsafeMutableBufferPointer { rest in
                body(rows.baseAddress!, rest.baseAddress!)
            }
        }
    }
}
