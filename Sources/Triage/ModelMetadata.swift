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
    /// SHA-256 (hex) of the out-of-scope negatives (see `TrainingData.hash(texts:)`; empty without negatives
    /// and in files before version 3).
    public var negativesHash: String
    /// The number of out-of-scope negatives (0 without negatives and in files before version 3).
    public var negativeExamples: Int

    /// Creates metadata.
    public init(
        trainingDataHash: String, trainingExamples: Int, lambda: Double, devMetrics: [String: Double],
        calibrationSource: String, training: String = "", negativesHash: String = "", negativeExamples: Int = 0
    ) {
        self.trainingDataHash = trainingDataHash
        self.trainingExamples = trainingExamples
        self.lambda = lambda
        self.devMetrics = devMetrics
        self.calibrationSource = calibrationSource
        self.training = training
        self.negativesHash = negativesHash
        self.negativeExamples = negativeExamples
    }
}
