import Foundation
import Logging
import MailMessage
import MailroomCore
import MailroomStore
import ServiceLifecycle

/// Watches the channels (intake, outbox, quarantine, escalations) and the SLA, and tells `alerts.to` by mail
/// through the outbox: one mail when a channel's health changes (worse or recovered), one digest for tickets
/// newly past a due time, never more than `alerts.maxPerHour` mails an hour. Every alert is an audit event and a
/// metric, mailed or not. It only observes: it never stops intake or sending.
final class AlertMonitor: Service {
    /// What one check recorded.
    struct Notice: Sendable, Hashable {
        /// The channel (or `sla`).
        var channel: String
        /// The new health (nil for an SLA digest).
        var health: ChannelHealth?
        /// Why.
        var detail: String
        /// Whether a mail was queued.
        var mailed: Bool
    }

    private let store: any MailroomStorage
    private let rules: AlertRules
    private let settings: AlertSettings
    private let mail: AlertMail
    private let metrics: GatewayMetrics
    private let logger: Logger
    private let senderBell: Doorbell
    private let interval: Duration
    private let now: @Sendable () -> Date
    /// On a shared store: one gateway checks and alerts (the holder of `mailroom:alerts`); nil on SQLite.
    let lease: LeaseKeeper?
    /// The language model's breaker state, when one is configured.
    let llmBreaker: (@Sendable () -> String?)?

    init(
        store: any MailroomStorage, settings: AlertSettings, mail: AlertMail, metrics: GatewayMetrics, logger: Logger,
        senderBell: Doorbell, interval: Duration = .seconds(60), now: @escaping @Sendable () -> Date,
        lease: LeaseKeeper? = nil, llmBreaker: (@Sendable () -> String?)? = nil
    ) {
        self.lease = lease
        self.llmBreaker = llmBreaker
        self.store = store
        self.settings = settings
        rules = AlertRules(
            silenceMinutes: settings.silenceMinutes, spikeFactor: settings.spikeFactor,
            spikeMinimum: settings.spikeMinimum, quarantinePerHour: settings.quarantinePerHour)
        self.mail = mail
        self.metrics = metrics
        self.logger = logger
        self.senderBell = senderBell
        self.interval = interval
        self.now = now
    }

    /// Looks once: records each channel whose health changed and the tickets newly past a due time.
    @discardableResult
    func check() throws -> [Notice] {
        let date = now()
        // With several gateways, one of them alerts: the others would mail the same alert again.
        if let lease, try lease.hold(now: date) == nil { return [] }
        var observation = try store.channelObservation(now: date)
        observation.llmBreaker = llmBreaker?()
        let evaluated = rules.evaluate(observation, now: date)
        let stored = try store.alertStates()
        var notices: [Notice] = []
        var current = stored.mapValues(\.health)
        for channel in AlertChannel.allCases {
            guard let (health, _) = evaluated[channel] else { continue }
            current[channel] = health
            metrics.channelHealth(channel.rawValue, health)
        }
        for channel in AlertChannel.allCases {
            guard let (health, detail) = evaluated[channel], health != (stored[channel]?.health ?? .healthy) else {
                continue
            }
            let previous = stored[channel]?.health ?? .healthy
            let draft = try mailIfAllowed(at: date) {
                try mail.channelChange(channel, from: previous, to: health, detail: detail, all: current, now: date)
            }
            try store.recordAlert(channel: channel.rawValue, health: health, detail: detail, draft: draft, now: date)
            notices.append(Notice(channel: channel.rawValue, health: health, detail: detail, mailed: draft != nil))
        }
        let breaches = try store.slaBreaches(now: date)
        if !breaches.isEmpty {
            let detail = "\(breaches.count) ticket\(breaches.count == 1 ? "" : "s") past an SLA due time"
            let draft = try mailIfAllowed(at: date) { try mail.slaDigest(breaches, now: date) }
            // Held back by the rate limit with recipients configured: named again in the next digest.
            let named = draft != nil || settings.to.isEmpty ? breaches.map(\.ticketPublicID) : []
            if !named.isEmpty || draft != nil {
                try store.recordAlert(
                    channel: "sla", health: nil, detail: detail, draft: draft, tickets: named, now: date)
                notices.append(Notice(channel: "sla", health: nil, detail: detail, mailed: draft != nil))
            }
        }
        for notice in notices {
            metrics.alert(channel: notice.channel, health: notice.health?.rawValue ?? "breach", mailed: notice.mailed)
            logger.warning(
                "alert",
                metadata: [
                    "channel": "\(notice.channel)", "health": "\(notice.health?.rawValue ?? "breach")",
                    "detail": "\(notice.detail)", "mailed": "\(notice.mailed)",
                ])
        }
        if notices.contains(where: \.mailed) { senderBell.ring() }
        return notices
    }

    /// The alert mail, unless there is no recipient or `alerts.maxPerHour` mails went out in the last hour.
    private func mailIfAllowed(at date: Date, _ compose: () throws -> OutboxDraft) throws -> OutboxDraft? {
        guard !settings.to.isEmpty else { return nil }
        guard try store.alertMails(since: date.addingTimeInterval(-3600)) < settings.maxPerHour else {
            metrics.alertRateLimited()
            return nil
        }
        return try compose()
    }

    /// Checks every `interval` until a graceful shutdown; a failed check is logged and tried again.
    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try check()
            } catch {
                logger.error("alert check failed", metadata: ["error": "\(RunError.detail(error))"])
            }
            do {
                try await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            } catch {
                break
            }
        }
    }
}

/// Composes alert mail: from the support address to `alerts.to`, `Auto-Submitted: auto-generated` (RFC 3834)
/// with our loop field, plain text; ticket subjects are cut to one line.
struct AlertMail: Sendable {
    let supportAddress: String
    let companyName: String
    let to: [String]
    let loopHeaders: LoopHeaders

    func channelChange(
        _ channel: AlertChannel, from previous: ChannelHealth, to health: ChannelHealth, detail: String,
        all: [AlertChannel: ChannelHealth], now: Date
    ) throws -> OutboxDraft {
        let subject =
            health == .healthy
            ? "[Mailroom] \(channel.rawValue) recovered" : "[Mailroom] \(channel.rawValue) \(health.rawValue)"
        let overview = AlertChannel.allCases.map { "  \($0.rawValue): \((all[$0] ?? .healthy).rawValue)" }
        let text = """
            \(channel.rawValue) is \(health.rawValue) (was \(previous.rawValue)) since \(now.formatted(.iso8601)).

            \(detail)

            All channels now:
            \(overview.joined(separator: "\n"))

            Mailroom keeps working on what it can: it never switches intake or sending off by itself.
            See `mailroom status`, the console, or the mailroom_channel_health metric.
            """
        return try draft(subject: subject, text: text, now: now)
    }

    func slaDigest(_ breaches: [SLABreach], now: Date) throws -> OutboxDraft {
        let lines = breaches.prefix(50).map { breach in
            "  \(breach.ticketPublicID)  \(breach.urgency ?? "medium")  \(breach.target) due "
                + "\(breach.dueAt.formatted(.iso8601))  \(Self.oneLine(breach.subject))"
        }
        let more = breaches.count > 50 ? "\n  ... and \(breaches.count - 50) more" : ""
        let text = """
            \(breaches.count) open ticket\(breaches.count == 1 ? " is" : "s are") past an SLA due time \
            (each ticket is named once):

            \(lines.joined(separator: "\n"))\(more)
            """
        return try draft(
            subject: "[Mailroom] SLA: \(breaches.count) ticket\(breaches.count == 1 ? "" : "s") overdue", text: text,
            now: now)
    }

    /// One line of at most 80 characters with no control characters.
    static func oneLine(_ text: String) -> String {
        let clean = String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
        return clean.count > 80 ? String(clean.prefix(79)) + "…" : clean
    }

    private func draft(subject: String, text: String, now: Date) throws -> OutboxDraft {
        var random = SystemRandomNumberGenerator()
        let domain = supportAddress.split(separator: "@").last.map(String.init) ?? "localhost"
        let id = try MessageID.generate(domain: domain, date: now, using: &random)
        let message = OutgoingMessage(
            from: Address(name: companyName, address: supportAddress),
            to: to.map { Address(name: nil, address: $0) }, subject: subject, date: now, messageID: id,
            extraFields: loopHeaders.fields(for: .notification).map { HeaderField(name: $0.name, value: $0.value) },
            textBody: text)
        return OutboxDraft(
            purpose: .alert, envelopeFrom: supportAddress, recipients: to, messageID: id, subject: subject,
            raw: try message.render(using: &random))
    }
}
