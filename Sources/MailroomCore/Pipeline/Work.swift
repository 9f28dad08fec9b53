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
    /// The text body, decoded once (at most ``TextLimits/maximumBodyBytes``): the new text is taken from it and
    /// threading looks for body markers in it.
    let textBody: String
    /// The sender's new text (quotes and signature removed), computed once and capped
    /// (``TextLimits/maximumTextCharacters``).
    let newText: String
    var ticket: Ticket?
    var ticketIsNew = false
    var threadMethod: ThreadMethod?
    /// The agents' reply addresses the message was sent to.
    var agentTargets: [AgentTarget] = []
    /// Whether the sender is one of our own addresses (the support address, a sub-address, the agents' inbox).
    var fromOwnAddress = false
    var authentication: AuthenticationVerdict?
    var events: [AuditEvent] = []
    var drafts: [OutboxDraft] = []
    var pauses: [AddressPause] = []
    var knowledge: KnowledgeEntry?
    var knowledgeReused: Int64?
    var rateLimitHits: [String] = []
    var summary = ProcessingSummary.forwarded
    /// Whether this message contradicts the ticket's automatic answer (applied to the ticket at the end).
    var contradicted = false
    /// The words to add to the ticket's search entry (set for mail from people on the customer's side).
    var searchText: String?
    /// Analyses by classified text: those worked out before the transaction (``PreparedMessage``), then each
    /// worked out here, so no text is analysed twice.
    var analyses: [String: MessagePipeline.Analysis] = [:]
    /// The language model's triage, asked before the transaction.
    var opinion: ModelOpinion?

    /// Starts the work on `parsed`; the kind, new text and analyses come from `prepared` when given (it must
    /// be of the same message).
    init(message: InboundMessage, parsed: Message, sender: Address, now: Date, prepared: PreparedMessage? = nil) {
        self.message = message
        self.parsed = parsed
        self.sender = sender
        self.now = now
        kind = prepared?.kind ?? parsed.kindVerdict
        textBody = prepared?.textBody ?? Self.textBody(of: parsed)
        newText = prepared?.newText ?? Self.newText(textBody: textBody)
        analyses = prepared?.analyses ?? [:]
        opinion = prepared?.opinion
    }

    /// The sender's new text of `parsed`: quotes and signature removed, capped.
    static func newText(textBody: String) -> String {
        TextLimits.text(ReplyText.newText(textBody))
    }

    /// The text body of `parsed` as threading and the new text read it.
    static func textBody(of parsed: Message) -> String {
        parsed.textBody(maximumBytes: TextLimits.maximumBodyBytes)
    }

    /// The loop policy's input for this message (the kind read once, the DMARC result known by now).
    func loopCheck() -> LoopCheck {
        var check = LoopCheck(
            message: parsed, verdict: kind, isOwnMail: false, dmarc: authentication?.dmarc ?? .unknown)
        check.fromOwnAddress = fromOwnAddress
        return check
    }

    /// Adds a draft and its `queued` event.
    mutating func queue(_ draft: OutboxDraft, _ detail: String) {
        drafts.append(draft)
        events.append(AuditEvent(.queued, reason: draft.purpose.rawValue, detail, outboxMessageID: draft.messageID))
    }

    func outcome() -> ProcessingOutcome {
        let address = sender.address.lowercased()
        var outcome = ProcessingOutcome(
            disposition: .processed(summary: summary), kind: kind.kind.rawValue,
            fromAddress: address.isEmpty ? nil : address, subject: parsed.subject.map { TextLimits.subject($0) },
            ticket: ticket, ticketIsNew: ticketIsNew, events: events, outbox: drafts, pauses: pauses,
            knowledge: knowledge)
        outcome.rateLimitHits = rateLimitHits
        outcome.knowledgeReused = knowledgeReused
        outcome.searchText = searchText
        return outcome
    }
}
