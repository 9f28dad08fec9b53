import Foundation
import GRDB

/// What the messages stored in one transaction share, done once for all of them: each mailbox's row read (or
/// created) and its lease checked once, and, when the batch ends, its checkpoint and last-message time written
/// once and the day's message counter moved once. The rows come out exactly as one ingest after another would
/// leave them: the highest UID, the UIDVALIDITY and time of the last message that set them.
final class IngestBatch {
    /// The KPI counters the batch moves (written by ``finish(_:)``).
    let rollup = KPIRollupBuffer()
    private var mailboxIDs: [String: Int64] = [:]
    private var fences: Set<Fence> = []
    private var marks: [Int64: Mark] = [:]

    private struct Fence: Hashable {
        let mailbox: String
        let token: Int64
    }

    /// What the batch has to write into one mailbox row.
    private struct Mark {
        var highestUID: Int64?
        var uidValidity: Int64?
        var lastMessageAt: Date?
    }

    /// Checks the lease of `mailbox` once per batch (the transaction holds the only write lock, so the token
    /// cannot move while it runs).
    func checkFence(_ db: Database, mailbox: String, token: Int64) throws {
        let fence = Fence(mailbox: mailbox, token: token)
        guard !fences.contains(fence) else { return }
        try SQLiteStore.checkFence(db, mailbox: mailbox, token: token)
        fences.insert(fence)
    }

    /// The row id of the mailbox called `name`, created with its first message.
    func mailboxID(_ db: Database, name: String, store: SQLiteStore) throws -> Int64 {
        if let id = mailboxIDs[name] { return id }
        let id = try store.mailboxRow(db, name: name).id!
        mailboxIDs[name] = id
        return id
    }

    /// Notes a message of mailbox `id`: a stored one, or one with a UID, moves the mailbox's last-message time;
    /// a UID raises its checkpoint.
    func advance(_ id: Int64, uid: UInt32?, uidValidity: UInt32?, receivedAt: Date, stored: Bool) {
        var mark = marks[id] ?? Mark()
        if let uid, let uidValidity {
            mark.highestUID = max(mark.highestUID ?? 0, Int64(uid))
            mark.uidValidity = Int64(uidValidity)
            mark.lastMessageAt = receivedAt
        } else if stored {
            mark.lastMessageAt = receivedAt
        }
        marks[id] = mark
    }

    /// Writes the mailbox rows and the counters.
    func finish(_ db: Database) throws {
        for (id, mark) in marks.sorted(by: { $0.key < $1.key }) {
            if let uid = mark.highestUID, let validity = mark.uidValidity {
                try db.cachedStatement(
                    sql: """
                        UPDATE mailbox SET lastUID = MAX(lastUID, ?), uidValidity = ?, lastMessageAt = ?
                        WHERE id = ?
                        """
                ).execute(arguments: [uid, validity, mark.lastMessageAt.map(StoredDate.value), id])
            } else if let at = mark.lastMessageAt {
                try db.cachedStatement(sql: "UPDATE mailbox SET lastMessageAt = ? WHERE id = ?").execute(arguments: [
                    StoredDate.value(at), id,
                ])
            }
        }
        marks = [:]
        try rollup.flush(db)
    }
}
