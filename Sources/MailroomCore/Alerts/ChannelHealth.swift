import Foundation

/// The state of one part of the gateway, as alerts report it. Stored as these raw values.
public enum ChannelHealth: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Working.
    case healthy
    /// Working, but a person should look (a mailbox silent too long, mail waiting in quarantine, retries piling up,
    /// an escalation spike).
    case degraded
    /// Broken: mail is not coming in or not going out, or the quarantine fills quickly.
    case failing

    /// The gauge value: 0, 1, 2.
    public var level: Int {
        switch self {
        case .healthy: 0
        case .degraded: 1
        case .failing: 2
        }
    }

    /// Ordered by severity.
    public static func < (lhs: ChannelHealth, rhs: ChannelHealth) -> Bool { lhs.level < rhs.level }
}

/// The parts of the gateway that have a health. Stored as these raw values.
public enum AlertChannel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Mail coming in (every mailbox).
    case intake
    /// Mail going out.
    case outbox
    /// Messages held for a person.
    case quarantine
    /// Escalations to the agents (a spike).
    case escalations
    /// The optional language model backend (its circuit breaker); only with `triage.backend: llm | both`.
    case llm
}

/// What the store says about the channels at one moment (``AlertRules`` turns it into states).
public struct ChannelObservation: Sendable, Hashable {
    /// One mailbox's intake.
    public struct Mailbox: Sendable, Hashable {
        /// Its name (`imap:...`, `maildir:...`).
        public var name: String
        /// The last poll's error, if it failed.
        public var lastError: String?
        /// Since when polls have been failing (nil while they succeed).
        public var failingSince: Date?
        /// The last poll.
        public var lastPollAt: Date?
        /// The last new message.
        public var lastMessageAt: Date?

        /// Creates a mailbox observation.
        public init(
            name: String, lastError: String? = nil, failingSince: Date? = nil, lastPollAt: Date? = nil,
            lastMessageAt: Date? = nil
        ) {
            self.name = name
            self.lastError = lastError
            self.failingSince = failingSince
            self.lastPollAt = lastPollAt
            self.lastMessageAt = lastMessageAt
        }
    }

    /// Every mailbox.
    public var mailboxes: [Mailbox] = []
    /// Outgoing mail that failed for good in the last hour.
    public var outboxFailedLastHour = 0
    /// Outgoing mail held back by our own configuration (a wrong password, a refused sender).
    public var outboxBlocked = 0
    /// Outgoing mail deferred after three or more attempts.
    public var outboxRetrying = 0
    /// Quarantined messages waiting for a person.
    public var quarantineWaiting = 0
    /// Messages quarantined in the last hour.
    public var quarantinedLastHour = 0
    /// Escalations in the last hour.
    public var escalationsLastHour = 0
    /// Escalations in the same hour on each of the seven days before.
    public var escalationsSameHourBefore: [Int] = []
    /// The language model's circuit breaker (`closed`, `open`, `half_open`); nil when no model is configured.
    public var llmBreaker: String?

    /// Nothing observed.
    public init() {}
}

/// The rules that turn an observation into each channel's health, with the reason in words (docs/KPIS.md,
/// "Alerts"). They only observe: nothing here stops intake or sending.
public struct AlertRules: Sendable {
    /// `alerts.silenceMinutes`: intake without new mail for this long is degraded (0 = off).
    public var silenceMinutes: Int
    /// A mailbox failing for this long is failing (a blip that recovers on the next poll is not an alert).
    public var intakeFailingMinutes: Int
    /// `alerts.spikeFactor`.
    public var spikeFactor: Double
    /// `alerts.spikeMinimum`.
    public var spikeMinimum: Int
    /// `alerts.quarantinePerHour`.
    public var quarantinePerHour: Int

    /// Creates the rules.
    public init(
        silenceMinutes: Int = 0, intakeFailingMinutes: Int = 10, spikeFactor: Double = 3, spikeMinimum: Int = 5,
        quarantinePerHour: Int = 10
    ) {
        self.silenceMinutes = silenceMinutes
        self.intakeFailingMinutes = intakeFailingMinutes
        self.spikeFactor = spikeFactor
        self.spikeMinimum = spikeMinimum
        self.quarantinePerHour = quarantinePerHour
    }

    /// Each channel's health and why.
    public func evaluate(_ o: ChannelObservation, now: Date) -> [AlertChannel: (ChannelHealth, String)] {
        var health: [AlertChannel: (ChannelHealth, String)] = [
            .intake: intake(o, now: now), .outbox: outbox(o), .quarantine: quarantine(o),
            .escalations: escalations(o),
        ]
        if let breaker = o.llmBreaker { health[.llm] = llm(breaker) }
        return health
    }

    func llm(_ breaker: String) -> (ChannelHealth, String) {
        switch breaker {
        case "closed": return (.healthy, "the language model answers")
        case "half_open": return (.degraded, "the language model failed repeatedly; one trial call is allowed")
        default:
            return (
                .degraded,
                "the language model failed repeatedly; calls are paused and the local classifier decides alone"
            )
        }
    }

    func intake(_ o: ChannelObservation, now: Date) -> (ChannelHealth, String) {
        let limit = Double(intakeFailingMinutes * 60)
        if let broken = o.mailboxes.first(where: { box in
            box.failingSince.map { now.timeIntervalSince($0) >= limit } ?? false
        }) {
            let minutes = Int(now.timeIntervalSince(broken.failingSince ?? now) / 60)
            return (.failing, "\(broken.name) has failed for \(minutes) min: \(broken.lastError ?? "unknown error")")
        }
        if silenceMinutes > 0,
            let silent = o.mailboxes.first(where: {
                IntakeSilence.isSilent(
                    lastMessageAt: $0.lastMessageAt, lastPollAt: $0.lastPollAt, now: now, minutes: silenceMinutes)
            })
        {
            let minutes = Int(
                IntakeSilence.seconds(lastMessageAt: silent.lastMessageAt, lastPollAt: silent.lastPollAt, now: now) / 60
            )
            return (.degraded, "no new mail in \(silent.name) for \(minutes) min (limit \(silenceMinutes))")
        }
        return (.healthy, "every mailbox is polled without errors")
    }

    func outbox(_ o: ChannelObservation) -> (ChannelHealth, String) {
        if o.outboxBlocked > 0 || o.outboxFailedLastHour > 0 {
            var parts: [String] = []
            if o.outboxBlocked > 0 { parts.append("\(o.outboxBlocked) held back by our configuration") }
            if o.outboxFailedLastHour > 0 { parts.append("\(o.outboxFailedLastHour) failed for good in the last hour") }
            return (.failing, "outgoing mail: " + parts.joined(separator: ", "))
        }
        if o.outboxRetrying > 0 {
            return (.degraded, "\(o.outboxRetrying) outgoing mails deferred after three or more attempts")
        }
        return (.healthy, "outgoing mail is accepted by the server")
    }

    func quarantine(_ o: ChannelObservation) -> (ChannelHealth, String) {
        if o.quarantinedLastHour >= quarantinePerHour {
            return (
                .failing,
                "\(o.quarantinedLastHour) messages quarantined in the last hour (limit \(quarantinePerHour)); "
                    + "\(o.quarantineWaiting) waiting"
            )
        }
        if o.quarantineWaiting > 0 {
            return (.degraded, "\(o.quarantineWaiting) quarantined messages wait for a person")
        }
        return (.healthy, "nothing waits in quarantine")
    }

    func escalations(_ o: ChannelObservation) -> (ChannelHealth, String) {
        let before = o.escalationsSameHourBefore
        let average = before.isEmpty ? 0 : Double(before.reduce(0, +)) / Double(before.count)
        if o.escalationsLastHour >= spikeMinimum, Double(o.escalationsLastHour) > spikeFactor * average {
            return (
                .degraded,
                "\(o.escalationsLastHour) escalations in the last hour, over \(spikeFactor)x the 7-day average for "
                    + "this hour (\(String(format: "%.1f", average)))"
            )
        }
        return (.healthy, "escalations at their usual rate")
    }
}
