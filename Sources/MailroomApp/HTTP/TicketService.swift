import Foundation
import MailMessage
import MailroomCore
import MailroomHTTP
import MailroomStore

/// Tickets for the API: lists and search over the store, details with each message's new text, and every change
/// as a stored message processed by the same pipeline as mail (a web form as source `web`, an agent's action as
/// source `api` with the account that submitted it).
struct TicketService: TicketBackend {
    let store: any MailroomStorage
    let pipeline: MessagePipeline
    let supportAddress: String
    /// Processes one stored message now (the gateway's processor), returning what it did.
    let process: @Sendable (Int64) throws -> ProcessResult?
    let now: @Sendable () -> Date

    func tickets(_ filter: TicketFilter) async throws -> TicketList {
        let query = TicketQuery(
            status: filter.status, intent: filter.intent, language: filter.language, customer: filter.customer,
            words: filter.q.map(TicketQuery.words(of:)) ?? [], since: filter.since, until: filter.until,
            limit: filter.limit, before: filter.cursor)
        let page = try store.tickets(query)
        return TicketList(
            tickets: page.tickets.map { TicketSummary($0.ticket, now: now()) }, nextCursor: page.next.map(Cursor.encode)
        )
    }

    func ticket(_ publicID: String) async throws -> TicketDetail? {
        guard let ticket = try store.ticket(publicID: publicID) else { return nil }
        let messages = try store.messages(ticket: publicID).map { Self.view($0, ticket: ticket) }
        let events = try store.events(ticket: publicID).map {
            EventView(at: $0.at, type: $0.type, reason: $0.reason, detail: $0.detail)
        }
        let outbox = try store.outboxSummaries(ticket: publicID).map { summary in
            var view = QueueService.view(summary)
            view.text = try store.outboxRaw(id: summary.id).flatMap { try? MessageParser.parse($0) }.map {
                TextLimits.text($0.textBody)
            }
            return view
        }
        let (intents, signals) = Self.classification(ticket.signalsJSON)
        var detail = TicketDetail(
            ticket: TicketSummary(ticket, now: now()), sentiment: ticket.sentiment, churnRisk: ticket.churnRisk,
            reopenCount: ticket.reopenCount, messages: messages, events: events, outbox: outbox, intents: intents,
            signals: signals)
        detail.draft = ticket.modelDraft
        return detail
    }

    func submit(_ form: WebFormRequest) async throws -> TicketCreated {
        var random = SystemRandomNumberGenerator()
        let domain = supportAddress.split(separator: "@").last.map(String.init) ?? "localhost"
        var message = OutgoingMessage(
            from: Address(name: form.name.isEmpty ? nil : form.name, address: form.email),
            to: [Address(address: supportAddress)], subject: form.subject, date: now(),
            messageID: try MessageID.generate(domain: domain, date: now(), using: &random))
        message.extraFields = [HeaderField(name: "X-Mailroom-Source", value: "web")]
        message.textBody = form.message
        let raw: [UInt8]
        do {
            raw = try message.render(using: &random)
        } catch {
            throw APIError.unprocessable("the form cannot be turned into a mail: \(error)")
        }
        let result = try run(IngestRequest(raw: raw, source: "web", receivedAt: now()))
        return TicketCreated(id: result?.ticketPublicID, outcome: result?.summary.text ?? "stored")
    }

    func act(on publicID: String, _ action: TicketAction, by identity: Identity) async throws -> ActionResult? {
        guard try store.ticket(publicID: publicID) != nil else { return nil }
        let text: String
        switch action {
        case .reply(let answer): text = answer
        case .note(let note): text = "#note " + note
        case .close(let reply): text = "#close" + (reply.map { "\n" + $0 } ?? "")
        case .reopen: text = "#reopen"
        case .sendDraft(let note): text = "#send-draft" + (note.map { "\n" + $0 } ?? "")
        }
        var random = SystemRandomNumberGenerator()
        let author = Address(name: identity.name, address: identity.email ?? "\(identity.name)@api.mailroom.invalid")
        let raw = try pipeline.actionMail(
            ticketPublicID: publicID, author: author, text: text, now: now(), random: &random)
        let result = try run(IngestRequest(raw: raw, source: "api", submittedBy: identity.name, receivedAt: now()))
        guard let ticket = try store.ticket(publicID: publicID) else { return nil }
        return ActionResult(ticket: TicketSummary(ticket), outcome: result?.summary.text ?? "stored")
    }

    func evaluate(_ publicID: String, apply: Bool, by identity: Identity) async throws -> EvaluationView? {
        guard let ticket = try store.ticket(publicID: publicID),
            let message = try store.lastCustomerMessage(ticket: publicID)
        else { return nil }
        let inbound = InboundMessage(
            rowID: message.id, raw: message.raw, receivedAt: message.receivedAt, source: message.source)
        var random = SystemRandomNumberGenerator()
        let at = now()
        guard
            let (evaluation, outcome) = try store.read({ lookup in
                try pipeline.evaluate(
                    inbound, ticket: ticket, lookup: lookup, act: apply, by: identity.name, now: at, random: &random)
            })
        else { return nil }
        if let outcome { try store.applyAction(outcome, now: at) }
        return Self.view(evaluation, applied: outcome != nil)
    }

    /// Stores a message and processes it at once (so the answer can say what happened).
    private func run(_ request: IngestRequest) throws -> ProcessResult? {
        guard case .stored(let row) = try store.ingest(request) else { return nil }
        return try process(row)
    }
}
