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
    func train(
        _ data: (inputs: [SparseVector], targets: [Int]), layout: NetworkLayout,
        validation: (inputs: [SparseVector], targets: [Int])? = nil, epochs fixedEpochs: Int? = nil
    ) async -> Outcome {
        let config = configuration
        let objective = NetworkObjective(
            inputs: data.inputs, labels: data.targets, layout: layout, dropout: config.dropout,
            parallelism: parallelism)
        var parameters = HiddenLayerNetwork.initial(layout: layout, inputScale: config.inputScale, seed: config.seed)
            .parameters
        var optimiser = LazyAdam(layout: layout)
        var map = [Int32](repeating: -1, count: layout.inputs)
        let batchesPerEpoch = (data.inputs.count + config.batchSize - 1) / config.batchSize
        let totalSteps = Float(max(1, batchesPerEpoch * config.maxEpochs))
        var best: (parameters: [Float], epoch: Int, accuracy: Double, loss: Double)?
        var history: [(accuracy: Double, loss: Double)] = []
        for epoch in 0..<min(fixedEpochs ?? config.maxEpochs, config.maxEpochs) {
            let order = Self.shuffled(data.inputs.count, seed: config.seed, epoch: epoch)
            for start in stride(from: 0, to: order.count, by: config.batchSize) {
                let examples = Array(order[start..<min(order.count, start + config.batchSize)])
                let batch = NetworkBatch(examples: examples, inputs: data.inputs, map: &map)
                let step = optimiser.step
                let gradient = await objective.gradient(
                    parameters, batch: batch, seed: config.seed &+ UInt64(step) &* 0x2545_F491_4F6C_DD1D)
                let progress = Float(step) / totalSteps
                let rate = config.learningRate * (1 - (1 - config.finalLearningRateShare) * progress)
                optimiser.update(
                    &parameters, with: gradient, scale: 1 / Float(examples.count), learningRate: rate,
                    decay: config.weightDecay)
            }
            guard let validation else { continue }
            let network = HiddenLayerNetwork(layout: layout, parameters: parameters)
            let score = await Self.score(network, validation, parallelism: parallelism)
            history.append(score)
            if best == nil || score.accuracy > best!.accuracy
                || (score.accuracy == best!.accuracy && score.loss < best!.loss)
            {
                best = (parameters, epoch + 1, score.accuracy, score.loss)
            } else if epoch + 1 - best!.epoch >= config.patience {
                break
            }
        }
        let chosen = best ?? (parameters, min(fixedEpochs ?? config.maxEpochs, config.maxEpochs), 0, 0)
        return Outcome(
            network: HiddenLayerNetwork(layout: layout, parameters: chosen.parameters), epochs: chosen.epoch,
            history: history)
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
