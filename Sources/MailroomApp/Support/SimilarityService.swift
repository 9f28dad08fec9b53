import MailroomCore
import Synchronization
import Triage

/// The similarity index of resolved tickets, shared by the processor (queries) and learning (adds): rebuilt
/// from the knowledge base at start-up, updated as agents answer. A lock guards it; queries are microseconds.
final class SimilarityService: Sendable {
    private let index = Mutex(SimilarityIndex())

    /// Rebuilds the index from stored knowledge.
    init(entries: [KnowledgeEntry]) {
        index.withLock { index in
            for entry in entries { index.add(Self.entry(entry)) }
        }
    }

    /// Adds (or replaces) one resolved ticket.
    func add(_ entry: KnowledgeEntry) {
        index.withLock { index in
            _ = index.remove(ticketID: entry.ticketPublicID)
            index.add(Self.entry(entry))
        }
    }

    /// The most similar resolved tickets, best first.
    func query(_ text: String, k: Int = 3) -> [SimilarityIndex.Match] {
        index.withLock { $0.query(text, k: k) }
    }

    /// How many resolved tickets the index holds.
    var count: Int { index.withLock { $0.count } }

    private static func entry(_ entry: KnowledgeEntry) -> SimilarityIndex.Entry {
        SimilarityIndex.Entry(
            ticketID: entry.ticketPublicID, customerText: entry.question, resolution: entry.answer,
            intent: entry.intent ?? "")
    }
}
