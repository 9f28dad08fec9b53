/// Trains an `IntentModel` from labelled examples: TF-IDF features, then multinomial logistic regression by
/// L-BFGS (the L2 penalty chosen on the development split), networks with one hidden layer (early stopping on
/// the calibration slice), or both pooled log-linearly; and a calibration fitted on predictions of a held-out
/// slice of the training split (so the development rows are never used to fit it).
public struct ModelTrainer: Sendable {
    /// How to train.
    public var configuration: TrainingConfiguration
    /// Hears each step of training as it begins (nil: nobody listens).
    public var progress: TrainingProgress?

    /// Creates a trainer.
    public init(configuration: TrainingConfiguration = TrainingConfiguration(), progress: TrainingProgress? = nil) {
        self.configuration = configuration
        self.progress = progress
    }

    /// The outcome of training.
    public struct Report: Sendable {
        /// The model.
        public var model: IntentModel
        /// Metrics on the development split, if one was given.
        public var dev: Evaluation?
        /// Development accuracy for each penalty tried (empty for a network alone).
        public var lambdaScores: [(lambda: Float, accuracy: Double)]
        /// For each network, slice accuracy and mean loss after each pass (empty without networks).
        public var networkHistories: [[(accuracy: Double, loss: Double)]]
        /// For each network, the passes it was trained for (empty without networks).
        public var networkEpochs: [Int]
        /// Accuracy on the calibration slice of the models fitted without it (the networks stopped early on it).
        public var sliceAccuracy: Double
    }

    /// Trains on `train`, choosing the penalty and reporting metrics on `dev` when given.
    ///
    /// Every fifth example of each label is held out as the calibration slice. The models are first fitted on
    /// the other four fifths: the penalties are tried (warm-started, largest first) and scored on `dev` (or,
    /// without `dev`, on the slice); the networks stop early on the slice. The calibration is fitted on the
    /// slice's predictions by those fits. The final logistic regression is then fitted on all of `train` (from
    /// the chosen fit, with half the iterations); the networks are kept as they are (or, with `refitNetwork`,
    /// trained afresh on all of `train` for the passes chosen).
    public func train(
        _ train: [LabeledExample], dev: [LabeledExample] = [], negatives: [String] = []
    ) async throws(TrainingError) -> Report {
        let rows = Self.withNoneClass(train, negatives: negatives)
        let labels = Array(Set(rows.map(\.label))).sorted()
        guard labels.count >= 2 else { throw TrainingError.tooFewLabels(labels.count) }
        let noneClass = negatives.isEmpty ? nil : labels.firstIndex(of: LabeledExample.noneLabel)
        progress?(.features(rows: rows.count))
        let extractor = FeatureExtractor(settings: configuration.features)
        let trainCounts = rows.map { extractor.counts($0.text) }
        let space = featureSpace(rows, trainCounts, negatives: noneClass != nil)
        let problem = Problem(
            inputs: trainCounts.map(space.vector), labels: labels, examples: rows, features: space.count)
        let devSet = (
            inputs: dev.map { space.vector(extractor.counts($0.text)) },
            targets: dev.map { problem.index[$0.label] ?? -1 }
        )
        let (fitRows, sliceRows) = problem.calibrationSplit(every: configuration.calibrationSliceEvery)
        let slice = problem.subset(sliceRows)
        let heldOut = await fitHeldOut(
            problem.subset(fitRows), slice: slice, selection: dev.isEmpty ? slice : devSet, classes: labels.count,
            features: space.count)
        progress?(.calibration)
        let sliceScores = slice.inputs.map { heldOut.scorer.scores($0, classes: labels.count) }
        let calibration = Calibration.fit(scores: sliceScores, labels: slice.targets, platt: configuration.platt)
        let outOfScope = noneClass.map {
            fitOutOfScope(sliceScores, targets: slice.targets, noneClass: $0, temperature: calibration.temperature)
        }
        let scorer = await fitFinal(problem, heldOut: heldOut, classes: labels.count, features: space.count)
        let metadata = metadata(
            train, negatives: negatives, heldOut: heldOut, slice: sliceRows.count, fit: fitRows.count)
        if !dev.isEmpty { progress?(.development(rows: dev.count)) }
        let (model, evaluation) = Self.assemble(
            IntentModel(
                labels: labels, featureSpace: space, scorer: scorer, calibration: calibration, metadata: metadata,
                outOfScope: outOfScope),
            dev: dev)
        return Report(
            model: model, dev: evaluation, lambdaScores: heldOut.lambdaScores,
            networkHistories: heldOut.networks.map(\.history), networkEpochs: heldOut.networks.map(\.epochs),
            sliceAccuracy: Self.accuracy(sliceScores, slice.targets))
    }

    /// The kept features: those of the training rows; with negatives, those of the intents' rows only unless
    /// `negativeFeatures` (the none-class's rows are those labelled `oos`).
    private func featureSpace(_ rows: [LabeledExample], _ counts: [SparseVector], negatives: Bool) -> FeatureSpace {
        let documents =
            configuration.negativeFeatures || !negatives
            ? counts : zip(rows, counts).filter { $0.0.label != LabeledExample.noneLabel }.map(\.1)
        return FeatureSpace(settings: configuration.features, documents: documents)
    }

    private func metadata(
        _ train: [LabeledExample], negatives: [String], heldOut: HeldOut, slice: Int, fit: Int
    ) -> ModelMetadata {
        ModelMetadata(
            trainingDataHash: TrainingData.hash(train), trainingExamples: train.count,
            lambda: Double(heldOut.lambda ?? 0), devMetrics: [:],
            calibrationSource: calibrationSource(slice: slice, fit: fit, negatives: !negatives.isEmpty),
            training: trainingSummary(heldOut) + negativesSummary(negatives.count, train: train),
            negativesHash: negatives.isEmpty ? "" : TrainingData.hash(texts: negatives),
            negativeExamples: negatives.count)
    }

    /// The model, with its metrics on `dev` in the metadata when there is a development split.
    private static func assemble(_ model: IntentModel, dev: [LabeledExample]) -> (IntentModel, Evaluation?) {
        guard !dev.isEmpty else { return (model, nil) }
        let evaluation = Evaluation.measure(model, examples: dev, threshold: 0.75)
        var measured = model.metadata
        measured.devMetrics = evaluation.metricsDictionary
        let final = IntentModel(
            labels: model.labels, featureSpace: model.featureSpace, scorer: model.scorer,
            calibration: model.calibration, metadata: measured, outOfScope: model.outOfScope)
        return (final, evaluation)
    }

    private func negativesSummary(_ count: Int, train: [LabeledExample]) -> String {
        guard count > 0 else { return "" }
        let marked = train.filter(\.isOutOfScope).count
        return "; none-class `oos` from \(count) out-of-scope negatives"
            + (marked > 0 ? " and \(marked) training rows marked out of scope" : "")
    }

    private func calibrationSource(slice: Int, fit: Int, negatives: Bool) -> String {
        let method =
            negatives
            ? "temperature, then a logistic calibration of the best intent's and the none-class's probabilities "
                + "(negatives weighted to \(configuration.outOfScopeShare) of the slice),"
            : "temperature\(configuration.platt ? " + Platt" : "")"
        return "\(method) fitted on a held-out slice of the training split (\(slice) rows, every "
            + "\(configuration.calibrationSliceEvery)th per label), scored by the model(s) fitted on the other \(fit) rows"
    }

    struct Path {
        var best: (lambda: Float, parameters: [Float])
        var scores: [(lambda: Float, accuracy: Double)]
    }

    func fitPath(
        _ data: (inputs: [SparseVector], targets: [Int]), _ classes: Int, _ features: Int,
        selection: (inputs: [SparseVector], targets: [Int])
    ) async -> Path {
        var parameters = [Float](repeating: 0, count: (features + 1) * classes)
        var best: (lambda: Float, parameters: [Float], accuracy: Double)?
        var scores: [(lambda: Float, accuracy: Double)] = []
        for (index, lambda) in configuration.lambdas.enumerated() {
            progress?(.penalty(index: index + 1, count: configuration.lambdas.count))
            parameters = await fit(data.inputs, data.targets, features, classes, lambda: lambda, start: parameters)
            let accuracy = Self.accuracy(parameters, classes, selection.inputs, selection.targets)
            scores.append((lambda, accuracy))
            if best == nil || accuracy > best!.accuracy { best = (lambda, parameters, accuracy) }
        }
        return Path(best: (best!.lambda, best!.parameters), scores: scores)
    }

    func fit(
        _ inputs: [SparseVector], _ targets: [Int], _ features: Int, _ classes: Int, lambda: Float, start: [Float],
        iterations: Int? = nil
    ) async -> [Float] {
        let objective = SoftmaxObjective(
            inputs: inputs, labels: targets, featureCount: features, classCount: classes, lambda: lambda,
            parallelism: configuration.parallelism
        )
        let optimiser = LBFGS(
            maxIterations: iterations ?? configuration.maxIterations, relativeTolerance: configuration.tolerance)
        return await optimiser.minimize(from: start, objective: objective.evaluate).parameters
    }

    static func scores(_ parameters: [Float], _ classes: Int, _ input: SparseVector) -> [Float] {
        var score = [Float](repeating: 0, count: classes)
        parameters.withUnsafeBufferPointer { weights in
            score.withUnsafeMutableBufferPointer { buffer in
                LinearScoring.scores(input, weights: weights, classes: classes, into: buffer)
            }
        }
        return score
    }

    static func accuracy(_ scores: [[Float]], _ targets: [Int]) -> Double {
        let right = zip(scores, targets).filter { score, target in
            score.indices.max { score[$0] < score[$1] } == target
        }.count
        return Double(right) / Double(max(1, targets.count))
    }

    static func accuracy(_ parameters: [Float], _ classes: Int, _ inputs: [SparseVector], _ targets: [Int]) -> Double {
        var right = 0
        for (input, target) in zip(inputs, targets) {
            let score = scores(parameters, classes, input)
            let top = score.indices.max { score[$0] < score[$1] }!
            if top == target { right += 1 }
        }
        return Double(right) / Double(max(1, inputs.count))
    }
}

/// The training rows as model inputs with class indices.
struct Problem {
    let inputs: [SparseVector]
    let targets: [Int]
    let index: [String: Int]

    init(inputs: [SparseVector], labels: [String], examples: [LabeledExample], features: Int) {
        self.inputs = inputs
        index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        targets = examples.map { [index] in index[$0.label]! }
    }

    /// Every `every`-th row of each label (the last of each group) goes to the slice, the rest to the fit.
    func calibrationSplit(every: Int) -> (fit: [Int], slice: [Int]) {
        var seen: [Int: Int] = [:]
        var fit: [Int] = []
        var slice: [Int] = []
        for (row, target) in targets.enumerated() {
            let ordinal = seen[target, default: 0]
            seen[target] = ordinal + 1
            if ordinal % every == every - 1 { slice.append(row) } else { fit.append(row) }
        }
        return (fit, slice)
    }

    func subset(_ rows: [Int]) -> (inputs: [SparseVector], targets: [Int]) {
        (rows.map { inputs[$0] }, rows.map { targets[$0] })
    }
}

/// Why training could not start.
public struct TrainingError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable {
        case tooFewLabels(Int)
    }

    private let code: Code

    /// The training data has fewer than two labels.
    public static func tooFewLabels(_ count: Int) -> TrainingError { TrainingError(code: .tooFewLabels(count)) }

    /// A short description, safe for a metric label.
    public var description: String {
        switch code {
        case .tooFewLabels(let count): "training data has \(count) label(s); at least 2 are needed"
        }
    }
}
