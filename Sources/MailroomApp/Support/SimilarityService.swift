import MailroomCore
import MailroomStore
import Synchronization
import Triage

/// The similarity index of approved knowledge, shared by the processor (queries) and learning (adds): built from
/// the store's approved entries at start-up, rebuilt when approved knowledge changed in the store (an approval or
/// rejection by another process), updated as agents' answers are approved with `#kb`. Pending and rejected
/// entries are never in it. A lock guards it; queries are microseconds.
final class SimilarityService: Sendable {
    private struct State {
        var index = SimilarityIndex()
        var stamp: KnowledgeStamp?
    }

    private let state = Mutex(State())

    /// Builds the index from approved knowledge.
    init(entries: [KnowledgeEntry]) {
        state.withLock { state in
            for entry in entries where entry.state == .approved { state.index.add(Self.entry(entry)) }
        }
    }

    /// Rebuilds the index when the store's approved knowledge changed since the last look.
    func refresh(from store: any MailroomStorage) throws {
        let stamp = try store.knowledgeStamp()
        guard state.withLock({ $0.stamp != stamp }) else { return }
        let entries = try store.knowledge()
        state.withLock { state in
            state.index = SimilarityIndex()
            for entry in entries { state.index.add(Self.entry(entry)) }
            state.stamp = stamp
        }
    }

    /// Adds (or replaces) one approved entry.
    func add(_ entry: KnowledgeEntry) {
        guard entry.state == .approved else { return }
        state.withLock { state in
            _ = state.index.remove(ticketID: entry.ticketPublicID)
            state.index.add(Self.entry(entry))
        }
    }

    /// The most similar resolved tickets to text already tokenised (outside the lock), best first.
    func query(tokens: [Token], k: Int = 3) -> [SimilarityIndex.Match] {
        state.withLock { $0.index.query(tokens: tokens, k: k) }
    }

    /// How many entries the index holds.
    var count: Int { state.withLock { $0.index.count } }

    private static func entry(_ entry: KnowledgeEntry) -> SimilarityIndex.Entry {
        SimilarityIndex.Entry(
            ticketID: entry.ticketPublicID, customerText: entry.question, resolution: entry.answer,
            intent: entry.intent ?? "")
    }
}
