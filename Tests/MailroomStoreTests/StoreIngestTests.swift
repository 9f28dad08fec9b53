import Foundation
import MailroomCore
import Testing

@testable import MailroomStore

@Suite struct StoreIngestTests {
    @Test(arguments: Backend.available) func sameUIDTwiceIsStoredOnce(_ backend: Backend) throws {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        let request = IngestRequest(
            raw: mail("u1"), source: "imap", mailbox: "imap://h/INBOX", uidValidity: 7, uid: 42, receivedAt: t0)
        guard case .stored(let row) = try database.store.ingest(request) else {
            Issue.record("first ingest not stored")
            return
        }
        #expect(try database.store.ingest(request) == .duplicate(ofRowID: row, reason: "same UID"))
        #expect(try database.store.receivedCount() == 1)
        #expect(try database.store.checkpoint(for: "imap://h/INBOX") == Checkpoint(uidValidity: 7, lastUID: 42))
    }

    @Test(arguments: Backend.available) func sameContentUnderAnotherUIDOrWithOtherTraceHeadersIsADuplicate(
        _ backend: Backend
    ) throws {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        let first = try database.store.ingest(
            IngestRequest(raw: mail("c1"), source: "imap", mailbox: "m", uidValidity: 1, uid: 1, receivedAt: t0))
        var redelivered = Array("Received: from another.hop; Sat, 21 Nov 2026 10:05:00 +0000\r\n".utf8)
        redelivered += mail("c1")
        let second = try database.store.ingest(
            IngestRequest(raw: redelivered, source: "imap", mailbox: "m", uidValidity: 2, uid: 1, receivedAt: t0))
        guard case .stored(let row) = first else {
            Issue.record("not stored")
            return
        }
        #expect(second == .duplicate(ofRowID: row, reason: "same content"))
        #expect(try database.store.checkpoint(for: "m") == Checkpoint(uidValidity: 2, lastUID: 1))
    }

    /// Finding 3 of the trust issue: web forms send many different mails with one Message-ID and one sender.
    @Test(arguments: Backend.available) func aDifferentMailWithAReusedMessageIDIsStoredAsItsOwnMessage(
        _ backend: Backend
    ) throws {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        _ = try database.store.ingest(IngestRequest(raw: mail("m1"), source: "ingest", receivedAt: t0))
        let edited = try database.store.ingest(
            IngestRequest(raw: mail("m1", body: "different body, same id"), source: "ingest", receivedAt: t0))
        #expect(edited == .stored(rowID: 2))
        let other = try database.store.ingest(
            IngestRequest(raw: mail("m1", from: "bob@example.org"), source: "ingest", receivedAt: t0))
        #expect(other == .stored(rowID: 3))
        let copy = try database.store.ingest(
            IngestRequest(raw: mail("m1", body: "different body, same id"), source: "ingest", receivedAt: t0))
        #expect(copy == .duplicate(ofRowID: 2, reason: "same content"))
        #expect(try database.store.receivedCount() == 3)
        let reused = try database.store.messageEvents(rowID: 2).filter { $0.type == "reusedMessageID" }
        #expect(reused.count == 1)
    }

    @Test(arguments: Backend.available) func checkpointOnlyMovesForwardAndResetsOnNewUIDValidity(_ backend: Backend)
        throws
    {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        for (uid, id) in [(5, "k5"), (3, "k3"), (9, "k9")] {
            _ = try database.store.ingest(
                IngestRequest(
                    raw: mail(id), source: "imap", mailbox: "b", uidValidity: 11, uid: UInt32(uid), receivedAt: t0))
        }
        #expect(try database.store.checkpoint(for: "b") == Checkpoint(uidValidity: 11, lastUID: 9))
        try database.store.resetCheckpoint(for: "b", uidValidity: 12, at: t0)
        #expect(try database.store.checkpoint(for: "b") == Checkpoint(uidValidity: 12, lastUID: 0))
    }
}
