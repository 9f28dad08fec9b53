/// How a model is trained.
public struct TrainingConfiguration: Sendable, Hashable {
    /// The feature settings.
    public var features: FeatureSettings
    /// The L2 penalties tried (largest first, each warm-started from the previous); the development split picks
    /// one. Without a development split, the calibration slice picks.
    public var lambdas: [Float]
    /// Every this many examples of each label, one is held out to fit the calibration (5: a fifth).
    public var calibrationSliceEvery: Int
    /// The most L-BFGS iterations per fit.
    public var maxIterations: Int
    /// L-BFGS stops when one iteration lowers the objective by less than this share.
    public var tolerance: Double
    /// Whether a Platt step follows the temperature.
    public var platt: Bool
    /// How many slices of the data the objective processes in parallel.
    public var parallelism: Int
    /// Which model is trained: logistic regression, a network with one hidden layer, or both averaged.
    public var kind: IntentScorer.Kind
    /// How the network is trained (for the `network` and `ensemble` kinds).
    public var network: NetworkConfiguration
    /// Whether the final network is trained again on all rows (for the passes chosen on the slice); otherwise
    /// the network fitted without the calibration slice is kept.
    public var refitNetwork: Bool
    /// The network's share of the averaged probabilities in an ensemble.
    public var networkShare: Float

    /// Creates a configuration; the defaults are the ones tuned on the development splits.
    public init(
        features: FeatureSettings = FeatureSettings(),
        lambdas: [Float] = [1e-5, 3e-6],
        calibrationSliceEvery: Int = 5,
        maxIterations: Int = 100,
        tolerance: Double = 1e-6,
        platt: Bool = true,
        parallelism: Int = 2,
        kind: IntentScorer.Kind = .linear,
        network: NetworkConfiguration = NetworkConfiguration(),
        refitNetwork: Bool = true,
        networkShare: Float = 0.5
    ) {
        self.features = features
        self.lambdas = lambdas
        self.calibrationSliceEvery = max(2, calibrationSliceEvery)
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.platt = platt
        self.parallelism = parallelism
        self.kind = kind
        self.network = network
        self.refitNetwork = refitNetwork
        self.networkShare = min(max(networkShare, 0), 1)
    }
}
