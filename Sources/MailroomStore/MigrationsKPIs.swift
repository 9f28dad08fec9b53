import GRDB

/// KPIs: the timestamps of a ticket's life, written when they happen (and backfilled here from the audit trail
/// and the outbox), daily rollups of every figure (rebuilt here from the tickets, then kept in the same
/// transactions that change them), `alert` as an outbox purpose, and the state of alerting.
enum MigrationsKPIs {
    static func migrate(_ db: Database) throws {
        try db.alter(table: "ticket") { t in
            for column in [
                "autoAnsweredAt", "firstAutoResponseAt", "firstHumanResponseAt", "escalatedAt", "agentAnsweredAt",
                "closedAt", "customerFollowUpAt", "firstResponseDueAt", "resolutionDueAt",
            ] {
                t.add(column: column, .datetime)
            }
            t.add(column: "contradicted", .boolean).notNull().defaults(to: false)
        }
        try backfill(db)
        try db.create(index: "ticket_on_receivedAt", on: "ticket", columns: ["receivedAt"])
        try db.create(index: "ticket_on_autoAnsweredAt", on: "ticket", columns: ["autoAnsweredAt"])
        try db.create(index: "event_on_type_at", on: "event", columns: ["type", "at"])
        try db.create(index: "message_on_receivedAt", on: "message", columns: ["receivedAt"])
        try db.create(table: "kpiRollup", options: .withoutRowID) { t in
            t.column("day", .text).notNull()
            t.column("name", .text).notNull()
            t.column("key", .text).notNull()
            t.column("value", .double).notNull()
            t.primaryKey(["day", "name", "key"])
        }
        // The daily volume of a long period is read by figure, then day.
        try db.create(index: "kpiRollup_on_name", on: "kpiRollup", columns: ["name", "key", "day"])
        // The same figures by month (`YYYY-MM`), so a year is read as twelve months.
        try db.create(table: "kpiRollupMonth", options: .withoutRowID) { t in
            t.column("month", .text).notNull()
            t.column("name", .text).notNull()
            t.column("key", .text).notNull()
            t.column("value", .double).notNull()
            t.primaryKey(["month", "name", "key"])
        }
        try rebuildOutboxWithAlerts(db)
        try db.create(table: "alertState") { t in
            t.primaryKey("channel", .text)
            t.column("state", .text).notNull().check { ["healthy", "degraded", "failing"].contains($0) }
            t.column("since", .datetime).notNull()
            t.column("detail", .text)
            t.column("lastAlertAt", .datetime)
        }
        try db.create(table: "alertSent") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("channel", .text).notNull()
            t.column("at", .datetime).notNull()
        }
        try db.create(index: "alertSent_on_at", on: "alertSent", columns: ["at"])
        try db.alter(table: "ticket") { t in t.add(column: "slaAlertedAt", .datetime) }
        try db.alter(table: "mailbox") { t in t.add(column: "failingSince", .datetime) }
    }

    /// What the audit trail and the outbox already say about existing tickets.
    private static func backfill(_ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE ticket SET
                  escalatedAt = (SELECT MIN(at) FROM event WHERE event.ticketId = ticket.id AND type = 'escalated'),
                  agentAnsweredAt = (SELECT MIN(at) FROM event WHERE event.ticketId = ticket.id AND type = 'agentAnswered'),
                  closedAt = (SELECT MAX(at) FROM event WHERE event.ticketId = ticket.id AND type = 'closed'),
                  autoAnsweredAt = (SELECT MIN(createdAt) FROM outbox WHERE outbox.ticketId = ticket.id
                                    AND purpose = 'auto_reply'),
                  firstAutoResponseAt = (SELECT MIN(sentAt) FROM outbox WHERE outbox.ticketId = ticket.id
                                         AND purpose = 'auto_reply' AND state = 'sent'),
                  firstHumanResponseAt = (SELECT MIN(sentAt) FROM outbox WHERE outbox.ticketId = ticket.id
                                          AND purpose IN ('agent_relay', 'agent_template') AND state = 'sent')
                """)
        try db.execute(
            sql: """
                UPDATE ticket SET
                  customerFollowUpAt = (SELECT MIN(at) FROM event WHERE event.ticketId = ticket.id
                                        AND type IN ('reopened', 'followUp') AND at > ticket.autoAnsweredAt),
                  contradicted = EXISTS (SELECT 1 FROM event WHERE event.ticketId = ticket.id
                                         AND ((type = 'followUp' AND reason = 'didNotHelp')
                                              OR (type = 'agentAnswered' AND at > ticket.autoAnsweredAt)))
                WHERE autoAnsweredAt IS NOT NULL
                """)
    }

    /// SQLite cannot change a CHECK constraint: the outbox is copied into a table that also allows `alert`.
    private static func rebuildOutboxWithAlerts(_ db: Database) throws {
        try db.create(table: "outbox_new") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("ticketId", .integer).references("ticket")
            t.column("sourceMessageId", .integer).references("message")
            t.column("purpose", .text).notNull()
                .check {
                    [
                        "auto_reply", "acknowledgement", "escalation", "agent_relay", "follow_up", "agent_template",
                        "alert",
                    ]
                    .contains($0)
                }
            t.column("envelopeFrom", .text).notNull()
            t.column("recipients", .text).notNull()
            t.column("messageIdHeader", .text).notNull().unique()
            t.column("subject", .text).notNull()
            t.column("raw", .blob).notNull()
            t.column("state", .text).notNull()
                .check { ["queued", "sending", "sent", "deferred", "failed", "shadow"].contains($0) }
            t.column("attempts", .integer).notNull().defaults(to: 0)
            t.column("nextAttemptAt", .datetime).notNull()
            t.column("lastError", .text)
            t.column("createdAt", .datetime).notNull()
            t.column("sentAt", .datetime)
            t.column("errorClass", .text)
        }
        try db.execute(sql: "INSERT INTO outbox_new SELECT * FROM outbox")
        try db.drop(table: "outbox")
        try db.rename(table: "outbox_new", to: "outbox")
        try db.create(
            index: "outbox_once_per_message", on: "outbox", columns: ["sourceMessageId", "purpose"], unique: true,
            condition: Column("sourceMessageId") != nil)
        try db.create(index: "outbox_on_state_due", on: "outbox", columns: ["state", "nextAttemptAt"])
        try db.create(index: "outbox_on_ticket", on: "outbox", columns: ["ticketId"])
    }
}
