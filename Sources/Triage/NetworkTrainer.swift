/// Trains a `HiddenLayerNetwork` by mini-batch Adam (`LazyAdam`). With a validation set it keeps the network of
/// the pass with the best validation accuracy (ties: lower loss) and stops after `patience` passes without one;
/// without, it runs a fixed number of passes. Deterministic: the same data and configuration give the same
/// network.
struct NetworkTrainer: Sendable {
    let configuration: NetworkConfiguration
    let parallelism: Int

    /// The outcome of training.
    struct Outcome: Sendable {
        var network: HiddenLayerNetwork
        /// The number of passes that gave `network`.
        var epochs: Int
        /// Validation accuracy and mean loss after each pass (empty without validation).
        var history: [(accuracy: Double, loss: Double)]
    }

    /// Trains on `data`; stops early on `validation` when given, else runs `epochs` passes (default: all).
    /// `onPass` hears the number of each pass done (from 1) and the most passes.
    func train(
        _ data: (inputs: [SparseVector], targets: [Int]), layout: NetworkLayout,
        validation: (inputs: [SparseVector], targets: [Int])? = nil, epochs fixedEpochs: Int? = nil,
        onPass: (@Sendable (Int, Int) -> Void)? = nil
    ) async -> Outcome {
        var run = Run(configuration, data, layout, parallelism: parallelism)
        let passes = min(fixedEpochs ?? configuration.maxEpochs, configuration.maxEpochs)
        var best: (parameters: [Float], epoch: Int, accuracy: Double, loss: Double)?
        var history: [(accuracy: Double, loss: Double)] = []
        for epoch in 0..<passes {
            await run.pass(epoch)
            onPass?(epoch + 1, passes)
            guard let validation else { continue }
            let score = await Self.score(run.network, validation, parallelism: parallelism)
            history.append(score)
            if let current = best,
                score.accuracy < current.accuracy
                    || (score.accuracy == current.accuracy && score.loss >= current.loss)
            {
                if epoch + 1 - current.epoch >= configuration.patience { break }
            } else {
                best = (run.parameters, epoch + 1, score.accuracy, score.loss)
            }
        }
        let chosen = best.map { ($0.parameters, $0.epoch) } ?? (run.parameters, passes)
        return Outcome(
            network: HiddenLayerNetwork(layout: layout, parameters: chosen.0), epochs: chosen.1, history: history)
    }

    /// The state of one training run: parameters, optimiser, and the learning-rate schedule.
    private struct Run {
        let configuration: NetworkConfiguration
        let objective: NetworkObjective
        let totalSteps: Float
        var parameters: [Float]
        var optimiser: LazyAdam
        var map: [Int32]

        init(
            _ configuration: NetworkConfiguration, _ data: (inputs: [SparseVector], targets: [Int]),
            _ layout: NetworkLayout, parallelism: Int
        ) {
            self.configuration = configuration
            objective = NetworkObjective(
                inputs: data.inputs, labels: data.targets, layout: layout, dropout: configuration.dropout,
                inputDropout: configuration.inputDropout, labelSmoothing: configuration.labelSmoothing,
                parallelism: parallelism)
            let batchesPerEpoch = (data.inputs.count + configuration.batchSize - 1) / configuration.batchSize
            totalSteps = Float(max(1, batchesPerEpoch * configuration.maxEpochs))
            parameters =
                HiddenLayerNetwork.initial(
                    layout: layout, inputScale: configuration.inputScale, seed: configuration.seed
                ).parameters
            optimiser = LazyAdam(layout: layout)
            map = [Int32](repeating: -1, count: layout.inputs)
        }

        var network: HiddenLayerNetwork { HiddenLayerNetwork(layout: objective.layout, parameters: parameters) }

        /// One pass over the shuffled rows in mini-batches; the learning rate falls linearly with the steps.
        mutating func pass(_ epoch: Int) async {
            let order = NetworkTrainer.shuffled(objective.inputs.count, seed: configuration.seed, epoch: epoch)
            for start in stride(from: 0, to: order.count, by: configuration.batchSize) {
                let examples = Array(order[start..<min(order.count, start + configuration.batchSize)])
                let batch = NetworkBatch(examples: examples, inputs: objective.inputs, map: &map)
                let step = optimiser.step
                let gradient = await objective.gradient(
                    parameters, batch: batch, seed: configuration.seed &+ UInt64(step) &* 0x2545_F491_4F6C_DD1D)
                let progress = Float(step) / totalSteps
                let rate = configuration.learningRate * (1 - (1 - configuration.finalLearningRateShare) * progress)
                optimiser.update(
                    &parameters, with: gradient, scale: 1 / Float(examples.count), learningRate: rate,
                    decay: configuration.weightDecay)
            }
        }
    }

    /// A Fisher-Yates shuffle of `0..<count` from the seed and the pass number.
    static func shuffled(_ count: Int, seed: UInt64, epoch: Int) -> [Int] {
        var order = Array(0..<count)
        var generator = SeededGenerator(seed: seed, stream: 2, position: UInt64(epoch))
        var index = count - 1
        while index > 0 {
            let other = Int(generator.next() % UInt64(index + 1))
            order.swapAt(index, other)
            index -= 1
        }
        return order
    }

    /// Accuracy and mean cross-entropy of a network on labelled inputs (slices scored concurrently).
    static func score(
        _ network: HiddenLayerNetwork, _ data: (inputs: [SparseVector], targets: [Int]), parallelism: Int
    ) async -> (accuracy: Double, loss: Double) {
        let slices = max(1, min(parallelism, data.inputs.count / 64))
        let parts = await withTaskGroup(of: (Int, Int, Double).self) { group in
            for slice in 0..<slices {
                let range = (data.inputs.count * slice / slices)..<(data.inputs.count * (slice + 1) / slices)
                group.addTask {
                    var right = 0
                    var loss: Double = 0
                    for row in range {
                        var scores = network.scores(data.inputs[row])
                        let target = data.targets[row]
                        let top = scores.indices.max { scores[$0] < scores[$1] }!
                        if top == target { right += 1 }
                        guard target >= 0 else { continue }
                        loss += scores.withUnsafeMutableBufferPointer {
                            LinearScoring.softmaxInPlace($0, label: target)
                        }
                    }
                    return (slice, right, loss)
                }
            }
            var parts: [(Int, Int, Double)] = []
            for await part in group { parts.append(part) }
            // Summed in slice order, so the score is deterministic.
            return parts.sorted { $0.0 < $1.0 }.reduce((0, 0.0)) { ($0.0 + $1.1, $0.1 + $1.2) }
        }
        let count = Double(max(1, data.inputs.count))
        return (Double(parts.0) / count, parts.1 / count)
    }
}
