import Foundation
import MailroomCore
import MailroomStore

/// `mailroom outbox list [--state S]` and `mailroom outbox retry ID|--failed`.
public enum OutboxOperations {
    /// One line per outgoing mail (newest first): id, state, purpose, ticket, attempts, recipients, the last error.
    public static func list(configPath: String, state: OutboxState?, limit: Int) async throws -> [String] {
        let store = try await openStore(configPath)
        let items = try store.outboxSummaries(states: state.map { [$0] } ?? [], limit: limit)
        guard !items.isEmpty else { return ["no outgoing mail" + (state.map { " in state \($0.rawValue)" } ?? "")] }
        return items.map { item in
            var line =
                "\(item.id)  \(item.state.rawValue)  \(item.purpose)  \(item.ticket ?? "-")  "
                + "attempts \(item.attempts)  -> \(item.recipients.joined(separator: ", "))"
            if let error = item.lastError {
                line += "  [\(item.errorClass == "configuration" ? "blocked by configuration" : "error")] \(error)"
            }
            return line
        }
    }

    /// Queues one failed or deferred mail again now.
    public static func retry(configPath: String, id: Int64, by person: String) async throws -> [String] {
        let store = try await openStore(configPath)
        guard try store.retryOutbox(id: id, now: Date(), by: person) else {
            throw KnowledgeReviewError(message: "outgoing mail \(id) does not exist or is not failed or deferred")
        }
        return ["outgoing mail \(id) queued again; the running gateway (or the next run --once) sends it"]
    }

    /// Queues every failed mail again now.
    public static func retryFailed(configPath: String, by person: String) async throws -> [String] {
        let store = try await openStore(configPath)
        let count = try store.retryFailedOutbox(now: Date(), by: person)
        return ["\(count) failed outgoing mail\(count == 1 ? "" : "s") queued again"]
    }

    private static func openStore(_ configPath: String) async throws -> any MailroomStorage {
        let configuration = try await ConfigurationLoader.load(path: configPath)
        return try configuration.store.open()
    }
}
