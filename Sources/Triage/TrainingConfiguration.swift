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
    /// Which model is trained: logistic regression, networks with one hidden layer, or both pooled.
    public var kind: IntentScorer.Kind
    /// How the network is trained (for the `network` and `ensemble` kinds).
    public var network: NetworkConfiguration
    /// Whether the final networks are trained again on all rows (for the passes chosen on the slice). Off by
    /// default: the networks fitted without the calibration slice are kept, so the calibration was fitted on
    /// exactly the networks that ship (refitting did not help on the development splits).
    public var refitNetwork: Bool
    /// The networks' share of the pooled log-probabilities in an ensemble.
    public var networkShare: Float
    /// How many networks are trained (seeds `network.seed`, `network.seed + 1`, ...); their log-probabilities
    /// are averaged.
    public var networkCount: Int
    /// With negatives: the share of out-of-scope messages the confidence is calibrated for (the calibration
    /// slice is weighted so the negatives make up this share).
    public var outOfScopeShare: Double
    /// With negatives: whether the feature space also keeps features seen only in the negatives. Off by default:
    /// words no intent uses then only lower a text's familiarity (unseen features count in the norm), which
    /// detected out-of-scope mail as well on the development splits, and the model keeps its size (with them,
    /// banking77's ensemble grew from 13 to 27 MB and trained four times as long).
    public var negativeFeatures: Bool

    /// Creates a configuration; the defaults are the ones tuned on the development splits.
    public init(
        features: FeatureSettings = FeatureSettings(),
        lambdas: [Float] = [1e-5, 3e-6],
        calibrationSliceEvery: Int = 5,
        maxIterations: Int = 100,
        tolerance: Double = 1e-6,
        platt: Bool = true,
        parallelism: Int = 2,
        kind: IntentScorer.Kind = .ensemble,
        network: NetworkConfiguration = NetworkConfiguration(),
        refitNetwork: Bool = false,
        networkShare: Float = 0.5,
        networkCount: Int = 1,
        outOfScopeShare: Double = 0.5,
        negativeFeatures: Bool = false
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
        self.networkCount = min(max(1, networkCount), 64)
        self.outOfScopeShare = min(max(outOfScopeShare, 0.01), 0.99)
        self.negativeFeatures = negativeFeatures
    }
}
