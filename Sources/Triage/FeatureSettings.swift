/// How text becomes features: which n-grams, how many hash buckets, how they are weighted.
public struct FeatureSettings: Sendable, Hashable {
    /// The number of hash buckets per block is `1 << hashBits` (word and character n-grams are separate
    /// blocks, so the feature space has `2 << hashBits` dimensions). Memory stays bounded whatever the text.
    public var hashBits: Int
    /// The longest word n-gram (1 = words only, 2 = words and pairs of adjacent words).
    public var wordNgramMax: Int
    /// Pairs of words at most this far apart (beyond adjacent ones), order ignored, are features too
    /// (0 turns them off): they catch `card ... arrive` across the words between.
    public var wordPairWindow: Int
    /// Whether a light suffix-stripped form of each word (`charged` gives `charg`) is a feature too.
    public var stems: Bool
    /// The shortest character n-gram, taken inside each word padded with a space on each side.
    public var charNgramMin: Int
    /// The longest character n-gram (0 turns character n-grams off).
    public var charNgramMax: Int
    /// The share of the vector's length given to the word block (the character block gets the rest).
    public var wordBlockWeight: Float
    /// Features seen in fewer training texts than this are dropped.
    public var minDocumentFrequency: Int
    /// Whether features never seen in training still count towards the vector's length (with the largest
    /// inverse document frequency): unfamiliar text then scores lower, which helps to spot out-of-scope mail.
    public var unknownFeaturesInNorm: Bool

    /// Creates settings; the defaults are the ones tuned on the development splits.
    public init(
        hashBits: Int = 20,
        wordNgramMax: Int = 2,
        charNgramMin: Int = 2,
        charNgramMax: Int = 5,
        wordBlockWeight: Float = 0.5,
        minDocumentFrequency: Int = 2,
        unknownFeaturesInNorm: Bool = true,
        wordPairWindow: Int = 0,
        stems: Bool = false
    ) {
        self.hashBits = hashBits
        self.wordNgramMax = wordNgramMax
        self.wordPairWindow = wordPairWindow
        self.stems = stems
        self.charNgramMin = charNgramMin
        self.charNgramMax = charNgramMax
        self.wordBlockWeight = wordBlockWeight
        self.minDocumentFrequency = minDocumentFrequency
        self.unknownFeaturesInNorm = unknownFeaturesInNorm
    }

    /// The number of dimensions of the hashed feature space.
    public var dimension: Int { 2 << hashBits }

    /// Whether an index of the hashed space belongs to the word block.
    public func isWordFeature(_ index: UInt32) -> Bool {
        Int(index) < (1 << hashBits)
    }
}
