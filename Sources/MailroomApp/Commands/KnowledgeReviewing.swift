import Foundation
import MailroomCore
import MailroomStore

/// `mailroom knowledge list|show|approve|reject|edit`: the curation of learned answers (the ops console uses the
/// same store operations). Only approved entries are reused automatically; approval runs the personal-data
/// screen and is refused with what it found.
public enum KnowledgeReviewing {
    /// One line per entry: id, state, intent, language, ticket, reuse count, the start of the answer.
    public static func list(configPath: String, state: KnowledgeState?) async throws -> [String] {
        let store = try await openStore(configPath)
        let reuse = try store.knowledgeReuseCounts()
        let entries = try store.knowledgeEntries(state: state)
        guard !entries.isEmpty else {
            return ["no knowledge entries" + (state.map { " in state \($0.rawValue)" } ?? "")]
        }
        return entries.map { entry in
            let id = entry.id ?? 0
            let answer = entry.answer.replacingOccurrences(of: "\n", with: " ").prefix(60)
            return "\(id)  \(entry.state.rawValue)  \(entry.intent ?? "-")  \(entry.language ?? "-")  "
                + "\(entry.ticketPublicID)  reused \(reuse[id] ?? 0)x  \(answer)"
        }
    }

    /// One entry in full, with what the personal-data screen found.
    public static func show(configPath: String, id: Int64) async throws -> [String] {
        let store = try await openStore(configPath)
        guard let entry = try store.knowledgeEntry(id: id) else { throw notFound(id) }
        let findings = try store.knowledgeFindings(id: id)
        return [
            "knowledge entry \(id): \(entry.state.rawValue), intent \(entry.intent ?? "-"), language \(entry.language ?? "-")",
            "from ticket \(entry.ticketPublicID), answered by \(entry.author ?? "-"), "
                + "reused \(try store.knowledgeReuseCounts()[id] ?? 0) times",
            "personal data found: " + (findings.isEmpty ? "none" : findings.joined(separator: "; ")),
            "", "question:", entry.question, "", "answer:", entry.answer,
        ]
    }

    /// Approves an entry, or says what the personal-data screen found (then throws, so the command exits 1).
    public static func approve(configPath: String, id: Int64, reviewer: String) async throws -> [String] {
        let store = try await openStore(configPath)
        switch try store.approveKnowledge(id: id, by: reviewer, now: Date()) {
        case .done: return ["knowledge entry \(id) approved: it may now be reused for other customers"]
        case .notFound: throw notFound(id)
        case .refused(let findings):
            throw KnowledgeReviewError(
                message: "knowledge entry \(id) not approved: the personal-data screen found "
                    + findings.map(\.description).joined(separator: "; ")
                    + ". Edit it (`mailroom knowledge edit \(id)`; placeholders such as {{customerName}} are fine) and "
                    + "approve it again.")
        }
    }

    /// Rejects an entry (kept, never reused).
    public static func reject(configPath: String, id: Int64, reviewer: String, reason: String?) async throws
        -> [String]
    {
        let store = try await openStore(configPath)
        guard case .done = try store.rejectKnowledge(id: id, by: reviewer, reason: reason, now: Date()) else {
            throw notFound(id)
        }
        return ["knowledge entry \(id) rejected: it is kept for the record and never reused"]
    }

    /// Replaces an entry's answer; it is pending again, with what the screen finds in the new text.
    public static func edit(configPath: String, id: Int64, answer: String, reviewer: String) async throws -> [String] {
        let trimmed = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw KnowledgeReviewError(message: "the new answer is empty; nothing changed") }
        let store = try await openStore(configPath)
        guard case .done = try store.editKnowledge(id: id, answer: trimmed, by: reviewer, now: Date()) else {
            throw notFound(id)
        }
        let findings = try store.knowledgeFindings(id: id)
        return [
            "knowledge entry \(id) edited; it is pending until approved",
            "personal data found: "
                + (findings.isEmpty
                    ? "none (approve it with `mailroom knowledge approve \(id)`)"
                    : findings.joined(separator: "; ")),
        ]
    }

    private static func openStore(_ configPath: String) async throws -> any MailroomStorage {
        let configuration = try await ConfigurationLoader.load(path: configPath)
        return try configuration.store.open()
    }

    private static func notFound(_ id: Int64) -> KnowledgeReviewError {
        KnowledgeReviewError(message: "no knowledge entry \(id)")
    }
}

/// A knowledge review that could not be done.
public struct KnowledgeReviewError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// What went wrong.
    public var message: String
    /// The message.
    public var description: String { message }
    /// The message, for the command line.
    public var errorDescription: String? { message }
}
