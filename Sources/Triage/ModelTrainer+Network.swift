extension ModelTrainer {
    /// The models fitted on the training rows outside the calibration slice.
    struct HeldOut {
        var linear: (lambda: Float, parameters: [Float])?
        var network: HiddenLayerNetwork?
        var lambdaScores: [(lambda: Float, accuracy: Double)] = []
        var networkHistory: [(accuracy: Double, loss: Double)] = []
        var networkEpochs: Int?
        var networkShare: Float

        var lambda: Float? { linear?.lambda }

        var scorer: IntentScorer { ModelTrainer.scorer(linear?.parameters, network, share: networkShare) }
    }

    /// Fits the configured models on `data`: the penalty path scored on `selection`, the network stopping early
    /// on `slice`.
    func fitHeldOut(
        _ data: (inputs: [SparseVector], targets: [Int]), slice: (inputs: [SparseVector], targets: [Int]),
        selection: (inputs: [SparseVector], targets: [Int]), classes: Int, features: Int
    ) async -> HeldOut {
        var heldOut = HeldOut(networkShare: configuration.networkShare)
        if configuration.kind != .network {
            let path = await fitPath(data, classes, features, selection: selection)
            heldOut.linear = path.best
            heldOut.lambdaScores = path.scores
        }
        if configuration.kind != .linear {
            let layout = NetworkLayout(inputs: features, hidden: configuration.network.hiddenUnits, classes: classes)
            let outcome = await networkTrainer.train(data, layout: layout, validation: slice)
            heldOut.network = outcome.network
            heldOut.networkHistory = outcome.history
            heldOut.networkEpochs = outcome.epochs
        }
        return heldOut
    }

    /// Fits the final models on all rows: the logistic regression from the held-out fit, the network afresh for
    /// the passes chosen on the slice (or the held-out network itself when `refitNetwork` is off).
    func fitFinal(_ problem: Problem, heldOut: HeldOut, classes: Int, features: Int) async -> IntentScorer {
        var linear: [Float]?
        if let held = heldOut.linear {
            linear = await fit(
                problem.inputs, problem.targets, features, classes, lambda: held.lambda, start: held.parameters,
                iterations: configuration.maxIterations / 2)
        }
        var network = heldOut.network
        if let held = heldOut.network, configuration.refitNetwork {
            network = await networkTrainer.train(
                (problem.inputs, problem.targets), layout: held.layout, epochs: heldOut.networkEpochs
            ).network
        }
        return Self.scorer(linear, network, share: heldOut.networkShare)
    }

    /// What was trained, in words (stored in the model file).
    func trainingSummary(_ heldOut: HeldOut) -> String {
        var parts: [String] = []
        if let lambda = heldOut.lambda { parts.append("logistic regression (L-BFGS, lambda \(lambda))") }
        if let network = heldOut.network, let epochs = heldOut.networkEpochs {
            let settings = configuration.network
            parts.append(
                "network (\(network.layout.hidden) ReLU units, Adam, batch \(settings.batchSize), learning rate "
                    + "\(settings.learningRate), dropout \(settings.dropout), weight decay \(settings.weightDecay), "
                    + "seed \(settings.seed), \(epochs) passes chosen on the slice"
                    + (configuration.refitNetwork ? ", refitted on all rows)" : ")"))
        }
        if parts.count == 2 { parts.append("probabilities averaged, network share \(heldOut.networkShare)") }
        return parts.joined(separator: "; ")
    }

    private var networkTrainer: NetworkTrainer {
        NetworkTrainer(configuration: configuration.network, parallelism: configuration.parallelism)
    }

    static func scorer(_ linear: [Float]?, _ network: HiddenLayerNetwork?, share: Float) -> IntentScorer {
        switch (linear, network) {
        case (let weights?, let network?): .ensemble(linear: weights, network: network, networkShare: share)
        case (_, let network?): .network(network)
        case (let weights, nil): .linear(weights ?? [])
        }
    }
}
