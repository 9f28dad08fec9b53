import GRDB

/// The schema, as named migrations. A released migration is never edited: add a new one.
///
/// Idempotency lives here: UNIQUE (mailbox, UIDVALIDITY, UID) and a unique content fingerprint per inbound
/// message make a second ingest a no-op; UNIQUE (source message, purpose) on the outbox makes a second
/// processing queue nothing; UNIQUE outbox Message-IDs make every send recognisable.
enum Migrations {
    static var migrator: DatabaseMigrator { migrator(progress: nil) }

    /// The migrations; the long ones tell `progress` how far they are.
    static func migrator(progress: MigrationProgress?) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial-schema") { db in
            try createTickets(db)
            try createMailboxAndMessages(db)
            try createOutbox(db)
            try createEventsAndSupport(db)
        }
        migrator.registerMigration("v2-trust", migrate: trust)
        migrator.registerMigration("v3-http", migrate: MigrationsHTTP.migrate)
        migrator.registerMigration("v4-kpis") { db in
            try MigrationsKPIs.migrate(db)
            try KPIRollup.rebuild(db)
        }
        migrator.registerMigration("v5-mailbox-leases") { db in
            try db.create(table: "mailboxLease") { t in
                t.primaryKey("mailbox", .text)
                t.column("holder", .text).notNull()
                t.column("token", .integer).notNull()
                t.column("expiresAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v6-mail-bytes-apart") { db in
            try MigrationsMailBytes.migrate(db, progress: progress)
        }
        migrator.registerMigration("v7-checks-without-temporary-tables", migrate: MigrationsChecks.migrate)
        migrator.registerMigration("v8-event-type-index-for-types-read-by-time", migrate: MigrationsEventIndex.migrate)
        return migrator
    }

    /// Curated knowledge (pending until approved, with what the personal-data screen found and how often an entry
    /// was reused), the people on a customer's own mail, intake entries that could not be read, and the class of
    /// an outgoing mail's last error. Existing knowledge was never screened: it becomes pending.
    private static func trust(_ db: Database) throws {
        try db.alter(table: "knowledge") { t in
            t.add(column: "state", .text).notNull().defaults(to: "pending")
                .check { ["pending", "approved", "rejected"].contains($0) }
            t.add(column: "author", .text)
            t.add(column: "customerName", .text)
            t.add(column: "customerEmail", .text)
            t.add(column: "findings", .text)
            t.add(column: "reviewedBy", .text)
            t.add(column: "reviewedAt", .datetime)
            t.add(column: "updatedAt", .datetime)
            t.add(column: "reuseCount", .integer).notNull().defaults(to: 0)
        }
        try db.execute(
            sql: """
                UPDATE knowledge SET updatedAt = createdAt,
                  customerName = (SELECT customerName FROM ticket WHERE ticket.id = knowledge.ticketId),
                  customerEmail = (SELECT customerEmail FROM ticket WHERE ticket.id = knowledge.ticketId)
                """)
        try db.create(index: "knowledge_on_state", on: "knowledge", columns: ["state"])
        try db.alter(table: "ticket") { t in
            t.add(column: "participants", .text).notNull().defaults(to: "[]")
        }
        try db.alter(table: "outbox") { t in
            t.add(column: "errorClass", .text)
        }
        try db.create(table: "intakeSkip") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("source", .text).notNull()
            t.column("entry", .text).notNull()
            t.column("reason", .text).notNull()
            t.column("firstSeenAt", .datetime).notNull()
            t.column("lastSeenAt", .datetime).notNull()
            t.uniqueKey(["source", "entry"])
        }
    }

    private static func createMailboxAndMessages(_ db: Database) throws {
        try db.create(table: "mailbox") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique()
            t.column("uidValidity", .integer)
            t.column("lastUID", .integer).notNull().defaults(to: 0)
            t.column("lastPollAt", .datetime)
            t.column("lastMessageAt", .datetime)
            t.column("lastError", .text)
        }
        try db.create(table: "message") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("direction", .text).notNull().check { ["in", "out"].contains($0) }
            t.column("source", .text).notNull()
            t.column("mailboxId", .integer).references("mailbox")
            t.column("uidValidity", .integer)
            t.column("uid", .integer)
            t.column("messageIdHeader", .text)
            t.column("fromHeader", .text)
            t.column("contentHash", .text).notNull()
            t.column("raw", .blob).notNull()
            t.column("size", .integer).notNull()
            t.column("envelopeRecipient", .text)
            t.column("oversizedSize", .integer)
            t.column("receivedAt", .datetime).notNull()
            t.column("state", .text).notNull()
                .check { ["received", "processed", "quarantined"].contains($0) }
            t.column("kind", .text)
            t.column("fromAddress", .text)
            t.column("subject", .text)
            t.column("ticketId", .integer).references("ticket")
            t.column("processedAt", .datetime)
            t.column("outcome", .text)
        }
        try db.create(
            index: "message_on_mailbox_uid", on: "message", columns: ["mailboxId", "uidValidity", "uid"],
            unique: true, condition: Column("uid") != nil)
        try db.create(
            index: "message_on_inbound_hash", on: "message", columns: ["contentHash"], unique: true,
            condition: Column("direction") == "in")
        try db.create(index: "message_on_messageIdHeader", on: "message", columns: ["messageIdHeader"])
        try db.create(index: "message_on_state", on: "message", columns: ["state", "id"])
        try db.create(index: "message_on_ticket", on: "message", columns: ["ticketId"])
    }

    private static func createTickets(_ db: Database) throws {
        try db.create(table: "ticket") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("publicId", .text).notNull().unique()
            t.column("customerEmail", .text).notNull()
            t.column("customerName", .text)
            t.column("subject", .text).notNull()
            t.column("status", .text).notNull()
                .check { ["open", "auto_replied", "escalated", "answered", "closed"].contains($0) }
            t.column("intent", .text)
            t.column("confidence", .double)
            t.column("urgency", .text)
            t.column("sentiment", .text)
            t.column("churnRisk", .text)
            t.column("language", .text)
            t.column("signals", .text)
            t.column("receivedAt", .datetime).notNull()
            t.column("firstResponseAt", .datetime)
            t.column("resolvedAt", .datetime)
            t.column("updatedAt", .datetime).notNull()
            t.column("lastCustomerMessageId", .text)
            t.column("threadReferences", .text).notNull().defaults(to: "[]")
            t.column("automaticReplies", .integer).notNull().defaults(to: 0)
            t.column("escalationMessageId", .text)
            t.column("question", .text)
        }
        try db.create(index: "ticket_on_customer", on: "ticket", columns: ["customerEmail"])
        try db.create(index: "ticket_on_status", on: "ticket", columns: ["status"])
    }

    private static func createOutbox(_ db: Database) throws {
        try db.create(table: "outbox") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("ticketId", .integer).references("ticket")
            t.column("sourceMessageId", .integer).references("message")
            t.column("purpose", .text).notNull()
                .check {
                    ["auto_reply", "acknowledgement", "escalation", "agent_relay", "follow_up", "agent_template"]
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
        }
        try db.create(
            index: "outbox_once_per_message", on: "outbox", columns: ["sourceMessageId", "purpose"], unique: true,
            condition: Column("sourceMessageId") != nil)
        try db.create(index: "outbox_on_state_due", on: "outbox", columns: ["state", "nextAttemptAt"])
    }

    private static func createEventsAndSupport(_ db: Database) throws {
        try db.create(table: "event") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("ticketId", .integer).references("ticket")
            t.column("messageId", .integer).references("message")
            t.column("outboxId", .integer).references("outbox")
            t.column("at", .datetime).notNull()
            t.column("type", .text).notNull()
            t.column("reason", .text)
            t.column("detail", .text).notNull()
        }
        try db.create(index: "event_on_ticket", on: "event", columns: ["ticketId", "id"])
        try db.create(table: "knowledge") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("ticketId", .integer).notNull().unique().references("ticket")
            t.column("question", .text).notNull()
            t.column("answer", .text).notNull()
            t.column("intent", .text)
            t.column("language", .text)
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(table: "automaticMail") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("address", .text).notNull()
            t.column("queuedAt", .datetime).notNull()
        }
        try db.create(index: "automaticMail_on_address", on: "automaticMail", columns: ["address", "queuedAt"])
        try db.create(table: "rateLimitHit") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("address", .text).notNull()
            t.column("at", .datetime).notNull()
        }
        try db.create(index: "rateLimitHit_on_address", on: "rateLimitHit", columns: ["address", "at"])
        try db.create(table: "senderPause") { t in
            t.primaryKey("address", .text)
            t.column("until", .datetime).notNull()
            t.column("reason", .text).notNull()
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(table: "quarantine") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("messageId", .integer).notNull().unique().references("message")
            t.column("reason", .text).notNull()
                .check { ["unparseable", "oversized", "processing_error"].contains($0) }
            t.column("detail", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("releasedAt", .datetime)
        }
    }
}
