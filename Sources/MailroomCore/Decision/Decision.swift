/// What happens to an incoming message: answered automatically, handed to a person, or held back.
public enum Decision: Sendable, Hashable {
    /// Answer automatically.
    case autoReply(AutoReply)
    /// Hand to a person, with every reason that applied.
    case escalate(reasons: [Reason])
    /// Send nothing and ask no person (machine mail, floods): the loop policy's suppressions.
    case suppress(reason: Reason)

    /// The reasons behind the decision.
    public var reasons: [Reason] {
        switch self {
        case .autoReply(let reply): reply.reasons
        case .escalate(let reasons): reasons
        case .suppress(let reason): [reason]
        }
    }

    /// A short name of the decision, safe for a metric label: `autoReply`, `escalate` or `suppress`.
    public var kind: String {
        switch self {
        case .autoReply: "autoReply"
        case .escalate: "escalate"
        case .suppress: "suppress"
        }
    }

    /// One line for the audit trail.
    public var explanation: String {
        switch self {
        case .autoReply(let reply):
            var line = "Auto-reply with \(reply.intent) (\(reply.reasons.map(\.detail).joined(separator: "; ")))"
            if let reused = reply.reusedResolution {
                line +=
                    ", reusing knowledge entry \(reused.knowledgeID.map(String.init) ?? "?") (ticket \(reused.ticketID))"
            }
            return line + "."
        case .escalate(let reasons):
            return "Escalated: " + reasons.map(\.detail).joined(separator: "; ") + "."
        case .suppress(let reason):
            return "Suppressed: \(reason.detail)."
        }
    }
}

/// An automatic answer: which intent's template, and optionally a resolution reused from a similar ticket.
public struct AutoReply: Sendable, Hashable {
    /// The intent whose reply template is used.
    public var intent: String
    /// The calibrated confidence in the intent.
    public var confidence: Double
    /// A known resolution to reuse, when a similar resolved ticket was close enough.
    public var reusedResolution: ReusedResolution?
    /// Why the reply is automatic.
    public var reasons: [Reason]

    /// Creates an automatic reply.
    public init(intent: String, confidence: Double, reusedResolution: ReusedResolution? = nil, reasons: [Reason]) {
        self.intent = intent
        self.confidence = confidence
        self.reusedResolution = reusedResolution
        self.reasons = reasons
    }
}

/// A resolution taken from a similar resolved ticket.
public struct ReusedResolution: Sendable, Hashable {
    /// The resolved ticket's id.
    public var ticketID: String
    /// The similarity of the new message to that ticket's customer text (cosine, 0...1).
    public var score: Double
    /// The resolution text.
    public var resolution: String
    /// The approved knowledge entry the resolution comes from.
    public var knowledgeID: Int64?

    /// Creates a reused resolution.
    public init(ticketID: String, score: Double, resolution: String, knowledgeID: Int64? = nil) {
        self.ticketID = ticketID
        self.score = score
        self.resolution = resolution
        self.knowledgeID = knowledgeID
    }
}

/// One reason for a decision: a code from a closed set (safe as a metric label) and a human detail.
public struct Reason: Sendable, Hashable {
    /// The closed set of reason codes.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The model is confident and no rule objects.
        case confidentIntent
        /// A similar resolved ticket's resolution is reused.
        case knownResolution
        /// No model is available, or it failed: never guess.
        case modelUnavailable
        /// The confidence is below the threshold for the intent.
        case lowConfidence
        /// The message fits no known intent.
        case outOfScope
        /// The intent is configured to always go to a person.
        case alwaysEscalateIntent
        /// The message reads as critically urgent.
        case criticalUrgency
        /// Negative tone together with a high risk of the customer leaving.
        case unhappyCustomerAtRisk
        /// The sender failed DMARC: no automation.
        case senderNotAuthenticated
        /// The customer said the previous answer did not help.
        case previousAnswerDidNotHelp
        /// The ticket already got the allowed number of automatic replies.
        case autoReplyLimitReached
        /// The ticket is already with a person.
        case ticketWithAgent
        /// A mail loop or automated sender (used by the loop policy).
        case loopDetected
        /// The sender is not the ticket's customer, nor on the customer's own mail.
        case thirdPartySender
        /// The sender was on the customer's own To or Cc, but is not the customer.
        case colleagueOfCustomer
        /// No reply template (not even the fallback) can be rendered.
        case noTemplate
        /// The language model's confidence has no fitted calibration.
        case uncalibratedConfidence
        /// `triage.requireAgreement`: the language model named another intent, or none.
        case modelsDisagree
    }

    /// The code.
    public var code: Code
    /// A short human-readable detail.
    public var detail: String

    /// Creates a reason.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }
}
