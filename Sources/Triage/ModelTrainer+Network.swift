extension ModelTrainer {
    /// The models fitted on the training rows outside the calibration slice.
    struct HeldOut {
        var linear: (lambda: Float, parameters: [Float])?
        var networks: [NetworkTrainer.Outcome] = []
        var lambdaScores: [(lambda: Float, accuracy: Double)] = []
        var networkShare: Float

        var lambda: Float? { linear?.lambda }

        var scorer: IntentScorer {
            ModelTrainer.scorer(linear?.parameters, networks.map(\.network), share: networkShare)
        }
    }

    /// Fits the configured models on `data`: the penalty path scored on `selection`, each network stopping early
    /// on `slice`.
    func fitHeldOut(
        _ data: (inputs: [SparseVector], targets: [Int]), slice: (inputs: [SparseVector], targets: [Int]),
        selection: (inputs: [SparseVector], targets: [Int]), classes: Int, features: Int
    ) async -> HeldOut {
        var heldOut = HeldOut(networkShare: configuration.networkShare)
        let layout = NetworkLayout(inputs: features, hidden: configuration.network.hiddenUnits, classes: classes)
        // The penalty path and the networks train at the same time: the networks' optimiser steps are serial.
        async let networks =
            configuration.kind == .linear
            ? [] : trainNetworks { trainer in await trainer.train(data, layout: layout, validation: slice) }
        if configuration.kind != .network {
            let path = await fitPath(data, classes, features, selection: selection)
            heldOut.linear = path.best
            heldOut.lambdaScores = path.scores
        }
        heldOut.networks = await networks
        return heldOut
    }

    /// Fits the final models on all rows: the logistic regression from the held-out fit, each network afresh for
    /// the passes chosen on the slice (or the held-out networks themselves when `refitNetwork` is off).
    func fitFinal(_ problem: Problem, heldOut: HeldOut, classes: Int, features: Int) async -> IntentScorer {
        var linear: [Float]?
        if let held = heldOut.linear {
            progress?(.finalFit)
            linear = await fit(
                problem.inputs, problem.targets, features, classes, lambda: held.lambda, start: held.parameters,
                iterations: configuration.maxIterations / 2)
        }
        var networks = heldOut.networks.map(\.network)
        if configuration.refitNetwork, let layout = networks.first?.layout {
            let epochs = heldOut.networks.map(\.epochs)
            networks = await trainNetworks { trainer in
                await trainer.train((problem.inputs, problem.targets), layout: layout, epochs: epochs[trainer.index])
            }.map(\.network)
        }
        return Self.scorer(linear, networks, share: heldOut.networkShare)
    }

    /// Trains `networkCount` networks (seeds `seed`, `seed + 1`, ...) as concurrent child tasks, sharing the
    /// parallelism between them; the outcomes are in seed order.
    private func trainNetworks(
        _ body: @escaping @Sendable (IndexedTrainer) async -> NetworkTrainer.Outcome
    ) async -> [NetworkTrainer.Outcome] {
        let count = configuration.networkCount
        let parallelism = max(1, configuration.parallelism / count)
        return await withTaskGroup(of: (Int, NetworkTrainer.Outcome).self) { group in
            for index in 0..<count {
                var settings = configuration.network
                settings.seed &+= UInt64(index)
                let trainer = NetworkTrainer(configuration: settings, parallelism: parallelism)
                let progress = progress
                let onPass: @Sendable (Int, Int) -> Void = { pass, passes in
                    progress?(.networkPass(network: index + 1, pass: pass, passes: passes))
                }
                group.addTask {
                    (index, await body(IndexedTrainer(index: index, trainer: trainer, onPass: onPass)))
                }
            }
            var outcomes: [(Int, NetworkTrainer.Outcome)] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// A network trainer and the position of its network in the ensemble.
    struct IndexedTrainer: Sendable {
        let index: Int
        let trainer: NetworkTrainer
        let onPass: @Sendable (Int, Int) -> Void

        func train(
            _ data: (inputs: [SparseVector], targets: [Int]), layout: NetworkLayout,
            validation: (inputs: [SparseVector], targets: [Int])? = nil, epochs: Int? = nil
        ) async -> NetworkTrainer.Outcome {
            await trainer.train(data, layout: layout, validation: validation, epochs: epochs, onPass: onPass)
        }
    }

    /// What was trained, in words (stored in the model file).
    func trainingSummary(_ heldOut: HeldOut) -> String {
        var parts: [String] = []
        if let lambda = heldOut.lambda { parts.append("logistic regression (L-BFGS, lambda \(lambda))") }
        if let first = heldOut.networks.first {
            let settings = configuration.network
            let epochs = heldOut.networks.map { String($0.epochs) }.joined(separator: ", ")
            parts.append(
                "\(heldOut.networks.count) network(s) (\(first.network.layout.hidden) ReLU units, Adam, batch "
                    + "\(settings.batchSize), learning rate \(settings.learningRate), dropout \(settings.dropout), "
                    + "weight decay \(settings.weightDecay), seeds from \(settings.seed), passes chosen on the "
                    + "slice: \(epochs)" + (configuration.refitNetwork ? ", refitted on all rows)" : ")"))
        }
        if parts.count == 2 { parts.append("log-probabilities pooled, networks' share \(heldOut.networkShare)") }
        return parts.joined(separator: "; ")
    }

    static func scorer(_ linear: [Float]?, _ networks: [HiddenLayerNetwork], share: Float) -> IntentScorer {
        switch (linear, networks.isEmpty) {
        case (let weights?, false): .ensemble(linear: weights, networks: networks, networkShare: share)
        case (nil, false): .network(networks)
        case (let weights, true): .linear(weights ?? [])
        }
    }
}
