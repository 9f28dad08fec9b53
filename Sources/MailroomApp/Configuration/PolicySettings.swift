import MailroomCore

/// `agents.*` keys.
public struct AgentSettings: Sendable {
    /// `agents.inbox` (required): where escalations go.
    public var inbox: String
    /// `agents.allowed`: addresses whose replies are relayed to customers as answers (lowercased).
    public var allowed: [String]
    /// `agents.authentication`: `required` (default: the receiving server named by `mailroom.authservId` must
    /// report an aligned pass for an agent's answer) or `none` (no such server; `check-config` warns).
    public var authentication: AgentCheck.Authentication
    /// `agents.maxAttachmentBytes` (default 10 MB): the largest original attached whole to mail for the agents.
    public var maxAttachmentBytes: Int

    init(fields: inout ConfigFields) {
        inbox = fields.string("agents.inbox", required: true) ?? ""
        if !inbox.isEmpty, !MailroomSettings.isAddress(inbox) {
            fields.problem("agents.inbox", "'\(inbox)' is not an email address")
        }
        allowed = fields.strings("agents.allowed").map { $0.lowercased() }
        for address in allowed where !MailroomSettings.isAddress(address) {
            fields.problem("agents.allowed", "'\(address)' is not an email address")
        }
        authentication =
            AgentCheck.Authentication(
                rawValue: fields.choice("agents.authentication", ["required", "none"], default: "required"))
            ?? .required
        maxAttachmentBytes = fields.int("agents.maxAttachmentBytes", default: 10 << 20, range: 1024...(1 << 30))
    }
}

/// `triage.*` keys.
public struct TriageSettings: Sendable {
    /// `triage.model`: a model file from `mailroom train` (default: the built-in support model).
    public var modelPath: String?
    /// `triage.threshold` (default 0.75): the calibrated confidence needed for an automatic reply.
    public var threshold: Double
    /// `triage.intentThresholds`: per-intent thresholds, as `intent=0.9` strings.
    public var intentThresholds: [String: Double]
    /// `triage.alwaysEscalate`: intents that always go to a person (default: the policy's list).
    public var alwaysEscalate: [String]?
    /// `triage.similarityThreshold` (default 0.6): reuse a resolved ticket's answer above this similarity.
    public var similarityThreshold: Double

    init(fields: inout ConfigFields, resolve: (String) -> String) {
        modelPath = fields.string("triage.model").map(resolve)
        threshold = fields.double("triage.threshold", default: 0.75, range: 0...1)
        var thresholds: [String: Double] = [:]
        for entry in fields.strings("triage.intentThresholds") {
            let parts = entry.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let value = Double(parts[1].trimmingCharacters(in: .whitespaces)),
                (0...1).contains(value)
            {
                thresholds[parts[0].trimmingCharacters(in: .whitespaces)] = value
            } else {
                fields.problem("triage.intentThresholds", "'\(entry)' is not intent=threshold (0...1)")
            }
        }
        intentThresholds = thresholds
        let escalate = fields.strings("triage.alwaysEscalate")
        alwaysEscalate = escalate.isEmpty ? nil : escalate
        similarityThreshold = fields.double("triage.similarityThreshold", default: 0.6, range: 0...1)
    }
}

/// `outbox.*` keys.
public struct OutboxSettings: Sendable {
    /// `outbox.maxAttempts` (default 8): after this many transient failures a message is `failed`.
    public var maxAttempts: Int
    /// `outbox.retryBaseSeconds` (default 60): the first retry delay; doubles each attempt.
    public var retryBaseSeconds: Int
    /// `outbox.retryMaxSeconds` (default 3600): the longest retry delay.
    public var retryMaxSeconds: Int
    /// `outbox.claimBatch` (default ``defaultClaimBatch``, 1-32): how many due messages one sending connection
    /// claims (marks `sending`, counting the attempt) at a time. It sends them one after the other; each result
    /// goes into the next commit of the sender's group commit (another connection's, or at the latest its own
    /// last result's, whose transaction claims the next batch). With 1, a connection waits for a commit between
    /// any two mails. A crash can leave up to this many messages per connection `sending`: after the restart
    /// they are sent again with the same Message-ID (the ones the relay had accepted but not yet recorded reach
    /// the recipient twice, as the one in flight always could), and each keeps the attempt its claim counted.
    public var claimBatch: Int

    /// Measured with bench/e2e (2,000 mails, 8 connections): with 1, each mail sent cost one commit of about 20
    /// log pages; with 4 (and processing batches of 32), a run made about a third of the commits and half the
    /// log pages. 8 saved few more.
    public static let defaultClaimBatch = 4

    init(
        maxAttempts: Int = 8, retryBaseSeconds: Int = 60, retryMaxSeconds: Int = 3600,
        claimBatch: Int = OutboxSettings.defaultClaimBatch
    ) {
        self.maxAttempts = maxAttempts
        self.retryBaseSeconds = retryBaseSeconds
        self.retryMaxSeconds = retryMaxSeconds
        self.claimBatch = claimBatch
    }

    init(fields: inout ConfigFields) {
        maxAttempts = fields.int("outbox.maxAttempts", default: 8, range: 1...100)
        retryBaseSeconds = fields.int("outbox.retryBaseSeconds", default: 60, range: 0...86_400)
        retryMaxSeconds = fields.int("outbox.retryMaxSeconds", default: 3600, range: 0...604_800)
        claimBatch = fields.int("outbox.claimBatch", default: Self.defaultClaimBatch, range: 1...32)
    }
}

/// `limits.*` keys: automatic mail per sender.
public struct LimitSettings: Sendable {
    /// `limits.perHour` (default 3).
    public var perHour: Int
    /// `limits.perDay` (default 10).
    public var perDay: Int
    /// `limits.floodCooldownHours` (default 24): pause for a sender who keeps hitting the hourly limit.
    public var floodCooldownHours: Int
    /// `limits.bouncePauseDays` (default 30): pause automatic mail to an address whose mail bounced.
    public var bouncePauseDays: Int

    init(fields: inout ConfigFields) {
        perHour = fields.int("limits.perHour", default: 3, range: 0...1000)
        perDay = fields.int("limits.perDay", default: 10, range: 0...10_000)
        floodCooldownHours = fields.int("limits.floodCooldownHours", default: 24, range: 0...8760)
        bouncePauseDays = fields.int("limits.bouncePauseDays", default: 30, range: 0...3650)
    }
}
