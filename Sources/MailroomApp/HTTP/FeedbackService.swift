import Foundation
import MailroomCore
import MailroomHTTP
import MailroomStore

/// Feedback links: the token's MAC proves which ticket and mail it belongs to. "No" reopens the ticket and hands
/// it to the agents (once per link), through the pipeline.
struct FeedbackService: FeedbackBackend {
    let store: any MailroomStorage
    let pipeline: MessagePipeline
    let signer: TokenSigner
    let now: @Sendable () -> Date
    let wakeSender: @Sendable () -> Void

    func answer(token: String, helpful: Bool) async throws -> FeedbackPage? {
        guard let (publicID, nonce) = signer.feedbackTarget(fromToken: token),
            let ticket = try store.ticket(publicID: publicID)
        else { return nil }
        let at = now()
        let first = try store.recordFeedback(
            FeedbackRecord(ticketPublicID: publicID, nonce: nonce, helpful: helpful), now: at)
        if first {
            // Only the first answer through a link acts (a reload of the page does not escalate twice).
            var random = SystemRandomNumberGenerator()
            let outcome = try pipeline.feedback(helpful: helpful, ticket: ticket, now: at, random: &random)
            try store.applyAction(outcome, now: at)
            if !outcome.outbox.isEmpty { wakeSender() }
        }
        return FeedbackPage(language: ticket.language ?? "en", ticket: publicID, helpful: helpful, rated: false)
    }

    func rate(token: String, rating: Int?, comment: String?) async throws -> FeedbackPage? {
        guard let (publicID, nonce) = signer.feedbackTarget(fromToken: token),
            let ticket = try store.ticket(publicID: publicID)
        else { return nil }
        let existing = try store.feedback(ticket: publicID).first { $0.nonce == nonce }
        try store.recordFeedback(
            FeedbackRecord(
                ticketPublicID: publicID, nonce: nonce, helpful: existing?.helpful ?? true, rating: rating,
                comment: comment), now: now())
        return FeedbackPage(
            language: ticket.language ?? "en", ticket: publicID, helpful: existing?.helpful ?? true, rated: true)
    }
}
