/// Why the loop policy stopped automatic mail for a message: a code from a closed set (safe as a metric
/// label and for queries) and a one-line human detail for the log and the operator pages.
public struct SuppressionReason: Hashable, Sendable {
    /// The closed set of suppression codes. The raw values are the metric labels.
    public enum Code: String, Hashable, Sendable, CaseIterable, Codable {
        /// A non-delivery report. A bounce of our own mail is linked to its ticket (``OwnBounce``).
        case bounce
        /// A delayed-delivery notice.
        case delayNotice
        /// An automatic response (out of office, vacation, RFC 3834 `Auto-Submitted`, vendor headers).
        case autoReply
        /// Mail from a mailing list or a newsletter.
        case mailingList
        /// An abuse feedback report (ARF).
        case feedbackReport
        /// A read receipt (MDN).
        case readReceipt
        /// Our own mail came back (our loop field or a Message-ID we signed).
        case ownMail
        /// From the support address, one of its sub-addresses, or the agents' inbox.
        case ownAddress
        /// The message has no From address to answer.
        case missingSender
        /// The sender or reply address is a machine (mailer-daemon, postmaster, noreply, bounces, ...).
        case automatedSender
        /// The Return-Path is the null reverse path `<>` (or absent, when so configured).
        case nullReturnPath
        /// Our receiving server reported `dmarc=fail`: the sender may be forged.
        case dmarcFail
        /// Our mail to the address bounced recently.
        case senderPaused
        /// The address flooded us and is cooling down.
        case senderCoolDown
        /// The address has had as many automatic mails in the hour or day as the limits allow.
        case rateLimited

        /// Whether the message should still reach a person (be escalated for review). The message is
        /// always stored and, when threaded, shown on its ticket; this only decides whether someone is
        /// asked to look at it. Machine mail and floods never are, so they cannot flood the agents;
        /// doubtful senders are, so a real customer is not left without an answer.
        public var reachesPerson: Bool {
            switch self {
            case .missingSender, .automatedSender, .nullReturnPath, .dmarcFail, .senderPaused: true
            case .bounce, .delayNotice, .autoReply, .mailingList, .feedbackReport, .readReceipt, .ownMail, .ownAddress,
                .senderCoolDown, .rateLimited:
                false
            }
        }
    }

    /// The code.
    public var code: Code
    /// One line for people: what was seen, e.g. `Auto-Submitted: auto-replied`.
    public var detail: String

    /// Creates a reason.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// Whether the message should still reach a person (see ``Code/reachesPerson``).
    public var reachesPerson: Bool { code.reachesPerson }
}
