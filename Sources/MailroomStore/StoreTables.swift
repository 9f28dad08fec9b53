import Foundation

/// The tables every store keeps, column by column, with the kind of each value: what `mailroom migrate-store`
/// copies from one store to another, in an order that keeps every reference valid (a row's references are
/// copied before it). The identities (`id`) are copied as they are, so references stay the same.
package struct StoreTable: Sendable {
    /// The kind of a column's values.
    package enum Kind: Sendable {
        case integer, real, text, blob, date, bool
    }

    /// The table.
    package let name: String
    /// Its columns and their kinds, in order.
    package let columns: [(name: String, kind: Kind)]
    /// Whether it has an `id` identity (copied in pages by id; its sequence is moved past the largest).
    package let hasID: Bool

    init(_ name: String, _ columns: String, hasID: Bool = true) {
        self.name = name
        self.hasID = hasID
        self.columns = columns.split(separator: ",").map { spec in
            let parts = spec.split(separator: ":").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            let kind: Kind =
                switch parts[1] {
                case "i": .integer
                case "r": .real
                case "b": .blob
                case "d": .date
                case "t": .text
                default: .bool
                }
            return (parts[0], kind)
        }
    }

    /// Every table, references first.
    package static let all: [StoreTable] = [
        StoreTable(
            "mailbox",
            "id:i, name:t, uidValidity:i, lastUID:i, lastPollAt:d, lastMessageAt:d, lastError:t, failingSince:d"),
        StoreTable(
            "ticket",
            """
            id:i, publicId:t, customerEmail:t, customerName:t, subject:t, status:t, intent:t, confidence:r, urgency:t,
            sentiment:t, churnRisk:t, language:t, signals:t, receivedAt:d, firstResponseAt:d, resolvedAt:d, updatedAt:d,
            lastCustomerMessageId:t, threadReferences:t, automaticReplies:i, escalationMessageId:t, question:t,
            participants:t, reopenCount:i, autoAnsweredAt:d, firstAutoResponseAt:d, firstHumanResponseAt:d,
            escalatedAt:d, agentAnsweredAt:d, closedAt:d, customerFollowUpAt:d, firstResponseDueAt:d,
            resolutionDueAt:d, contradicted:o, slaAlertedAt:d
            """),
        StoreTable(
            "message",
            """
            id:i, direction:t, source:t, mailboxId:i, uidValidity:i, uid:i, messageIdHeader:t, fromHeader:t,
            contentHash:t, raw:b, size:i, envelopeRecipient:t, oversizedSize:i, receivedAt:d, state:t, kind:t,
            fromAddress:t, subject:t, ticketId:i, processedAt:d, outcome:t, submittedBy:t
            """),
        StoreTable(
            "outbox",
            """
            id:i, ticketId:i, sourceMessageId:i, purpose:t, envelopeFrom:t, recipients:t, messageIdHeader:t, subject:t,
            raw:b, state:t, attempts:i, nextAttemptAt:d, lastError:t, createdAt:d, sentAt:d, errorClass:t
            """),
        StoreTable("event", "id:i, ticketId:i, messageId:i, outboxId:i, at:d, type:t, reason:t, detail:t"),
        StoreTable(
            "knowledge",
            """
            id:i, ticketId:i, question:t, answer:t, intent:t, language:t, createdAt:d, state:t, author:t,
            customerName:t, customerEmail:t, findings:t, reviewedBy:t, reviewedAt:d, updatedAt:d, reuseCount:i
            """),
        StoreTable("automaticMail", "id:i, address:t, queuedAt:d"),
        StoreTable("rateLimitHit", "id:i, address:t, at:d"),
        StoreTable("senderPause", "address:t, until:d, reason:t, createdAt:d", hasID: false),
        StoreTable(
            "quarantine",
            """
            id:i, messageId:i, reason:t, detail:t, createdAt:d, releasedAt:d, releasedBy:t, dismissedAt:d,
            dismissedBy:t, dismissReason:t
            """),
        StoreTable("intakeSkip", "id:i, source:t, entry:t, reason:t, firstSeenAt:d, lastSeenAt:d"),
        StoreTable(
            "account",
            """
            id:i, name:t, role:t, email:t, passwordHash:t, createdAt:d, passwordChangedAt:d, failedLogins:i,
            lockedUntil:d
            """),
        StoreTable(
            "accessToken",
            "id:i, accountId:i, kind:t, tokenHash:t, createdAt:d, expiresAt:d, revokedAt:d, lastUsedAt:d"),
        StoreTable(
            "feedback", "id:i, ticketId:i, nonce:t, answer:t, rating:i, comment:t, createdAt:d, updatedAt:d"),
        StoreTable("templateVersion", "id:i, language:t, name:t, text:t, html:t, author:t, createdAt:d"),
        StoreTable("kpiRollup", "day:t, name:t, key:t, value:r", hasID: false),
        StoreTable("kpiRollupMonth", "month:t, name:t, key:t, value:r", hasID: false),
        StoreTable("alertState", "channel:t, state:t, since:d, detail:t, lastAlertAt:d", hasID: false),
        StoreTable("alertSent", "id:i, channel:t, at:d"),
        StoreTable("mailboxLease", "mailbox:t, holder:t, token:i, expiresAt:d", hasID: false),
    ]
}

/// One value of a copied row.
package enum StoreValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case date(Date)
    case bool(Bool)
}

/// A ticket's search words as the SQLite store keeps them (its FTS5 row): copied so search works the same after
/// a move.
package struct StoreSearchRow: Sendable {
    package var ticketID: Int64
    package var subject: String
    package var customer: String
    package var body: String
}

/// How many rows each table holds (the check after a copy).
package struct StoreTableCount: Sendable, Hashable {
    package var table: String
    package var rows: Int
}
