/// A trained intent classifier: the feature space, the scorer (multinomial logistic regression, a network with
/// one hidden layer, or both pooled log-linearly), the calibration of its confidence, and what it was trained on.
public struct IntentModel: Classifier {
    /// The intent labels, in the order of the scores.
    public let labels: [String]
    /// The features and their TF-IDF weighting.
    public let featureSpace: FeatureSpace
    /// What turns a model input into raw scores.
    public let scorer: IntentScorer
    /// How raw scores become calibrated confidences.
    public let calibration: Calibration
    /// What the model was trained on and how well it did.
    public let metadata: ModelMetadata
    private let extractor: FeatureExtractor

    /// Creates a model from its parts.
    public init(
        labels: [String], featureSpace: FeatureSpace, scorer: IntentScorer, calibration: Calibration,
        metadata: ModelMetadata
    ) {
        precondition(scorer.fits(features: featureSpace.count, classes: labels.count), "weights match the shape")
        self.labels = labels
        self.featureSpace = featureSpace
        self.scorer = scorer
        self.calibration = calibration
        self.metadata = metadata
        self.extractor = FeatureExtractor(settings: featureSpace.settings)
    }

    /// Creates a logistic-regression model: `parameters` are the weights, feature-major
    /// (`featureSpace.count x labels.count`), then one bias per label.
    public init(
        labels: [String], featureSpace: FeatureSpace, parameters: [Float], calibration: Calibration,
        metadata: ModelMetadata
    ) {
        self.init(
            labels: labels, featureSpace: featureSpace, scorer: .linear(parameters), calibration: calibration,
            metadata: metadata)
    }

    /// The feature settings.
    public var settings: FeatureSettings { featureSpace.settings }

    /// The model input (TF-IDF vector in the compact space) of a text.
    public func vector(_ text: String) -> SparseVector {
        featureSpace.vector(extractor.counts(text))
    }

    /// The raw scores (before temperature and softmax) of a model input.
    public func scores(_ input: SparseVector) -> [Float] {
        scorer.scores(input, classes: labels.count)
    }

    /// The calibrated prediction for a text, with up to `alternatives` runners-up.
    public func predict(_ text: String) -> IntentPrediction {
        prediction(scores: scores(vector(text)), alternatives: 3)
    }

    /// The calibrated prediction for raw scores.
    public func prediction(scores: [Float], alternatives count: Int) -> IntentPrediction {
        let probabilities = Calibration.softmax(scores, temperature: calibration.temperature)
        let order = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
        let top = order[0]
        let alternatives = order.dropFirst().prefix(count).map {
            IntentPrediction.Alternative(intent: labels[$0], confidence: probabilities[$0])
        }
        return IntentPrediction(
            intent: labels[top],
            confidence: calibration.confidence(topProbability: probabilities[top]),
            alternatives: Array(alternatives),
            isOutOfScope: LabeledExample.outOfScopeLabels.contains(labels[top])
        )
    }
}

/// What a model was trained on and how it did on the development split.
public struct ModelMetadata: Sendable, Hashable {
    /// SHA-256 (hex) of the training examples (see `TrainingData.hash`).
    public var trainingDataHash: String
    /// The number of training examples.
    public var trainingExamples: Int
    /// The L2 penalty chosen.
    public var lambda: Double
    /// Metrics on the development split (empty when there was none), by name (`accuracy`, `macroF1`, ...).
    public var devMetrics: [String: Double]
    /// How the calibration was fitted, in words.
    public var calibrationSource: String
    /// What was trained and how, in words (empty in version-1 files).
    public var training: String

    /// Creates metadata.
    public init(
        trainingDataHash: String, trainingExamples: Int, lambda: Double, devMetrics: [String: Double],
        calibrationSource: String, training: String = ""
    ) {
        self.trainingDataHash = trainingDataHash
        self.trainingExamples = trainingExamples
        self.lambda = lambda
        self.devMetrics = devMetrics
        self.calibrationSource = calibrationSource
        self.training = training
    }
}
