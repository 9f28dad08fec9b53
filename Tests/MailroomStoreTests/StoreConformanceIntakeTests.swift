import Foundation
import MailroomCore
import MailroomStore
import Synchronization
import Testing

/// Intake and mailbox leases, the same on every store (``Backend``).
@Suite struct StoreConformanceIntakeTests {
    @Test(arguments: Backend.available) func aMessageIsStoredOnceByUIDOrContent(_ backend: Backend) throws {
        let test = try backend.makeStore()
        defer { withExtendedLifetime(test) {} }
        let store = test.store
        let request = IngestRequest(
            raw: mail("u1"), source: "imap", mailbox: "m", uidValidity: 7, uid: 42, receivedAt: t0)
        guard case .stored(let row) = try store.ingest(request) else {
            Issue.record("first ingest not stored")
            return
        }
        #expect(try store.ingest(request) == .duplicate(ofRowID: row, reason: "same UID"))
        var redelivered = Array("Received: from another.hop; Sat, 21 Nov 2026 10:05:00 +0000\r\n".utf8)
        redelivered += mail("u1")
        let copy = IngestRequest(
            raw: redelivered, source: "imap", mailbox: "m", uidValidity: 7, uid: 43, receivedAt: t0)
        #expect(try store.ingest(copy) == .duplicate(ofRowID: row, reason: "same content"))
        #expect(try store.receivedCount() == 1)
        #expect(try store.checkpoint(for: "m") == Checkpoint(uidValidity: 7, lastUID: 43))
        let events = try store.messageEvents(rowID: row).map(\.type)
        #expect(events == ["ingested", "duplicate"])
    }

    @Test(arguments: Backend.available) func aBatchIsOneTransactionInOrder(_ backend: Backend) throws {
        let test = try backend.makeStore()
        defer { withExtendedLifetime(test) {} }
        let store = test.store
        let requests = (1...5).map {
            IngestRequest(
                raw: mail("b\($0)"), source: "imap", mailbox: "m", uidValidity: 3, uid: UInt32($0), receivedAt: t0)
        }
        let results = try store.ingest(requests + [requests[1]])
        let rows = results.prefix(5).compactMap { result -> Int64? in
            if case .stored(let row) = result { return row }
            return nil
        }
        #expect(rows.count == 5)
        #expect(rows == rows.sorted())
        #expect(results.last == .duplicate(ofRowID: rows[1], reason: "same UID"))
        #expect(try store.checkpoint(for: "m") == Checkpoint(uidValidity: 3, lastUID: 5))
    }

    @Test(arguments: Backend.available) func theCheckpointOnlyMovesForwardAndResets(_ backend: Backend) throws {
        let test = try backend.makeStore()
        defer { withExtendedLifetime(test) {} }
        let store = test.store
        #expect(try store.checkpoint(for: "b") == nil)
        for uid in [5, 3, 9] as [UInt32] {
            _ = try store.ingest(
                IngestRequest(
                    raw: mail("k\(uid)"), source: "imap", mailbox: "b", uidValidity: 11, uid: uid, receivedAt: t0))
        }
        #expect(try store.checkpoint(for: "b") == Checkpoint(uidValidity: 11, lastUID: 9))
        try store.resetCheckpoint(for: "b", uidValidity: 12, at: t0)
        #expect(try store.checkpoint(for: "b") == Checkpoint(uidValidity: 12, lastUID: 0))
        try store.recordPoll(mailbox: "b", at: t0, error: "connection refused")
        try store.recordPoll(mailbox: "b", at: t0.addingTimeInterval(60), error: nil)
        #expect(try store.checkpoint(for: "b") == Checkpoint(uidValidity: 12, lastUID: 0))
    }

    @Test(arguments: Backend.available) func anUnreadableEntryIsRecordedOnce(_ backend: Backend) throws {
        let test = try backend.makeStore()
        defer { withExtendedLifetime(test) {} }
        let store = test.store
        #expect(try store.recordIntakeSkip(source: "maildir:/in", entry: "a", reason: "not a file", at: t0))
        #expect(try !store.recordIntakeSkip(source: "maildir:/in", entry: "a", reason: "still not", at: t0 + 60))
        #expect(try store.recordIntakeSkip(source: "maildir:/in", entry: "b", reason: "fifo", at: t0 + 30))
        let skips = try store.intakeSkips()
        #expect(skips.map(\.entry) == ["a", "b"])
        #expect(skips.first?.reason == "still not")
        #expect(skips.first?.firstSeenAt == t0)
        #expect(skips.first?.lastSeenAt == t0 + 60)
    }

    @Test(arguments: Backend.available) func aLeaseHasOneHolderUntilItLapsesOrIsReleased(_ backend: Backend) throws {
        let test = try backend.makeStore()
        defer { withExtendedLifetime(test) {} }
        let store = test.store
        let minute = Duration.seconds(60)
        let first = try #require(try store.acquireLease(mailbox: "m", holder: "a", duration: minute, now: t0))
        #expect(first.token == 1)
        #expect(try store.acquireLease(mailbox: "m", holder: "b", duration: minute, now: t0 + 30) == nil)
        // Ours again: renewed with the same token.
        let again = try #require(try store.acquireLease(mailbox: "m", holder: "a", duration: minute, now: t0 + 30))
        #expect(again.token == 1)
        #expect(again.expiresAt == t0 + 90)
        // Lapsed: another holder takes it with a larger token; the old holder can no longer renew.
        let taken = try #require(try store.acquireLease(mailbox: "m", holder: "b", duration: minute, now: t0 + 91))
        #expect(taken.token == 2)
        #expect(try store.renewLease(again, duration: minute, now: t0 + 92) == nil)
        #expect(try store.renewLease(taken, duration: minute, now: t0 + 92)?.expiresAt == t0 + 152)
        // Released: the next holder need not wait.
        try store.releaseLease(taken)
        let third = try #require(try store.acquireLease(mailbox: "m", holder: "c", duration: minute, now: t0 + 93))
        #expect(third.token == 3)
        #expect(try store.lease(mailbox: "m") == third)
        #expect(try store.acquireLease(mailbox: "other", holder: "a", duration: minute, now: t0 + 93)?.token == 1)
    }

    @Test(arguments: Backend.available) func aStaleHolderCannotMoveTheCheckpoint(_ backend: Backend) throws {
        let test = try backend.makeStore()
        defer { withExtendedLifetime(test) {} }
        let store = test.store
        let minute = Duration.seconds(60)
        let old = try #require(try store.acquireLease(mailbox: "m", holder: "a", duration: minute, now: t0))
        let request = { (id: String, uid: UInt32, token: Int64) in
            IngestRequest(
                raw: mail(id), source: "imap", mailbox: "m", uidValidity: 1, uid: uid, receivedAt: t0,
                fencingToken: token)
        }
        guard case .stored = try store.ingest(request("f1", 1, old.token)) else {
            Issue.record("the holder's own ingest was not stored")
            return
        }
        let new = try #require(try store.acquireLease(mailbox: "m", holder: "b", duration: minute, now: t0 + 61))
        #expect(throws: StoreError.self) { try store.ingest(request("f2", 2, old.token)) }
        #expect(try store.checkpoint(for: "m") == Checkpoint(uidValidity: 1, lastUID: 1))
        #expect(try store.receivedCount() == 1)
        _ = try store.ingest(request("f2", 2, new.token))
        #expect(try store.checkpoint(for: "m") == Checkpoint(uidValidity: 1, lastUID: 2))
    }

    @Test(arguments: Backend.available) func processesRacingForALeaseGetOneWinner(_ backend: Backend) throws {
        let test = try backend.makeStore()
        defer { withExtendedLifetime(test) {} }
        let store = test.store
        let winners = Mutex<[String]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            do {
                if let lease = try store.acquireLease(
                    mailbox: "race", holder: "h\(index)", duration: .seconds(60), now: t0)
                {
                    winners.withLock { $0.append(lease.holder) }
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(winners.withLock { $0.count } == 1)
        #expect(try store.lease(mailbox: "race")?.holder == winners.withLock { $0.first })
    }
}
