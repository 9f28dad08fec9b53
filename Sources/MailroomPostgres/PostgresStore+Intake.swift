import Foundation
import MailroomCore
import MailroomStore
import NIOCore
import PostgresNIO

extension PostgresStore: IntakeStore {
    /// Stores a message and advances its mailbox checkpoint in one transaction (see ``IntakeStore``). Two
    /// processes storing the same message at once: the unique keys refuse the second insert, its transaction runs
    /// again and finds the first one's row (a duplicate).
    public func ingest(_ request: IngestRequest) throws -> IngestResult {
        try ingest([request])[0]
    }

    /// Several ingests in one transaction.
    public func ingest(_ requests: [IngestRequest]) throws -> [IngestResult] {
        let scans = requests.map { ContentFingerprint.scan($0.raw) }
        return try connections.transaction(retrying: { $0.isRetryable || $0.isUniqueViolation }) { session in
            let results = try zip(requests, scans).map { request, scan in try Self.ingest(request, scan: scan, session)
            }
            if results.contains(where: { if case .stored = $0 { true } else { false } }) {
                try notify(session, .process)
            }
            return results
        }
    }

    private static func ingest(_ request: IngestRequest, scan: ContentFingerprint.Scan, _ session: PostgresSession)
        throws -> IngestResult
    {
        if let token = request.fencingToken, let mailbox = request.mailbox {
            try checkFence(session, mailbox: mailbox, token: token)
        }
        let mailboxID = try request.mailbox.map { try mailboxRow(session, name: $0).id }
        let result =
            try duplicate(session, request, mailboxID: mailboxID, scan: scan)
            ?? insert(session, request, mailboxID: mailboxID, scan: scan)
        if let mailboxID, case .stored = result {
            try session.execute("UPDATE mailbox SET lastMessageAt = \(request.receivedAt) WHERE id = \(mailboxID)")
        }
        if let mailboxID, let uid = request.uid, let validity = request.uidValidity {
            try session.execute(
                """
                UPDATE mailbox SET lastUID = GREATEST(lastUID, \(Int64(uid))), uidValidity = \(Int64(validity)),
                  lastMessageAt = \(request.receivedAt)
                WHERE id = \(mailboxID)
                """)
        }
        return result
    }

    private static func duplicate(
        _ session: PostgresSession, _ request: IngestRequest, mailboxID: Int64?, scan: ContentFingerprint.Scan
    ) throws -> IngestResult? {
        if let mailboxID, let uid = request.uid, let validity = request.uidValidity,
            let row = try session.scalar(
                """
                SELECT id FROM message WHERE mailboxId = \(mailboxID) AND uidValidity = \(Int64(validity))
                AND uid = \(Int64(uid))
                """, as: Int64.self)
        {
            return .duplicate(ofRowID: row, reason: "same UID")
        }
        if let row = try session.query(
            "SELECT id, ticketId FROM message WHERE direction = 'in' AND contentHash = \(scan.hash)"
        ).first {
            let rowID = try row.required(0, as: Int64.self)
            try appendEvent(
                session, ticketID: try row.value(1, as: Int64.self), messageID: rowID, at: request.receivedAt,
                type: AuditEventType.duplicate.rawValue, reason: nil,
                detail: "another copy arrived (same content); not stored again")
            return .duplicate(ofRowID: rowID, reason: "same content")
        }
        return nil
    }

    private static func insert(
        _ session: PostgresSession, _ request: IngestRequest, mailboxID: Int64?, scan: ContentFingerprint.Scan
    ) throws -> IngestResult {
        let size = Int64(request.oversizedSize ?? request.raw.count)
        let raw = ByteBuffer(bytes: request.raw)
        guard
            let rowID = try session.scalar(
                """
                INSERT INTO message (direction, source, mailboxId, uidValidity, uid, messageIdHeader, fromHeader,
                  contentHash, raw, size, envelopeRecipient, oversizedSize, receivedAt, state, submittedBy)
                VALUES ('in', \(request.source), \(mailboxID), \(request.uidValidity.map(Int64.init)),
                  \(request.uid.map(Int64.init)), \(scan.messageID), \(scan.from), \(scan.hash), \(raw), \(size),
                  \(request.envelopeRecipient), \(request.oversizedSize.map(Int64.init)), \(request.receivedAt),
                  'received', \(request.submittedBy))
                RETURNING id
                """, as: Int64.self)
        else { throw StoreError.missingRow("the inserted message") }
        try addKPI(session, day: KPIContribution.day(request.receivedAt), KPICell("messages", "in"), 1)
        try appendEvent(
            session, messageID: rowID, at: request.receivedAt, type: AuditEventType.ingested.rawValue, reason: nil,
            detail: "stored \(size) bytes from \(request.source)")
        if let messageID = scan.messageID,
            let earlier = try session.scalar(
                """
                SELECT id FROM message WHERE direction = 'in' AND messageIdHeader = \(messageID) AND id <> \(rowID)
                ORDER BY id LIMIT 1
                """, as: Int64.self)
        {
            try appendEvent(
                session, messageID: rowID, at: request.receivedAt, type: AuditEventType.reusedMessageID.rawValue,
                reason: nil,
                detail: "different content with the Message-ID of message \(earlier); kept as its own message")
        }
        return .stored(rowID: rowID)
    }

    /// The mailbox row (created on first use): its id and UIDVALIDITY. The row stays locked until the transaction
    /// ends, so two checkpoint moves of one mailbox never interleave.
    static func mailboxRow(_ session: PostgresSession, name: String) throws -> (id: Int64, uidValidity: Int64?) {
        guard
            let row = try session.query(
                """
                INSERT INTO mailbox (name) VALUES (\(name)) ON CONFLICT (name) DO UPDATE SET name = excluded.name
                RETURNING id, uidValidity
                """
            ).first
        else { throw StoreError.missingRow("mailbox \(name)") }
        return (try row.required(0), try row.value(1))
    }

    /// The checkpoint of a mailbox, or nil before its first message.
    public func checkpoint(for mailbox: String) throws -> Checkpoint? {
        try connections.read { session in
            guard let row = try session.query("SELECT uidValidity, lastUID FROM mailbox WHERE name = \(mailbox)").first,
                let validity = try row.value(0, as: Int64.self)
            else { return nil }
            return Checkpoint(
                uidValidity: UInt32(truncatingIfNeeded: validity),
                lastUID: UInt32(truncatingIfNeeded: try row.required(1, as: Int64.self)))
        }
    }

    /// Starts a new UID generation after the server changed UIDVALIDITY.
    public func resetCheckpoint(for mailbox: String, uidValidity: UInt32, at date: Date) throws {
        try connections.transaction { session in
            let row = try Self.mailboxRow(session, name: mailbox)
            try session.execute(
                "UPDATE mailbox SET uidValidity = \(Int64(uidValidity)), lastUID = 0 WHERE id = \(row.id)")
            try Self.appendEvent(
                session, at: date, type: AuditEventType.ingested.rawValue, reason: "uidValidityChanged",
                detail:
                    "\(mailbox): UIDVALIDITY changed from \(row.uidValidity.map(String.init) ?? "none") to \(uidValidity)"
            )
        }
    }

    /// Records an entry of a mail source that could not be read; returns whether it was new.
    @discardableResult
    public func recordIntakeSkip(source: String, entry: String, reason: String, at date: Date) throws -> Bool {
        try connections.transaction(retrying: { $0.isRetryable || $0.isUniqueViolation }) { session in
            let isNew =
                try session.scalar(
                    """
                    INSERT INTO intakeSkip (source, entry, reason, firstSeenAt, lastSeenAt)
                    VALUES (\(source), \(entry), \(reason), \(date), \(date))
                    ON CONFLICT (source, entry) DO UPDATE SET lastSeenAt = excluded.lastSeenAt, reason = excluded.reason
                    RETURNING (xmax = 0)
                    """, as: Bool.self) ?? false
            if isNew {
                try Self.appendEvent(
                    session, at: date, type: AuditEventType.skipped.rawValue, reason: "unreadableEntry",
                    detail: "\(source): \(entry) skipped: \(reason)")
            }
            return isNew
        }
    }

    /// The entries of mail sources that could not be read, newest first.
    public func intakeSkips() throws -> [IntakeSkip] {
        try connections.read { session in
            try session.query(
                "SELECT source, entry, reason, firstSeenAt, lastSeenAt FROM intakeSkip ORDER BY lastSeenAt DESC, id DESC"
            ).map {
                IntakeSkip(
                    source: try $0.required(0), entry: try $0.required(1), reason: try $0.required(2),
                    firstSeenAt: try $0.required(3), lastSeenAt: try $0.required(4))
            }
        }
    }

    /// Records a poll of a mailbox.
    public func recordPoll(mailbox: String, at date: Date, error: String?) throws {
        try connections.transaction(retrying: { $0.isRetryable || $0.isUniqueViolation }) { session in
            let row = try Self.mailboxRow(session, name: mailbox)
            try session.execute(
                """
                UPDATE mailbox SET lastPollAt = \(date), lastError = \(error),
                  failingSince = CASE WHEN \(error)::text IS NULL THEN NULL ELSE COALESCE(failingSince, \(date)) END
                WHERE id = \(row.id)
                """)
        }
    }
}
