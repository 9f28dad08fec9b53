import Foundation
import MailroomCore
import MailroomStore
import PostgresNIO

extension PostgresStore: AlertStore {
    /// What the channels look like at `now`.
    public func channelObservation(now: Date) throws -> ChannelObservation {
        try connections.read { session in
            var o = ChannelObservation()
            o.mailboxes = try session.query(
                "SELECT name, lastError, failingSince, lastPollAt, lastMessageAt FROM mailbox ORDER BY id"
            ).map {
                ChannelObservation.Mailbox(
                    name: try $0.required(0), lastError: try $0.value(1), failingSince: try $0.value(2),
                    lastPollAt: try $0.value(3), lastMessageAt: try $0.value(4))
            }
            let hourAgo = now.addingTimeInterval(-3600)
            func count(_ query: PostgresQuery) throws -> Int {
                Int(try session.scalar(query, as: Int64.self) ?? 0)
            }
            o.outboxFailedLastHour = try count(
                "SELECT count(*) FROM event WHERE type = 'failed' AND at >= \(hourAgo) AND at <= \(now)")
            o.outboxBlocked = try count(
                "SELECT count(*) FROM outbox WHERE state = 'deferred' AND errorClass = 'configuration'")
            o.outboxRetrying = try count(
                "SELECT count(*) FROM outbox WHERE state = 'deferred' AND errorClass = 'transient' AND attempts >= 3")
            o.quarantineWaiting = try count(
                "SELECT count(*) FROM quarantine WHERE releasedAt IS NULL AND dismissedAt IS NULL")
            o.quarantinedLastHour = try count(
                "SELECT count(*) FROM quarantine WHERE createdAt >= \(hourAgo) AND createdAt <= \(now)")
            func escalations(_ from: Date, _ to: Date) throws -> Int {
                try count("SELECT count(*) FROM event WHERE type = 'escalated' AND at > \(from) AND at <= \(to)")
            }
            o.escalationsLastHour = try escalations(hourAgo, now)
            o.escalationsSameHourBefore = try (1...7).map { days in
                let shift = Double(days) * -86_400
                return try escalations(hourAgo.addingTimeInterval(shift), now.addingTimeInterval(shift))
            }
            return o
        }
    }

    /// The last recorded state of each channel.
    public func alertStates() throws -> [AlertChannel: StoredAlertState] {
        try connections.read { session in
            var states: [AlertChannel: StoredAlertState] = [:]
            for row in try session.query("SELECT channel, state, since, detail, lastAlertAt FROM alertState") {
                guard let channel = AlertChannel(rawValue: try row.required(0)),
                    let health = ChannelHealth(rawValue: try row.required(1))
                else { continue }
                states[channel] = StoredAlertState(
                    health: health, since: try row.required(2), detail: try row.value(3), lastAlertAt: try row.value(4))
            }
            return states
        }
    }

    /// How many alert mails were queued since `date`.
    public func alertMails(since date: Date) throws -> Int {
        try connections.read { session in
            Int(try session.scalar("SELECT count(*) FROM alertSent WHERE at >= \(date)", as: Int64.self) ?? 0)
        }
    }

    /// Open tickets past an SLA target and not alerted yet, most overdue first.
    public func slaBreaches(now: Date, limit: Int) throws -> [SLABreach] {
        try connections.read { session in
            try session.query(
                """
                SELECT publicId, subject, urgency, firstResponseAt, firstResponseDueAt, resolutionDueAt
                FROM ticket WHERE status IN ('open', 'escalated') AND slaAlertedAt IS NULL
                  AND ((firstResponseAt IS NULL AND firstResponseDueAt < \(now)) OR resolutionDueAt < \(now))
                ORDER BY LEAST(COALESCE(firstResponseDueAt, resolutionDueAt), resolutionDueAt), id
                LIMIT \(Int64(limit))
                """
            ).map { row in
                let firstDue = try row.value(4, as: Date.self)
                let firstMissed = try row.value(3, as: Date.self) == nil && (firstDue.map { $0 < now } ?? false)
                return SLABreach(
                    ticketPublicID: try row.required(0), subject: try row.required(1), urgency: try row.value(2),
                    target: firstMissed ? "first response" : "resolution",
                    dueAt: firstMissed ? firstDue ?? now : try row.value(5) ?? now)
            }
        }
    }

    /// Records an alert in one transaction.
    public func recordAlert(
        channel: String, health: ChannelHealth?, detail: String, draft: OutboxDraft?, tickets: [String], now: Date
    ) throws {
        try connections.transaction(retrying: { $0.isRetryable || $0.isUniqueViolation }) { session in
            if let health {
                let alertedAt = draft == nil ? nil : now
                try session.execute(
                    """
                    INSERT INTO alertState (channel, state, since, detail, lastAlertAt)
                    VALUES (\(channel), \(health.rawValue), \(now), \(detail), \(alertedAt))
                    ON CONFLICT (channel) DO UPDATE SET state = excluded.state, since = excluded.since,
                      detail = excluded.detail, lastAlertAt = COALESCE(excluded.lastAlertAt, alertState.lastAlertAt)
                    """)
            }
            var outboxID: Int64?
            if let draft {
                outboxID = try PostgresOutboxWrites.queue([draft], ticketID: nil, sourceRow: nil, session, now: now)[
                    draft.messageID]
                try session.execute("INSERT INTO alertSent (channel, at) VALUES (\(channel), \(now))")
                try notify(session, .send)
            }
            for ticket in tickets {
                try session.execute("UPDATE ticket SET slaAlertedAt = \(now) WHERE publicId = \(ticket)")
            }
            let sent = draft == nil ? "recorded, no mail" : "mail queued"
            try Self.appendEvent(
                session, outboxID: outboxID, at: now, type: AuditEventType.alerted.rawValue,
                reason: health.map { "\(channel).\($0.rawValue)" } ?? channel, detail: "\(detail) (\(sent))")
        }
    }
}
