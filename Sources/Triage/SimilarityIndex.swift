import Foundation

/// Finds resolved tickets similar to a new message: an inverted index over sparse TF-IDF vectors (word
/// 1-2-grams, hashed), cosine similarity, top-k. Entries can be added and removed at run time; the index is
/// persisted as its entries and rebuilt on load.
///
/// Document vectors are weighted with the document frequencies at the time they are added; `rebuilt()`
/// reweights everything with the current ones.
public struct SimilarityIndex: Sendable {
    /// One resolved ticket.
    public struct Entry: Sendable, Hashable {
        /// The ticket id (unique in the index).
        public var ticketID: String
        /// What the customer wrote.
        public var customerText: String
        /// How the ticket was resolved (the answer that helped).
        public var resolution: String
        /// The ticket's intent.
        public var intent: String

        /// Creates an entry.
        public init(ticketID: String, customerText: String, resolution: String, intent: String) {
            self.ticketID = ticketID
            self.customerText = customerText
            self.resolution = resolution
            self.intent = intent
        }
    }

    /// One result of a query.
    public struct Match: Sendable, Hashable {
        /// The similar ticket.
        public var entry: Entry
        /// The cosine similarity, 0...1.
        public var score: Double

        /// Creates a result.
        public init(entry: Entry, score: Double) {
            self.entry = entry
            self.score = score
        }
    }

    struct Posting: Sendable {
        var slot: Int32
        var weight: Float
    }

    let extractor: FeatureExtractor
    private(set) var entries: [Entry?] = []
    private(set) var vectors: [SparseVector] = []
    private var slots: [String: Int] = [:]
    private var freeSlots: [Int] = []
    private var postings: [UInt32: [Posting]] = [:]
    private var documentFrequency: [UInt32: Int32] = [:]

    /// Creates an empty index; `hashBits` bounds the feature space.
    public init(hashBits: Int = 20) {
        extractor = FeatureExtractor(
            settings: FeatureSettings(hashBits: hashBits, wordNgramMax: 2, charNgramMax: 0, minDocumentFrequency: 1))
    }

    /// The number of entries.
    public var count: Int { slots.count }

    /// Whether an entry with this ticket id is in the index.
    public func contains(ticketID: String) -> Bool { slots[ticketID] != nil }

    /// Adds an entry, replacing one with the same ticket id.
    public mutating func add(_ entry: Entry) {
        remove(ticketID: entry.ticketID)
        let counts = extractor.counts(entry.customerText)
        for id in counts.indices { documentFrequency[id, default: 0] += 1 }
        insert(entry, vector: weighted(counts, documents: count + 1))
    }

    private mutating func insert(_ entry: Entry, vector: SparseVector) {
        let slot = freeSlots.popLast() ?? entries.count
        if slot == entries.count {
            entries.append(entry)
            vectors.append(vector)
        } else {
            entries[slot] = entry
            vectors[slot] = vector
        }
        slots[entry.ticketID] = slot
        for (id, weight) in zip(vector.indices, vector.values) {
            postings[id, default: []].append(Posting(slot: Int32(slot), weight: weight))
        }
    }

    /// Removes the entry with this ticket id; returns whether there was one.
    @discardableResult
    public mutating func remove(ticketID: String) -> Bool {
        guard let slot = slots.removeValue(forKey: ticketID) else { return false }
        let vector = vectors[slot]
        for id in vector.indices {
            postings[id]?.removeAll { $0.slot == Int32(slot) }
            if postings[id]?.isEmpty == true { postings[id] = nil }
            documentFrequency[id, default: 1] -= 1
            if documentFrequency[id] == 0 { documentFrequency[id] = nil }
        }
        entries[slot] = nil
        vectors[slot] = SparseVector()
        freeSlots.append(slot)
        return true
    }

    /// The `k` entries most similar to `text` (cosine of TF-IDF vectors), best first; only scores above 0.
    public func query(_ text: String, k: Int = 5) -> [Match] {
        query(tokens: extractor.tokenizer.tokens(text), k: k)
    }

    /// ``query(_:k:)`` for text already tokenised (``Tokenizer/tokens(_:)``).
    public func query(tokens: [Token], k: Int = 5) -> [Match] {
        let query = weighted(extractor.counts(tokens: tokens), documents: count)
        guard !query.indices.isEmpty, k > 0 else { return [] }
        var scores = [Float](repeating: 0, count: entries.count)
        var touched: [Int32] = []
        for (id, weight) in zip(query.indices, query.values) {
            guard let list = postings[id] else { continue }
            for posting in list {
                if scores[Int(posting.slot)] == 0 { touched.append(posting.slot) }
                scores[Int(posting.slot)] += weight * posting.weight
            }
        }
        var best = TopK(k)
        for slot in touched { best.offer(Int(slot), scores[Int(slot)]) }
        return matches(best)
    }

    /// The same result as `query`, by scanning every entry (a reference for tests and benchmarks).
    public func bruteForceQuery(_ text: String, k: Int = 5) -> [Match] {
        let query = weighted(extractor.counts(text), documents: count)
        guard !query.indices.isEmpty, k > 0 else { return [] }
        var best = TopK(k)
        for slot in vectors.indices where entries[slot] != nil {
            best.offer(slot, query.dot(vectors[slot]))
        }
        return matches(best)
    }

    /// A copy whose vectors are reweighted with the current document frequencies.
    public func rebuilt() -> SimilarityIndex {
        var index = SimilarityIndex(hashBits: extractor.settings.hashBits)
        let all = allEntries
        let counts = all.map { extractor.counts($0.customerText) }
        for vector in counts {
            for id in vector.indices { index.documentFrequency[id, default: 0] += 1 }
        }
        for (entry, vector) in zip(all, counts) {
            index.insert(entry, vector: index.weighted(vector, documents: all.count))
        }
        return index
    }

    /// All entries, in slot order.
    public var allEntries: [Entry] { entries.compactMap { $0 } }

    private func matches(_ best: TopK) -> [Match] {
        best.items.map { Match(entry: entries[$0.slot]!, score: Double(min(1, $0.score))) }
    }

    /// Sublinear TF times IDF (current document frequencies, `documents` texts), length 1.
    private func weighted(_ counts: SparseVector, documents: Int) -> SparseVector {
        let total = Float(max(1, documents))
        var values = counts.values
        for position in values.indices {
            let frequency = Float(documentFrequency[counts.indices[position]] ?? 0)
            values[position] =
                (1 + Foundation.log(values[position])) * (Foundation.log((1 + total) / (1 + frequency)) + 1)
        }
        var vector = SparseVector(indices: counts.indices, values: values)
        let norm = vector.norm
        if norm > 0 { vector.values = vector.values.map { $0 / norm } }
        return vector
    }
}

/// The `k` best (slot, score) pairs seen so far, best first; ties go to the lower slot.
struct TopK {
    let k: Int
    var items: [(slot: Int, score: Float)] = []

    init(_ k: Int) {
        self.k = k
        items.reserveCapacity(k + 1)
    }

    @inline(__always)
    mutating func offer(_ slot: Int, _ score: Float) {
        guard score > 1e-6 else { return }
        if items.count == k, let last = items.last, !Self.better((slot, score), than: last) { return }
        var position = items.count
        while position > 0 && Self.better((slot, score), than: items[position - 1]) { position -= 1 }
        items.insert((slot, score), at: position)
        if items.count > k { items.removeLast() }
    }

    static func better(_ a: (slot: Int, score: Float), than b: (slot: Int, score: Float)) -> Bool {
        a.score != b.score ? a.score > b.score : a.slot < b.slot
    }
}
