import Foundation
import MailMessage

/// What processing one message has gathered so far; becomes the ``ProcessingOutcome``.
struct Work {
    let message: InboundMessage
    let parsed: Message
    let sender: Address
    let now: Date
    /// The kind and its evidence, computed once.
    let kind: KindVerdict
    /// The sender's new text (quotes and signature removed), computed once.
    let newText: String
    var ticket: Ticket?
    var ticketIsNew = false
    var threadMethod: ThreadMethod?
    var authentication: AuthenticationVerdict?
    var events: [AuditEvent] = []
    var drafts: [OutboxDraft] = []
    var pauses: [AddressPause] = []
    var knowledge: KnowledgeEntry?
    var rateLimitHits: [String] = []
    var summary = "processed"

    init(message: InboundMessage, parsed: Message, sender: Address, now: Date) {
        self.message = message
        self.parsed = parsed
        self.sender = sender
        self.now = now
        kind = parsed.kindVerdict
        newText = parsed.newText
    }

    /// The loop policy's input for this message (the kind read once, the DMARC result known by now).
    func loopCheck() -> LoopCheck {
        LoopCheck(message: parsed, verdict: kind, isOwnMail: false, dmarc: authentication?.dmarc ?? .unknown)
    }

    /// Adds a draft and its `queued` event.
    mutating func queue(_ draft: OutboxDraft, _ detail: String) {
        drafts.append(draft)
        events.append(AuditEvent(.queued, reason: draft.purpose.rawValue, detail, outboxMessageID: draft.messageID))
    }

    func outcome() -> ProcessingOutcome {
        var outcome = ProcessingOutcome(
            disposition: .processed(summary: summary), kind: kind.kind.rawValue,
            fromAddress: sender.address.lowercased(), subject: parsed.subject, ticket: ticket, ticketIsNew: ticketIsNew,
            events: events, outbox: drafts, pauses: pauses, knowledge: knowledge)
        outcome.rateLimitHits = rateLimitHits
        return outcome
    }
}
