/// How a `HiddenLayerNetwork` is trained: mini-batch Adam with a linearly decaying learning rate, dropout on the
/// hidden units, decoupled weight decay, and early stopping on the calibration slice.
public struct NetworkConfiguration: Sendable, Hashable {
    /// The number of hidden units.
    public var hiddenUnits: Int
    /// The most passes over the training rows.
    public var maxEpochs: Int
    /// Stops after this many passes without a better score on the held-out slice.
    public var patience: Int
    /// Examples per mini-batch.
    public var batchSize: Int
    /// The learning rate of the first step; it falls linearly to `learningRate * finalLearningRateShare` at the
    /// end of `maxEpochs`.
    public var learningRate: Float
    /// Where the learning rate ends, as a share of the first.
    public var finalLearningRateShare: Float
    /// The probability that a hidden unit is dropped during training.
    public var dropout: Float
    /// The probability that an input feature is dropped during training.
    public var inputDropout: Float
    /// The share of each training target spread evenly over all labels (label smoothing; 0 turns it off).
    public var labelSmoothing: Float
    /// Decoupled weight decay per step (times the learning rate), on the weights of both layers.
    public var weightDecay: Float
    /// The spread of the first layer's random initial weights.
    public var inputScale: Float
    /// The seed of the initial weights, the shuffles and the dropout masks.
    public var seed: UInt64

    /// Creates a configuration; the defaults are the ones chosen on the development splits.
    public init(
        hiddenUnits: Int = 256,
        maxEpochs: Int = 20,
        patience: Int = 3,
        batchSize: Int = 64,
        learningRate: Float = 4e-3,
        finalLearningRateShare: Float = 0.1,
        dropout: Float = 0.3,
        inputDropout: Float = 0,
        labelSmoothing: Float = 0,
        weightDecay: Float = 0,
        inputScale: Float = 0.1,
        seed: UInt64 = 1
    ) {
        self.hiddenUnits = max(1, hiddenUnits)
        self.maxEpochs = max(1, maxEpochs)
        self.patience = max(1, patience)
        self.batchSize = max(1, batchSize)
        self.learningRate = learningRate
        self.finalLearningRateShare = finalLearningRateShare
        self.dropout = min(max(dropout, 0), 0.95)
        self.inputDropout = min(max(inputDropout, 0), 0.95)
        self.labelSmoothing = min(max(labelSmoothing, 0), 0.5)
        self.weightDecay = weightDecay
        self.inputScale = inputScale
        self.seed = seed
    }
}
