import MailMessage

/// Everything the loop policy looks at for one incoming message. Build it with ``init(message:isOwnMail:dmarc:history:pause:)``
/// or field by field.
public struct LoopCheck: Hashable, Sendable {
    /// The message kind (from ``MailMessage/Message/kindVerdict``).
    public var kind: MessageKind
    /// The evidence for the kind, for the suppression detail.
    public var kindEvidence: String
    /// The From address, or nil when there is none.
    public var sender: String?
    /// The address an automatic answer would go to when it is not the sender (Reply-To), or nil.
    public var replyAddress: String?
    /// The Return-Path: nil when the field is absent, empty for the null reverse path `<>`. In pipe mode
    /// pass the envelope sender instead.
    public var returnPath: String?
    /// Whether the message is our own mail (``LoopHeaders/isOwnMail(_:messageIDs:)``).
    public var isOwnMail: Bool
    /// Whether the sender is one of our own addresses: the support address, a sub-address of it, the agents'
    /// inbox. Never answered automatically, whatever the mail says.
    public var fromOwnAddress = false
    /// The DMARC result from our receiving server (``SenderAuthentication``).
    public var dmarc: DMARCResult
    /// Recent automatic mail to the answer address.
    public var history: SenderHistory
    /// The pause stored for the answer address, if any (expired pauses are ignored).
    public var pause: SenderPause?

    /// Creates a check from its parts.
    public init(
        kind: MessageKind, kindEvidence: String = "", sender: String?, replyAddress: String? = nil,
        returnPath: String?, isOwnMail: Bool = false, dmarc: DMARCResult = .unknown,
        history: SenderHistory = SenderHistory(), pause: SenderPause? = nil
    ) {
        self.kind = kind
        self.kindEvidence = kindEvidence
        self.sender = sender
        self.replyAddress = replyAddress
        self.returnPath = returnPath
        self.isOwnMail = isOwnMail
        self.dmarc = dmarc
        self.history = history
        self.pause = pause
    }

    /// Creates a check for a parsed message: kind (unless `verdict` gives it), From, Reply-To and Return-Path are
    /// read from it.
    public init(
        message: Message, verdict: KindVerdict? = nil, isOwnMail: Bool, dmarc: DMARCResult,
        history: SenderHistory = SenderHistory(), pause: SenderPause? = nil
    ) {
        let verdict = verdict ?? message.kindVerdict
        let sender = message.from.first?.address
        let replyTo = message.replyTo.first?.address
        self.init(
            kind: verdict.kind, kindEvidence: verdict.evidence, sender: sender,
            replyAddress: replyTo?.lowercased() == sender?.lowercased() ? nil : replyTo,
            returnPath: message.returnPath, isOwnMail: isOwnMail, dmarc: dmarc, history: history, pause: pause)
    }

    /// The address an automatic answer would go to (Reply-To, else From), lower case: the key for the
    /// caller's history and pauses. Nil when there is none.
    public var answerAddress: String? {
        let address = (replyAddress?.isEmpty == false ? replyAddress : sender) ?? ""
        let trimmed = address.removingWhitespace(angleBrackets: true).lowercased()
        return trimmed.isEmpty ? nil : trimmed
    }
}
