import Foundation
import MailMessage

extension MessagePipeline {
    /// Mail to the ticket's customer: From the support address, Reply-To the signed plus-address, In-Reply-To
    /// and References of the thread, the ticket token in the subject and body, and the RFC 3834 headers when
    /// the mail is automatic.
    func composeCustomerMail<R: RandomNumberGenerator>(
        _ purpose: OutboxPurpose, ticket: Ticket, body: RenderedReply, now: Date, random: inout R
    ) throws -> OutboxDraft {
        let subject = try SubjectToken.subject(
            replySubject(TextLimits.subject(ticket.subject)), publicID: ticket.publicID)
        let customer = Address(name: GreetingName.firstName(from: ticket.customerName), address: ticket.customerEmail)
        var message = try baseMessage(
            ticket: ticket, subject: subject, to: [customer], replyTo: try plusAddress.address(for: ticket.publicID),
            now: now, random: &random)
        message.inReplyTo = ticket.lastCustomerMessageID
        message.references = ticket.references.filter(MessageID.isValid)
        message.extraFields = purpose.isAutomatic ? loopFields(.reply) : loopFields(.reply).filter(isLoopMarker)
        var text = body.text
        var html = body.html
        if let url = try feedbackURL(for: purpose, ticket: ticket, random: &random) {
            text = Self.insertBeforeMarker(FeedbackFooter.text(url: url, language: body.language), in: text)
            html = html.map { Self.insertBeforeBodyEnd(FeedbackFooter.html(url: url, language: body.language), in: $0) }
        }
        let marker = try bodyToken.marker(for: ticket.publicID)
        message.textBody = Self.withMarker(text, marker: marker)
        message.htmlBody = html.map { html in
            TextSearch.contains(marker, in: html) ? html : BodyToken.appending(toHTML: html, marker: marker)
        }
        return try draft(purpose, message: message, recipients: [ticket.customerEmail], random: &random)
    }

    /// The feedback link for a customer mail that answers (automatic replies, agents' answers and templates),
    /// when the API is public; nil otherwise.
    private func feedbackURL<R: RandomNumberGenerator>(
        for purpose: OutboxPurpose, ticket: Ticket, random: inout R
    ) throws -> String? {
        guard let base = settings.feedbackBaseURL, [.autoReply, .agentRelay, .agentTemplate].contains(purpose) else {
            return nil
        }
        let nonce = String(PublicIDGenerator.token(using: &random).prefix(10))
        return base + (try plusAddress.signer.feedbackToken(for: ticket.publicID, nonce: nonce))
    }

    /// `footer` placed after the text but before its last line when that line is our reference marker.
    static func insertBeforeMarker(_ footer: String, in text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        if let last = lines.last, last.hasPrefix(BodyToken.opening) {
            lines.removeLast()
            return (lines + ["", footer, "", last]).joined(separator: "\n")
        }
        return (lines + ["", footer]).joined(separator: "\n")
    }

    /// `footer` placed before `</body>` (or at the end).
    static func insertBeforeBodyEnd(_ footer: String, in html: String) -> String {
        guard let end = TextSearch.lastIgnoringASCIICase("</body>", in: html) else { return html + footer }
        return html[..<end] + footer + "\n" + html[end...]
    }

    /// Mail to the agents' inbox about a ticket, the original attached as message/rfc822 (cut when it is larger
    /// than ``PipelineSettings/maxAttachmentBytes``); its Reply-To is the agents' reply address of `scope`, which
    /// routes the agents' answers back through Mailroom and is never shown to a customer.
    func composeAgentMail<R: RandomNumberGenerator>(
        _ purpose: OutboxPurpose, ticket: Ticket, scope: AgentScope, subject: String, body: RenderedReply,
        original: [UInt8]?, now: Date, random: inout R
    ) throws -> OutboxDraft {
        let tagged = try SubjectToken.subject(TextLimits.subject(subject), publicID: ticket.publicID)
        let inbox = Address(name: nil, address: settings.agentsInbox)
        var message = try baseMessage(
            ticket: ticket, subject: tagged, to: [inbox],
            replyTo: try plusAddress.agentAddress(for: ticket.publicID, scope: scope), now: now, random: &random)
        message.inReplyTo = ticket.escalationMessageID
        message.references = [ticket.escalationMessageID].compactMap { $0 }.filter(MessageID.isValid)
        message.extraFields = loopFields(.notification)
        message.textBody = Self.withMarker(body.text, marker: try bodyToken.marker(for: ticket.publicID))
        message.htmlBody = body.html
        if let original { attach(original, to: &message) }
        return try draft(purpose, message: message, recipients: [settings.agentsInbox], random: &random)
    }

    /// A short notice to one agent or the agents' inbox (an unknown command, an unauthenticated answer).
    func composeAgentNotice<R: RandomNumberGenerator>(
        to agent: Address, ticket: Ticket, scope: AgentScope = .answer, text: String, now: Date, random: inout R
    ) throws -> OutboxDraft {
        let subject = try SubjectToken.subject(
            "Not sent: \(TextLimits.subject(ticket.subject))", publicID: ticket.publicID)
        var message = try baseMessage(
            ticket: ticket, subject: subject, to: [agent],
            replyTo: try plusAddress.agentAddress(for: ticket.publicID, scope: scope), now: now, random: &random)
        message.extraFields = loopFields(.notification)
        message.textBody = Self.withMarker(text, marker: try bodyToken.marker(for: ticket.publicID))
        return try draft(.escalation, message: message, recipients: [agent.address], random: &random)
    }

    /// Tells the agents a message was quarantined, with the original (or its header block) attached.
    func composeQuarantineNotice<R: RandomNumberGenerator>(
        _ inbound: InboundMessage, parsed: Message?, reason: QuarantineReason, detail: String, now: Date,
        random: inout R
    ) throws -> OutboxDraft {
        let from = parsed?.from.first?.address ?? "(unknown sender)"
        let subject = parsed?.subject.map { TextLimits.subject($0) } ?? "(no subject)"
        let id = try MessageID.generate(domain: settings.domain, date: now, using: &random)
        var message = OutgoingMessage(
            from: Address(name: settings.companyName, address: settings.supportAddress),
            to: [Address(name: nil, address: settings.agentsInbox)],
            subject: "Quarantined (\(reason.rawValue)): \(subject)", date: now, messageID: id,
            extraFields: loopFields(.notification),
            textBody: """
                A message could not be processed and is held for a person.

                Reason:  \(reason.rawValue): \(detail)
                From:    \(from)
                Subject: \(subject)
                Size:    \(inbound.oversizedSize ?? inbound.raw.count) bytes
                Stored:  message row \(inbound.rowID), received \(inbound.receivedAt.formatted(.iso8601))

                The original is attached when it could be kept whole\(inbound.oversizedSize != nil
                    ? "; this one was too large to download and is left on the mail server." : ".")
                """)
        if inbound.oversizedSize == nil {
            attach(inbound.raw, to: &message)
        } else {
            message.attachments = [
                Attachment(
                    filename: "headers.txt", contentType: "text/plain", contentID: nil, disposition: "attachment",
                    bytes: inbound.raw)
            ]
        }
        return OutboxDraft(
            purpose: .escalation, envelopeFrom: settings.supportAddress, recipients: [settings.agentsInbox],
            messageID: id, subject: message.subject, raw: try message.render(using: &random))
    }

    /// The original as message/rfc822 when it is at most ``PipelineSettings/maxAttachmentBytes``; otherwise its
    /// header block and the start of its body as a text file, with a note (the whole mail stays in the store).
    private func attach(_ original: [UInt8], to message: inout OutgoingMessage) {
        guard original.count > settings.maxAttachmentBytes else {
            message.attachedMessages = [original]
            return
        }
        let kept = Array(original.prefix(settings.maxAttachmentBytes))
        let note =
            "\r\n\r\n[Mailroom: the original is \(original.count) bytes, over agents.maxAttachmentBytes "
            + "(\(settings.maxAttachmentBytes)); it was cut here. The whole mail is kept in the store.]\r\n"
        message.attachments = [
            Attachment(
                filename: "original-truncated.txt", contentType: "text/plain", contentID: nil,
                disposition: "attachment", bytes: kept + Array(note.utf8))
        ]
    }

    private func baseMessage<R: RandomNumberGenerator>(
        ticket: Ticket, subject: String, to recipients: [Address], replyTo: String, now: Date, random: inout R
    ) throws -> OutgoingMessage {
        let signed = try messageIDs.messageID(
            publicID: ticket.publicID, random: PublicIDGenerator.token(using: &random))
        return OutgoingMessage(
            from: Address(name: settings.companyName, address: settings.supportAddress), to: recipients,
            replyTo: [Address(name: settings.companyName, address: replyTo)],
            subject: subject, date: now, messageID: String(signed.dropFirst().dropLast()))
    }

    private func draft<R: RandomNumberGenerator>(
        _ purpose: OutboxPurpose, message: OutgoingMessage, recipients: [String], random: inout R
    ) throws -> OutboxDraft {
        OutboxDraft(
            purpose: purpose, envelopeFrom: settings.supportAddress, recipients: recipients,
            messageID: message.messageID, subject: message.subject, raw: try message.render(using: &random))
    }

    /// `text`, with `marker` appended unless it already holds it (a template may place it).
    private static func withMarker(_ text: String, marker: String) -> String {
        TextSearch.contains(marker, in: text) ? text : BodyToken.appending(toPlainText: text, marker: marker)
    }

    private func loopFields(_ kind: LoopHeaders.Kind) -> [HeaderField] {
        loopHeaders.fields(for: kind).map { HeaderField(name: $0.name, value: $0.value) }
    }

    private func isLoopMarker(_ field: HeaderField) -> Bool {
        field.hasName("X-Mailroom-Loop")
    }

    private func replySubject(_ subject: String) -> String {
        let lower = subject.lowercased()
        return lower.hasPrefix("re:") || lower.hasPrefix("aw:") || lower.hasPrefix("sv:") ? subject : "Re: \(subject)"
    }
}
