import Foundation
import MailroomCore
import MailroomStore

/// A fresh on-disk database in its own temporary folder, removed when the value is released.
final class TemporaryDatabase: Sendable {
    let directory: URL
    let store: SQLiteStore

    var path: String { directory.appendingPathComponent("mailroom.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailroom-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(path: directory.appendingPathComponent("mailroom.sqlite").path)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}

func mail(_ id: String, from: String = "ann@example.com", body: String = "Where is my order?") -> [UInt8] {
    Array(
        """
        Received: from mx.example by mx.shop.example; Sat, 21 Nov 2026 10:00:00 +0000
        From: Ann <\(from)>
        To: support@shop.example
        Subject: Order \(id)
        Message-ID: <\(id)@example.com>

        \(body)

        """.replacingOccurrences(of: "\n", with: "\r\n").utf8)
}

let t0 = Date(timeIntervalSince1970: 1_800_000_000)

/// Stores mail `id` and processes it into the new ticket `publicID` (in `status`, recorded as `summary`) with one
/// outgoing mail of `purpose`, whose Message-ID is `messageID`.
func processIntoOneMail(
    _ store: any MailroomStorage, mail id: String, ticket publicID: String, status: TicketStatus,
    summary: ProcessingSummary, purpose: OutboxPurpose, messageID: String
) throws {
    _ = try store.ingest(IngestRequest(raw: mail(id), source: "test", receivedAt: t0))
    _ = try store.process(rowID: 1, now: t0) { _, _ in
        let ticket = Ticket(
            publicID: publicID, customerEmail: "ann@example.com", customerName: nil, subject: "s", status: status,
            receivedAt: t0)
        let draft = OutboxDraft(
            purpose: purpose, envelopeFrom: "support@shop.example", recipients: ["ann@example.com"],
            messageID: messageID, subject: "Re: s", raw: Array("x".utf8))
        return ProcessingOutcome(
            disposition: .processed(summary: summary), ticket: ticket, ticketIsNew: true, outbox: [draft])
    }
}
