import GRDB

/// The HTTP API's tables: accounts with hashed passwords and roles, hashed access tokens (sessions and API
/// tokens), customer feedback from the links in our mail, full-text search over tickets (FTS5), and who submitted
/// a message through the API.
enum MigrationsHTTP {
    static func migrate(_ db: Database) throws {
        try db.alter(table: "message") { t in t.add(column: "submittedBy", .text) }
        try db.alter(table: "ticket") { t in t.add(column: "reopenCount", .integer).notNull().defaults(to: 0) }
        try db.execute(
            sql: """
                UPDATE ticket SET reopenCount = (SELECT COUNT(*) FROM event WHERE event.ticketId = ticket.id
                                                 AND event.type = 'reopened')
                """)
        try db.create(table: "account") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique().collate(.nocase)
            t.column("role", .text).notNull().check { ["admin", "manager", "agent", "intake"].contains($0) }
            t.column("email", .text)
            t.column("passwordHash", .text)
            t.column("createdAt", .datetime).notNull()
            t.column("passwordChangedAt", .datetime)
            t.column("failedLogins", .integer).notNull().defaults(to: 0)
            t.column("lockedUntil", .datetime)
        }
        try db.create(table: "accessToken") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("accountId", .integer).notNull().references("account", onDelete: .cascade)
            t.column("kind", .text).notNull().check { ["session", "api"].contains($0) }
            t.column("tokenHash", .text).notNull().unique()
            t.column("createdAt", .datetime).notNull()
            t.column("expiresAt", .datetime)
            t.column("revokedAt", .datetime)
            t.column("lastUsedAt", .datetime)
        }
        try db.create(index: "accessToken_on_user", on: "accessToken", columns: ["accountId"])
        try db.alter(table: "quarantine") { t in
            t.add(column: "releasedBy", .text)
            t.add(column: "dismissedAt", .datetime)
            t.add(column: "dismissedBy", .text)
            t.add(column: "dismissReason", .text)
        }
        try db.create(table: "feedback") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("ticketId", .integer).notNull().references("ticket")
            t.column("nonce", .text).notNull()
            t.column("answer", .text).notNull().check { ["yes", "no"].contains($0) }
            t.column("rating", .integer).check { $0 >= 1 && $0 <= 5 }
            t.column("comment", .text)
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
            t.uniqueKey(["ticketId", "nonce"])
        }
        try db.create(table: "templateVersion") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("language", .text).notNull()
            t.column("name", .text).notNull()
            t.column("text", .text).notNull()
            t.column("html", .text)
            t.column("author", .text).notNull()
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(index: "templateVersion_on_name", on: "templateVersion", columns: ["language", "name", "id"])
        try db.execute(
            sql: """
                CREATE VIRTUAL TABLE ticketSearch USING fts5(
                    subject, customer, body, tokenize = 'unicode61 remove_diacritics 2')
                """)
        try db.execute(
            sql: """
                INSERT INTO ticketSearch (rowid, subject, customer, body)
                SELECT id, subject, customerEmail || ' ' || COALESCE(customerName, ''), COALESCE(question, '') FROM ticket
                """)
    }
}
