import Foundation
import MailroomCore
import MailroomHTTP
import MailroomStore

/// Quarantine and outbox for the API.
struct QueueService: QueueBackend {
    let store: any MailroomStorage
    let now: @Sendable () -> Date
    /// Rings the processor after a release (so the message is processed again soon).
    let wakeProcessor: @Sendable () -> Void
    /// Rings the sender after a retry.
    let wakeSender: @Sendable () -> Void

    func quarantine() async throws -> [QuarantineView] {
        try store.quarantined().map {
            QuarantineView(
                id: $0.messageRowID, reason: $0.reason, detail: $0.detail, from: $0.from, subject: $0.subject,
                createdAt: $0.createdAt)
        }
    }

    func release(_ id: Int64, by identity: Identity) async throws -> Bool {
        switch try store.releaseQuarantine(messageRowID: id, by: identity.name, now: now()) {
        case .done:
            wakeProcessor()
            return true
        case .notFound: return false
        case .notReleasable(let why): throw APIError.conflict(why)
        }
    }

    func dismiss(_ id: Int64, reason: String, by identity: Identity) async throws -> Bool {
        try store.dismissQuarantine(messageRowID: id, by: identity.name, reason: reason, now: now()) == .done
    }

    func raw(_ id: Int64) async throws -> [UInt8]? {
        try store.message(rowID: id)?.raw
    }

    func outbox(state: OutboxState?) async throws -> [OutboxView] {
        try store.outboxSummaries(states: state.map { [$0] } ?? []).map(Self.view)
    }

    func retry(_ id: Int64, by identity: Identity) async throws -> Bool {
        let done = try store.retryOutbox(id: id, now: now(), by: identity.name)
        if done { wakeSender() }
        return done
    }

    static func view(_ item: OutboxSummary) -> OutboxView {
        OutboxView(
            id: item.id, ticket: item.ticket, purpose: item.purpose, recipients: item.recipients, subject: item.subject,
            state: item.state, attempts: item.attempts, lastError: item.lastError, errorClass: item.errorClass,
            createdAt: item.createdAt, nextAttemptAt: item.nextAttemptAt)
    }
}

/// Learned answers for the API (the same operations as `mailroom knowledge`).
struct KnowledgeService: KnowledgeBackend {
    let store: any MailroomStorage
    let now: @Sendable () -> Date

    func entries(state: KnowledgeState?) async throws -> [KnowledgeView] {
        let reuse = try store.knowledgeReuseCounts()
        return try store.knowledgeEntries(state: state).map { try view($0, reuse: reuse) }
    }

    func approve(_ id: Int64, by identity: Identity) async throws -> KnowledgeReviewResult {
        try result(store.approveKnowledge(id: id, by: identity.name, now: now()))
    }

    func reject(_ id: Int64, reason: String?, by identity: Identity) async throws -> KnowledgeReviewResult {
        try result(store.rejectKnowledge(id: id, by: identity.name, reason: reason, now: now()))
    }

    func update(_ id: Int64, answer: String, by identity: Identity) async throws -> KnowledgeReviewResult {
        try result(store.editKnowledge(id: id, answer: answer, by: identity.name, now: now()))
    }

    private func result(_ review: KnowledgeReview) throws -> KnowledgeReviewResult {
        switch review {
        case .done(let entry): return .done(try view(entry, reuse: try store.knowledgeReuseCounts()))
        case .refused(let findings): return .refused(findings.map(\.description))
        case .notFound: return .notFound
        }
    }

    private func view(_ entry: KnowledgeEntry, reuse: [Int64: Int]) throws -> KnowledgeView {
        let id = entry.id ?? 0
        return KnowledgeView(
            id: id, state: entry.state, ticket: entry.ticketPublicID, intent: entry.intent, language: entry.language,
            question: entry.question, answer: entry.answer, author: entry.author, reuseCount: reuse[id] ?? 0,
            findings: try store.knowledgeFindings(id: id))
    }
}
