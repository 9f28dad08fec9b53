/// What a classifier says about one message: the most likely intent, its calibrated confidence, and the
/// next alternatives.
public struct IntentPrediction: Sendable, Hashable {
    /// One intent with its probability after the temperature (the Platt step applies to the top intent only).
    public struct Alternative: Sendable, Hashable {
        /// The intent label.
        public var intent: String
        /// The tempered softmax probability.
        public var confidence: Double

        /// Creates an alternative.
        public init(intent: String, confidence: Double) {
            self.intent = intent
            self.confidence = confidence
        }
    }

    /// The most likely intent.
    public var intent: String
    /// The calibrated confidence that `intent` is right: 0.8 means right about 80% of the time.
    public var confidence: Double
    /// The most likely intents after the first, best first.
    public var alternatives: [Alternative]
    /// Whether the predicted intent is an out-of-scope marker (`oos`, `NO_NODES_DETECTED`).
    public var isOutOfScope: Bool

    /// Creates a prediction.
    public init(intent: String, confidence: Double, alternatives: [Alternative] = [], isOutOfScope: Bool = false) {
        self.intent = intent
        self.confidence = confidence
        self.alternatives = alternatives
        self.isOutOfScope = isOutOfScope
    }
}

/// Anything that predicts an intent for a text.
public protocol Classifier: Sendable {
    /// The intent labels the classifier can predict.
    var labels: [String] { get }
    /// The prediction for one text.
    func predict(_ text: String) -> IntentPrediction
    /// The prediction for one text whose tokens (``Tokenizer/tokens(_:)`` of `text`) are already at hand, so it
    /// is not tokenised twice; the same as ``predict(_:)``.
    func predict(_ text: String, tokens: [Token]) -> IntentPrediction
}

extension Classifier {
    /// A classifier that does not read tokens predicts from the text.
    public func predict(_ text: String, tokens: [Token]) -> IntentPrediction {
        predict(text)
    }
}
