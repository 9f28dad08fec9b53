import GRDB
import MailroomCore

/// The ticket search entries of one transaction, written after its other statements (``flush(_:)``).
///
/// FTS5 holds what is inserted in memory until the commit, unless a later statement of the same transaction opens
/// a statement savepoint (most writes do): then it writes what it holds as a segment, and merges segments as they
/// pile up. Written between each message's other writes, every message of a batch made a segment of its own and
/// the merges that follow; written last, the batch makes one. A later message of the batch for the same ticket
/// finds the entry here, so the words add up exactly as one by one. Used by one transaction on one thread.
final class SearchIndexBuffer {
    private struct Entry {
        var subject: String
        var customer: String
        var body: String
        /// The ticket was stored before this transaction: its old entry is replaced.
        var replaces: Bool
    }

    private var entries: [Int64: Entry] = [:]
    private var order: [Int64] = []

    /// Adds a message's text to the entry of ticket `id` (subject, customer and the customers' words, capped). A
    /// ticket `inserted` in this transaction has no stored entry (tickets are never deleted, so their ids are never
    /// reused): there is nothing to read or replace.
    func add(_ ticket: Ticket, id: Int64, text: String?, inserted: Bool, db: Database) throws {
        var entry: Entry
        if let pending = entries[id] {
            entry = pending
        } else {
            let stored =
                inserted
                ? nil
                : try String.fetchOne(
                    db.cachedStatement(sql: "SELECT body FROM ticketSearch WHERE rowid = ?"), arguments: [id])
            entry = Entry(subject: "", customer: "", body: stored ?? "", replaces: !inserted)
            order.append(id)
        }
        entry.subject = ticket.subject
        entry.customer = ticket.customerEmail + " " + (ticket.customerName ?? "")
        if let text, !text.isEmpty, entry.body.utf8.count < 200_000 {
            entry.body += (entry.body.isEmpty ? "" : "\n") + String(text.prefix(20_000))
        }
        entries[id] = entry
    }

    /// Writes the entries added, in the order their tickets were first added, and empties the buffer.
    func flush(_ db: Database) throws {
        for id in order {
            guard let entry = entries[id] else { continue }
            if entry.replaces {
                try db.cachedStatement(sql: "DELETE FROM ticketSearch WHERE rowid = ?").execute(arguments: [id])
            }
            try db.cachedStatement(sql: "INSERT INTO ticketSearch (rowid, subject, customer, body) VALUES (?, ?, ?, ?)")
                .execute(arguments: [id, entry.subject, entry.customer, entry.body])
        }
        entries = [:]
        order = []
    }
}
