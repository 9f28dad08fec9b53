import Foundation
import GRDB
import MailroomCore

/// A message to store: its bytes and where it came from.
public struct IngestRequest: Sendable {
    /// The exact bytes.
    public var raw: [UInt8]
    /// `imap`, `maildir`, `ingest`, `replay`.
    public var source: String
    /// The mailbox identity (checkpoint row), for sources that have one.
    public var mailbox: String?
    /// The mailbox's UIDVALIDITY when fetched.
    public var uidValidity: UInt32?
    /// The message's UID.
    public var uid: UInt32?
    /// The envelope recipient, when known.
    public var envelopeRecipient: String?
    /// For a message too large to download: its size (`raw` is then its header block).
    public var oversizedSize: Int?
    /// The account that submitted it through the API (only the HTTP layer sets this).
    public var submittedBy: String?
    /// The fencing token of the mailbox lease the poller holds; the store refuses the ingest when the lease has
    /// moved to another holder since (nil: no lease, a single gateway).
    public var fencingToken: Int64?
    /// When it was received.
    public var receivedAt: Date

    /// Creates a request.
    public init(
        raw: [UInt8], source: String, mailbox: String? = nil, uidValidity: UInt32? = nil, uid: UInt32? = nil,
        envelopeRecipient: String? = nil, oversizedSize: Int? = nil, submittedBy: String? = nil, receivedAt: Date,
        fencingToken: Int64? = nil
    ) {
        self.fencingToken = fencingToken
        self.submittedBy = submittedBy
        self.raw = raw
        self.source = source
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
        self.envelopeRecipient = envelopeRecipient
        self.oversizedSize = oversizedSize
        self.receivedAt = receivedAt
    }
}

/// An entry of a mail source that could not be read and was left in place.
public struct IntakeSkip: Sendable, Hashable, Codable {
    /// The source (`maildir:/path`).
    public var source: String
    /// The entry's name.
    public var entry: String
    /// Why it could not be read.
    public var reason: String
    /// When it was first seen.
    public var firstSeenAt: Date
    /// When it was last seen (it is still there while this moves).
    public var lastSeenAt: Date

    /// Creates a value.
    public init(source: String, entry: String, reason: String, firstSeenAt: Date, lastSeenAt: Date) {
        self.source = source
        self.entry = entry
        self.reason = reason
        self.firstSeenAt = firstSeenAt
        self.lastSeenAt = lastSeenAt
    }
}

/// What storing a message did.
public enum IngestResult: Sendable, Hashable {
    /// Stored as a new row, waiting to be processed.
    case stored(rowID: Int64)
    /// Already stored (same mailbox UID, or same content fingerprint); nothing new. A reused Message-ID with
    /// different content is not a duplicate.
    case duplicate(ofRowID: Int64, reason: String)
}

extension SQLiteStore: IntakeStore {
    /// Stores a message's raw bytes and advances its mailbox checkpoint, in one transaction.
    /// A second ingest of the same message is a no-op that still advances the checkpoint.
    public func ingest(_ request: IngestRequest) throws -> IngestResult {
        let scan = ContentFingerprint.scan(request.raw)
        return try StoreError.wrapping { try ingest(request, scan: scan) }
    }

    /// Stores several messages and advances their mailbox checkpoint in ONE transaction (one commit for the
    /// batch); the results come in the order of `requests`. Exactly as many ingests one after another, with what
    /// they share done once: each mailbox's row read and its lease checked once, its checkpoint and the day's
    /// message count written once, at the end of the batch.
    public func ingest(_ requests: [IngestRequest]) throws -> [IngestResult] {
        let scans = requests.map { ContentFingerprint.scan($0.raw) }
        return try StoreError.wrapping {
            try pool.write { db in
                let batch = IngestBatch()
                let results = try zip(requests, scans).map { request, scan in
                    try ingest(request, scan: scan, db: db, batch: batch)
                }
                try batch.finish(db)
                return results
            }
        }
    }

    private func ingest(_ request: IngestRequest, scan: ContentFingerprint.Scan) throws -> IngestResult {
        try pool.write { db in
            let batch = IngestBatch()
            let result = try ingest(request, scan: scan, db: db, batch: batch)
            try batch.finish(db)
            return result
        }
    }

    private func ingest(_ request: IngestRequest, scan: ContentFingerprint.Scan, db: Database, batch: IngestBatch)
        throws -> IngestResult
    {
        if let token = request.fencingToken, let mailbox = request.mailbox {
            try batch.checkFence(db, mailbox: mailbox, token: token)
        }
        let mailboxID = try request.mailbox.map { try batch.mailboxID(db, name: $0, store: self) }
        let result =
            try duplicate(db, request, mailboxID: mailboxID, scan: scan)
            ?? insert(db, request, mailboxID: mailboxID, scan: scan, batch: batch)
        if let mailboxID {
            var stored = false
            if case .stored = result { stored = true }
            batch.advance(
                mailboxID, uid: request.uid, uidValidity: request.uidValidity, receivedAt: request.receivedAt,
                stored: stored)
        }
        return result
    }

    private func duplicate(_ db: Database, _ request: IngestRequest, mailboxID: Int64?, scan: ContentFingerprint.Scan)
        throws -> IngestResult?
    {
        if let mailboxID, let uid = request.uid, let validity = request.uidValidity,
            let row = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM message WHERE mailboxId = ? AND uidValidity = ? AND uid = ?"),
                arguments: [mailboxID, Int64(validity), Int64(uid)])
        {
            return .duplicate(ofRowID: row, reason: "same UID")
        }
        if let row = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM message WHERE direction = 'in' AND contentHash = ?"),
            arguments: [scan.hash])
        {
            try recordDuplicate(db, of: row, reason: "same content", at: request.receivedAt)
            return .duplicate(ofRowID: row, reason: "same content")
        }
        return nil
    }

    private func recordDuplicate(_ db: Database, of row: Int64, reason: String, at date: Date) throws {
        let ticket = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT ticketId FROM message WHERE id = ?"), arguments: [row])
        var event = EventRecord(
            ticketId: ticket, messageId: row, at: date, type: AuditEventType.duplicate.rawValue, reason: nil,
            detail: "another copy arrived (\(reason)); not stored again")
        try event.append(db)
    }

    private func insert(
        _ db: Database, _ request: IngestRequest, mailboxID: Int64?, scan: ContentFingerprint.Scan, batch: IngestBatch
    ) throws -> IngestResult {
        var record = MessageRecord(
            direction: "in", source: request.source, mailboxId: mailboxID,
            uidValidity: request.uidValidity.map(Int64.init),
            uid: request.uid.map(Int64.init), messageIdHeader: scan.messageID, fromHeader: scan.from,
            contentHash: scan.hash, size: request.oversizedSize ?? request.raw.count,
            envelopeRecipient: request.envelopeRecipient, oversizedSize: request.oversizedSize,
            receivedAt: request.receivedAt, state: .received, submittedBy: request.submittedBy)
        try record.insertRow(db)
        try MailBytes.insert(db, .message, id: record.id!, Data(request.raw))
        batch.rollup.add(day: KPIContribution.day(request.receivedAt), KPICell("messages", "in"), 1)
        var event = EventRecord(
            messageId: record.id, at: request.receivedAt, type: AuditEventType.ingested.rawValue, reason: nil,
            detail: "stored \(record.size) bytes from \(request.source)")
        try event.append(db)
        if let messageID = scan.messageID,
            let earlier = try Int64.fetchOne(
                db.cachedStatement(
                    sql: "SELECT id FROM message WHERE direction = 'in' AND messageIdHeader = ? AND id <> ? ORDER BY id"
                ), arguments: [messageID, record.id])
        {
            // Web forms and ticketing tools send many different mails with one Message-ID: only the content
            // fingerprint (or the mailbox UID) makes a copy a duplicate, so this one is a message of its own.
            var reused = EventRecord(
                messageId: record.id, at: request.receivedAt, type: AuditEventType.reusedMessageID.rawValue,
                reason: nil,
                detail: "different content with the Message-ID of message \(earlier); kept as its own message")
            try reused.insert(db)
        }
        return .stored(rowID: record.id!)
    }

    func mailboxRow(_ db: Database, name: String) throws -> MailboxRecord {
        if let existing = try MailboxRecord.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM mailbox WHERE name = ?"), arguments: [name])
        {
            return existing
        }
        var record = MailboxRecord(name: name, lastUID: 0)
        try record.insert(db)
        return record
    }

    /// The checkpoint of a mailbox, or nil before its first message.
    public func checkpoint(for mailbox: String) throws -> Checkpoint? {
        try pool.read { db in
            guard
                let row = try MailboxRecord.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM mailbox WHERE name = ?"), arguments: [mailbox]),
                let validity = row.uidValidity
            else { return nil }
            return Checkpoint(uidValidity: UInt32(truncatingIfNeeded: validity), lastUID: UInt32(row.lastUID))
        }
    }

    /// Starts a new UID generation after the server changed UIDVALIDITY: messages are fetched again from
    /// UID 1 and the content fingerprint keeps those already stored from being stored twice.
    public func resetCheckpoint(for mailbox: String, uidValidity: UInt32, at date: Date) throws {
        try pool.write { db in
            let row = try mailboxRow(db, name: mailbox)
            try db.cachedStatement(sql: "UPDATE mailbox SET uidValidity = ?, lastUID = 0 WHERE id = ?").execute(
                arguments: [Int64(uidValidity), row.id])
            var event = EventRecord(
                at: date, type: AuditEventType.ingested.rawValue, reason: "uidValidityChanged",
                detail:
                    "\(mailbox): UIDVALIDITY changed from \(row.uidValidity.map(String.init) ?? "none") to \(uidValidity)"
            )
            try event.append(db)
        }
    }

    /// Records an entry of a mail source that could not be read (left in place); the first time with a `skipped`
    /// audit event naming it. Returns whether it was new.
    @discardableResult
    public func recordIntakeSkip(source: String, entry: String, reason: String, at date: Date) throws -> Bool {
        try StoreError.wrapping {
            try pool.write { db in
                try db.cachedStatement(
                    sql: "UPDATE intakeSkip SET lastSeenAt = ?, reason = ? WHERE source = ? AND entry = ?"
                ).execute(arguments: [StoredDate.value(date), reason, source, entry])
                guard db.changesCount == 0 else { return false }
                try db.cachedStatement(
                    sql:
                        "INSERT INTO intakeSkip (source, entry, reason, firstSeenAt, lastSeenAt) VALUES (?, ?, ?, ?, ?)"
                ).execute(arguments: [source, entry, reason, StoredDate.value(date), StoredDate.value(date)])
                var event = EventRecord(
                    at: date, type: AuditEventType.skipped.rawValue, reason: "unreadableEntry",
                    detail: "\(source): \(entry) skipped: \(reason)")
                try event.append(db)
                return true
            }
        }
    }

    /// The entries of mail sources that could not be read, newest first.
    public func intakeSkips() throws -> [IntakeSkip] {
        try StoreError.wrapping {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM intakeSkip ORDER BY lastSeenAt DESC").map {
                    IntakeSkip(
                        source: $0["source"], entry: $0["entry"], reason: $0["reason"], firstSeenAt: $0["firstSeenAt"],
                        lastSeenAt: $0["lastSeenAt"])
                }
            }
        }
    }

    /// Records a poll of a mailbox (its time and the error, if any) for the ops views and the silence alarm.
    public func recordPoll(mailbox: String, at date: Date, error: String?) throws {
        try pool.write { db in
            let row = try mailboxRow(db, name: mailbox)
            try db.cachedStatement(
                sql: """
                    UPDATE mailbox SET lastPollAt = ?, lastError = ?,
                      failingSince = CASE WHEN ? IS NULL THEN NULL ELSE COALESCE(failingSince, ?) END
                    WHERE id = ?
                    """
            ).execute(arguments: [StoredDate.value(date), error, error, StoredDate.value(date), row.id])
        }
    }
}
