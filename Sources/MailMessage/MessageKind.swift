/// What kind of mail a message is, for loop protection: only `normal` mail may get an automatic answer.
public enum MessageKind: String, Hashable, Sendable, CaseIterable, Codable {
    /// A non-delivery report (RFC 3464 DSN or a non-standard MTA bounce).
    case bounce
    /// A delayed-delivery notice (a DSN whose action is `delayed`).
    case delayNotice = "delay-notice"
    /// An automatic response (RFC 3834 Auto-Submitted, vendor headers, out-of-office subjects).
    case autoReply = "auto-reply"
    /// Mail from a mailing list (List-Id, List-Unsubscribe, Precedence: list).
    case mailingList = "mailing-list"
    /// An abuse feedback report (ARF, RFC 5965).
    case feedbackReport = "feedback-report"
    /// A read receipt (MDN, RFC 8098).
    case readReceipt = "read-receipt"
    /// Mail written by a person.
    case normal

    /// Whether mail of this kind was sent by a machine and must never get an automatic answer.
    public var isAutomated: Bool { self != .normal }
}
