import MailMessage

/// A bounce or delay notice about mail we sent: the ticket it belongs to and the addresses that failed.
///
/// The gateway links it to the ticket (so agents see that the answer did not arrive) and, unless it is
/// only a delay, stores ``LoopPolicy/bouncePause(now:)`` for each failed address.
public struct OwnBounce: Hashable, Sendable {
    /// The ticket whose mail bounced.
    public var publicID: String
    /// The addresses that failed (from the DSN or X-Failed-Recipients); may be empty for odd reports.
    public var failedRecipients: [String]
    /// Whether the report only announces a delay (nothing to pause).
    public var isDelayOnly: Bool

    /// Creates a record.
    public init(publicID: String, failedRecipients: [String], isDelayOnly: Bool) {
        self.publicID = publicID
        self.failedRecipients = failedRecipients
        self.isDelayOnly = isDelayOnly
    }

    /// The bounce of our own mail in `message`, or nil when it is not a bounce or delay notice, or does not
    /// refer to mail we signed. Looks for our signed Message-ID in the report (attached message or headers),
    /// then in In-Reply-To/References, then for our body marker in the text and in attached messages.
    public static func detect(in message: Message, messageIDs: MessageIDScheme, bodyToken: BodyToken) -> OwnBounce? {
        let kind = message.kind
        return detect(
            in: message, kind: kind, report: message.deliveryReport(kind: kind), messageIDs: messageIDs,
            bodyToken: bodyToken)
    }

    /// The same for a message whose kind and delivery report (`Message.deliveryReport(kind:)`) were read
    /// already: each reads the whole message, more than a million instructions for a bounce.
    public static func detect(
        in message: Message, kind: MessageKind, report: DeliveryReport?, messageIDs: MessageIDScheme,
        bodyToken: BodyToken
    ) -> OwnBounce? {
        guard let report else { return nil }
        let ids = [report.originalMessageID].compactMap(\.self) + MessageIDScheme.replyIDs(of: message)
        guard let publicID = messageIDs.ticket(in: ids) ?? marker(in: message, bodyToken: bodyToken) else {
            return nil
        }
        return OwnBounce(
            publicID: publicID, failedRecipients: report.failedRecipients, isDelayOnly: kind == .delayNotice)
    }

    /// The first body marker in the message's text or in the text of an attached message.
    private static func marker(in message: Message, bodyToken: BodyToken) -> String? {
        if let id = bodyToken.ticket(in: message.textBody) { return id }
        var found: String?
        message.visitLeaves(message.root) { part in
            if found == nil, case .message(let inner, _) = part.body {
                found = bodyToken.ticket(in: inner.textBody) ?? inner.htmlBody.flatMap(bodyToken.ticket(in:))
            }
        }
        return found
    }
}
