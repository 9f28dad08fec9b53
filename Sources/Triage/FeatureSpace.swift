import Foundation

/// The features kept from training (hashed ids with at least the minimum document frequency), their inverse
/// document frequencies, and the TF-IDF weighting that turns hashed counts into model inputs.
///
/// Weighting: sublinear term frequency `1 + ln(tf)` times `idf = ln((1 + n) / (1 + df)) + 1`; each block
/// (words, characters) is scaled to its share of the length, and the whole vector has length 1.
public struct FeatureSpace: Sendable {
    /// The feature settings.
    public let settings: FeatureSettings
    /// The hashed ids of the kept features, increasing; a feature's position is its compact index.
    public let hashedIDs: [UInt32]
    /// The inverse document frequency of each kept feature.
    public let idf: [Float]
    /// The inverse document frequency given to features never seen in training.
    public let unknownIDF: Float
    private let lookup: FeatureLookup

    /// Creates a space from its parts (as stored in a model file).
    public init(settings: FeatureSettings, hashedIDs: [UInt32], idf: [Float], unknownIDF: Float) {
        precondition(hashedIDs.count == idf.count, "one idf per feature")
        self.settings = settings
        self.hashedIDs = hashedIDs
        self.idf = idf
        self.unknownIDF = unknownIDF
        self.lookup = FeatureLookup(hashedIDs)
    }

    /// Learns the kept features and their document frequencies from the hashed counts of training texts.
    public init(settings: FeatureSettings, documents: [SparseVector]) {
        var frequency = [Int32](repeating: 0, count: settings.dimension)
        for document in documents {
            for index in document.indices { frequency[Int(index)] += 1 }
        }
        let total = Float(documents.count)
        var ids: [UInt32] = []
        var idf: [Float] = []
        for (id, count) in frequency.enumerated() where count >= max(1, settings.minDocumentFrequency) {
            ids.append(UInt32(id))
            idf.append(Foundation.log((1 + total) / (1 + Float(count))) + 1)
        }
        self.init(settings: settings, hashedIDs: ids, idf: idf, unknownIDF: Foundation.log(1 + total) + 1)
    }

    /// The number of kept features.
    public var count: Int { hashedIDs.count }

    /// The compact index of a hashed id, if the feature was kept.
    public func compactIndex(of hashedID: UInt32) -> Int? {
        lookup.position(of: hashedID)
    }

    /// The slots of the table that finds a hashed id's compact index.
    var lookupSlots: Int { lookup.capacity }

    /// The TF-IDF vector (compact indices) of hashed counts.
    public func vector(_ counts: SparseVector) -> SparseVector {
        var indices: [UInt32] = []
        var values: [Float] = []
        var isWord: [Bool] = []
        indices.reserveCapacity(counts.count)
        values.reserveCapacity(counts.count)
        isWord.reserveCapacity(counts.count)
        var squares: (word: Float, char: Float) = (0, 0)
        for (id, count) in zip(counts.indices, counts.values) {
            let tf = 1 + Foundation.log(count)
            let word = settings.isWordFeature(id)
            let weight: Float
            if let position = lookup.position(of: id) {
                weight = tf * idf[position]
                indices.append(UInt32(position))
                values.append(weight)
                isWord.append(word)
            } else if settings.unknownFeaturesInNorm {
                weight = tf * unknownIDF
            } else {
                continue
            }
            if word { squares.word += weight * weight } else { squares.char += weight * weight }
        }
        let scales = blockScales(squares)
        for position in values.indices {
            values[position] *= isWord[position] ? scales.word : scales.char
        }
        return SparseVector(indices: indices, values: values)
    }

    private func blockScales(_ squares: (word: Float, char: Float)) -> (word: Float, char: Float) {
        var share = (word: settings.wordBlockWeight, char: 1 - settings.wordBlockWeight)
        if squares.word == 0 { share = (0, 1) }
        if squares.char == 0 { share = (1, 0) }
        let word = squares.word > 0 ? (share.word / squares.word).squareRoot() : 0
        let char = squares.char > 0 ? (share.char / squares.char).squareRoot() : 0
        return (word, char)
    }
}
