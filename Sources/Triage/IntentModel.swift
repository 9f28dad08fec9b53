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
    /// With negatives: the none-class and how the confidence weighs it (nil: trained without negatives).
    public let outOfScope: OutOfScopeCalibration?
    private let extractor: FeatureExtractor

    /// Creates a model from its parts.
    public init(
        labels: [String], featureSpace: FeatureSpace, scorer: IntentScorer, calibration: Calibration,
        metadata: ModelMetadata, outOfScope: OutOfScopeCalibration? = nil
    ) {
        precondition(scorer.fits(features: featureSpace.count, classes: labels.count), "weights match the shape")
        precondition(outOfScope.map { labels.indices.contains($0.noneClass) } ?? true, "none-class is a label")
        self.labels = labels
        self.featureSpace = featureSpace
        self.scorer = scorer
        self.calibration = calibration
        self.metadata = metadata
        self.outOfScope = outOfScope
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

    /// The labels a prediction can name: all of them, except the none-class of a model trained with negatives.
    public var intents: [String] {
        guard let outOfScope else { return labels }
        return labels.enumerated().filter { $0.offset != outOfScope.noneClass }.map(\.element)
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

    /// The calibrated prediction for a text, with up to three runners-up.
    public func predict(_ text: String) -> IntentPrediction {
        prediction(scores: scores(vector(text)), alternatives: 3)
    }

    /// The same prediction from the text's tokens (every ``Tokenizer`` tokenises alike: it has no settings).
    public func predict(_ text: String, tokens: [Token]) -> IntentPrediction {
        prediction(scores: scores(featureSpace.vector(extractor.counts(tokens: tokens))), alternatives: 3)
    }

    /// The calibrated prediction for raw scores. With a none-class (a model trained with negatives) the intent
    /// is the most probable of the others, its confidence comes from `OutOfScopeCalibration`, and the
    /// prediction is out of scope when the none-class holds at least half of the probability; the none-class is
    /// listed among the alternatives with its probability.
    public func prediction(scores: [Float], alternatives count: Int) -> IntentPrediction {
        let probabilities = Calibration.softmax(scores, temperature: calibration.temperature)
        let order = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
        let top = outOfScope?.bestIntent(probabilities) ?? order[0]
        let alternatives = order.filter { $0 != top }.prefix(count).map {
            IntentPrediction.Alternative(intent: labels[$0], confidence: probabilities[$0])
        }
        guard let outOfScope else {
            return IntentPrediction(
                intent: labels[top], confidence: calibration.confidence(topProbability: probabilities[top]),
                alternatives: alternatives, isOutOfScope: LabeledExample.outOfScopeLabels.contains(labels[top]))
        }
        return IntentPrediction(
            intent: labels[top], confidence: outOfScope.confidence(probabilities, intent: top),
            alternatives: alternatives, isOutOfScope: probabilities[outOfScope.noneClass] >= 0.5)
    }
}
