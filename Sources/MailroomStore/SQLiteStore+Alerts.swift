import Foundation
import GRDB
import MailroomCore

/// A channel's health as last alerted.
public struct StoredAlertState: Sendable, Hashable {
    /// The health.
    public var health: ChannelHealth
    /// Since when.
    public var since: Date
    /// Why, in words.
    public var detail: String?
    /// When an alert mail about it was last queued.
    public var lastAlertAt: Date?

    /// Creates a value.
    public init(health: ChannelHealth, since: Date, detail: String?, lastAlertAt: Date?) {
        self.health = health
        self.since = since
        self.detail = detail
        self.lastAlertAt = lastAlertAt
    }
}

/// An open ticket past a due time that no alert has named yet.
public struct SLABreach: Sendable, Hashable {
    /// The ticket's public id.
    public var ticketPublicID: String
    /// Its subject.
    public var subject: String
    /// Its urgency.
    public var urgency: String?
    /// Which target: `first response` or `resolution`.
    public var target: String
    /// When it was due.
    public var dueAt: Date

    /// Creates a value.
    public init(ticketPublicID: String, subject: String, urgency: String?, target: String, dueAt: Date) {
        self.ticketPublicID = ticketPublicID
        self.subject = subject
        self.urgency = urgency
        self.target = target
        self.dueAt = dueAt
    }
}

extension SQLiteStore: AlertStore {
    /// What the alert rules look at, as of `now`.
    public func channelObservation(now: Date) throws -> ChannelObservation {
        try StoreError.wrapping {
            try pool.read { db in
                var o = ChannelObservation()
                o.mailboxes = try Row.fetchAll(
                    db, sql: "SELECT name, lastError, failingSince, lastPollAt, lastMessageAt FROM mailbox ORDER BY id"
                ).map {
                    ChannelObservation.Mailbox(
                        name: $0["name"], lastError: $0["lastError"], failingSince: $0["failingSince"],
                        lastPollAt: $0["lastPollAt"], lastMessageAt: $0["lastMessageAt"])
                }
                let hourAgo = now.addingTimeInterval(-3600)
                func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
                    try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
                }
                o.outboxFailedLastHour = try count(EventQueries.failedBetween, [hourAgo, now])
                o.outboxBlocked = try count(
                    "SELECT COUNT(*) FROM outbox WHERE state = 'deferred' AND errorClass = 'configuration'")
                o.outboxRetrying = try count(
                    "SELECT COUNT(*) FROM outbox WHERE state = 'deferred' AND errorClass = 'transient' AND attempts >= 3"
                )
                o.quarantineWaiting = try count(
                    "SELECT COUNT(*) FROM quarantine WHERE releasedAt IS NULL AND dismissedAt IS NULL")
                o.quarantinedLastHour = try count(
                    "SELECT COUNT(*) FROM quarantine WHERE createdAt >= ? AND createdAt <= ?", [hourAgo, now])
                let escalations = EventQueries.escalationsBetween
                o.escalationsLastHour = try count(escalations, [hourAgo, now])
                o.escalationsSameHourBefore = try (1...7).map { days in
                    let shift = Double(days) * -86_400
                    return try count(escalations, [hourAgo.addingTimeInterval(shift), now.addingTimeInterval(shift)])
                }
                return o
            }
        }
    }

    /// Each channel's last alerted health (a channel never alerted is healthy).
    public func alertStates() throws -> [AlertChannel: StoredAlertState] {
        try StoreError.wrapping {
            try pool.read { db in
                var states: [AlertChannel: StoredAlertState] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT * FROM alertState") {
                    guard let channel = AlertChannel(rawValue: row["channel"]),
                        let health = ChannelHealth(rawValue: row["state"])
                    else { continue }
                    states[channel] = StoredAlertState(
                        health: health, since: row["since"], detail: row["detail"], lastAlertAt: row["lastAlertAt"])
                }
                return states
            }
        }
    }

    /// How many alert mails were queued since `date` (the rate limit).
    public func alertMails(since date: Date) throws -> Int {
        try StoreError.wrapping {
            try pool.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM alertSent WHERE at >= ?", arguments: [StoredDate.value(date)]) ?? 0
            }
        }
    }

    /// Open and escalated tickets past a due time that no alert named yet, oldest due first.
    public func slaBreaches(now: Date, limit: Int = 200) throws -> [SLABreach] {
        try StoreError.wrapping {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT publicId, subject, urgency, firstResponseAt, firstResponseDueAt, resolutionDueAt
                        FROM ticket WHERE status IN ('open', 'escalated') AND slaAlertedAt IS NULL
                          AND ((firstResponseAt IS NULL AND firstResponseDueAt < ?) OR resolutionDueAt < ?)
                        ORDER BY MIN(COALESCE(firstResponseDueAt, resolutionDueAt), resolutionDueAt) LIMIT ?
                        """, arguments: [StoredDate.value(now), StoredDate.value(now), limit]
                ).map { row in
                    let firstDue: Date? = row["firstResponseDueAt"]
                    let firstMissed = (row["firstResponseAt"] as Date?) == nil && (firstDue.map { $0 < now } ?? false)
                    return SLABreach(
                        ticketPublicID: row["publicId"], subject: row["subject"], urgency: row["urgency"],
                        target: firstMissed ? "first response" : "resolution",
                        dueAt: firstMissed ? firstDue ?? now : row["resolutionDueAt"])
                }
            }
        }
    }

    /// Records an alert in one transaction: the channel's new health (nil for an SLA digest), the mail to queue
    /// (nil when there is no recipient or the rate limit holds it back), the audit event, and the tickets the
    /// digest names (never named again).
    public func recordAlert(
        channel: String, health: ChannelHealth?, detail: String, draft: OutboxDraft?, tickets: [String] = [],
        now: Date
    ) throws {
        try StoreError.wrapping {
            try pool.write { db in
                if let health {
                    try db.execute(
                        sql: """
                            INSERT INTO alertState (channel, state, since, detail, lastAlertAt) VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT (channel) DO UPDATE SET state = excluded.state, since = excluded.since,
                              detail = excluded.detail, lastAlertAt = COALESCE(excluded.lastAlertAt, lastAlertAt)
                            """,
                        arguments: [
                            channel, health.rawValue, StoredDate.value(now), detail,
                            draft == nil ? nil : StoredDate.value(now),
                        ])
                }
                var outboxID: Int64?
                if let draft {
                    outboxID = try queue([draft], ticketID: nil, sourceRow: nil, db: db, now: now)[draft.messageID]
                    try db.execute(
                        sql: "INSERT INTO alertSent (channel, at) VALUES (?, ?)",
                        arguments: [channel, StoredDate.value(now)])
                }
                for ticket in tickets {
                    try db.execute(
                        sql: "UPDATE ticket SET slaAlertedAt = ? WHERE publicId = ?",
                        arguments: [StoredDate.value(now), ticket])
                }
                let sent = draft == nil ? "recorded, no mail" : "mail queued"
                var event = EventRecord(
                    outboxId: outboxID, at: now, type: AuditEventType.alerted.rawValue,
                    reason: health.map { "\(channel).\($0.rawValue)" } ?? channel, detail: "\(detail) (\(sent))")
                try event.insert(db)
            }
        }
    }
}
