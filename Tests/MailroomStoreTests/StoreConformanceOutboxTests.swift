import Foundation
import MailroomCore
import MailroomPostgres
import MailroomStore
import Synchronization
import Testing

/// The outbox, the same on every store (``Backend``); claims never hand one row to two senders, also across
/// gateways.
@Suite struct StoreConformanceOutboxTests {
    /// Queues one mail per id (message row i+1 gets ids[i]); automatic replies when `reply`.
    private func queue(_ store: any ConformingStore, _ ids: [String], reply: Bool = true) throws {
        let results = try store.ingest(ids.map { IngestRequest(raw: mail($0), source: "test", receivedAt: t0) })
        let rows = results.compactMap { result -> Int64? in
            if case .stored(let row) = result { return row }
            return nil
        }
        for (row, id) in zip(rows, ids) {
            _ = try store.process(rowID: row, now: t0) { _, _ in
                StoreConformanceProcessingTests.outcome("MR-\(id)", reply: reply)
            }
        }
    }

    @Test(arguments: Backend.available) func aClaimIsAnAttemptAndNeverHandedOutTwice(_ backend: Backend) throws {
        let test = try backend.makeStore()
        defer { withExtendedLifetime(test) {} }
        let store = test.store
        try queue(store, ["A1"])
        #expect(try store.nextOutboxAttempt() == t0)
        let claimed = try store.claimDueOutbox(now: t0, limit: 10)
        #expect(claimed.map(\.messageID) == ["MR-A1@shop.example"])
        #expect(claimed.first?.attempts == 1)
        #expect(try store.claimDueOutbox(now: t0, limit: 10).isEmpty)
        #expect(try store.nextOutboxAttempt() == nil)
    }

    @Test(arguments: Backend.available) func aDeferredMailIsRetriedWhenDueAndSentSetsTheFirstResponse(
        _ backend: Backend
    ) throws {
        let test = try backend.makeStore()
        defer { withExtendedLifetime(test) {} }
        let store = test.store
        try queue(store, ["B1"])
        let item = try #require(try store.claimDueOutbox(now: t0, limit: 1).first)
        try store.recordDelivery(outboxID: item.id, .deferred(reason: "451 later", retryAt: t0 + 300), now: t0)
        #expect(try store.nextOutboxAttempt() == t0 + 300)
        #expect(try store.claimDueOutbox(now: t0 + 299, limit: 1).isEmpty)
        let retry = try #require(try store.claimDueOutbox(now: t0 + 300, limit: 1).first)
        #expect(retry.attempts == 2)
        try store.recordDelivery(outboxID: retry.id, .sent, now: t0 + 301)
        let ticket = try #require(try store.ticket(publicID: "MR-B1"))
        #expect(ticket.firstResponseAt == t0 + 301)
        #expect(ticket.firstAutoResponseAt == t0 + 301)
        #expect(try store.events(ticket: "MR-B1").map(\.type) == ["decided", "deferred", "sent"])
    }

    @Test(arguments: Backend.available) func blockedDoesNotUseAnAttemptAndFailedWaitsForAPerson(_ backend: Backend)
        throws
    {
        let test = try backend.makeStore()
        defer { withExtendedLifetime(test) {} }
        let store = test.store
        try queue(store, ["C1", "C2"], reply: false)
        let first = try store.claimDueOutbox(now: t0, limit: 2)
        #expect(first.map(\.messageID) == ["MR-C1@shop.example", "MR-C2@shop.example"])
        try store.recordDelivery(outboxID: first[0].id, .blocked(reason: "no relay", retryAt: t0 + 60), now: t0)
        try store.recordDelivery(outboxID: first[1].id, .failed(reason: "550 no such user"), now: t0)
        #expect(try store.claimDueOutbox(now: t0 + 60, limit: 5).map(\.attempts) == [1])
        #expect(try store.retryOutbox(id: first[1].id, now: t0 + 61, by: "ops") == true)
        #expect(try store.retryOutbox(id: first[1].id, now: t0 + 61, by: "ops") == false)
        let again = try store.claimDueOutbox(now: t0 + 61, limit: 5)
        #expect(again.map(\.messageID) == ["MR-C2@shop.example"])
        #expect(again.first?.attempts == 1)
        try store.recordDelivery(outboxID: again[0].id, .failed(reason: "550 still"), now: t0 + 62)
        #expect(try store.retryFailedOutbox(now: t0 + 63, by: "ops") == 1)
        #expect(try store.events(ticket: "MR-C2").map(\.type) == ["decided", "failed", "retried", "failed", "retried"])
        // An escalation is not an answer to the customer.
        #expect(try store.ticket(publicID: "MR-C1")?.firstResponseAt == nil)
    }

    @Test(arguments: Backend.available) func recordingClaimsTheNextForEachSenderInOneStep(_ backend: Backend) throws {
        let test = try backend.makeStore()
        defer { withExtendedLifetime(test) {} }
        let store = test.store
        try queue(store, ["D1", "D2", "D3", "D4", "D5"])
        let two = try store.claimDueOutbox(now: t0, limit: 2)
        let next = try store.recordDeliveries(
            [(two[0].id, .sent), (two[1].id, .deferred(reason: "451", retryAt: t0 + 600))], claiming: 2, now: t0 + 1)
        #expect(next.map(\.messageID) == ["MR-D3@shop.example", "MR-D4@shop.example"])
        #expect(try store.recordDeliveries([(next[1].id, .sent)], claiming: 0, now: t0 + 2).isEmpty)
        let last = try store.recordDeliveryAndClaimNext(outboxID: next[0].id, .sent, now: t0 + 2)
        #expect(last?.messageID == "MR-D5@shop.example")
        #expect(try store.recordDeliveryAndClaimNext(outboxID: try #require(last).id, .sent, now: t0 + 3) == nil)
    }

    @Test(arguments: Backend.available) func sendersOfSeveralGatewaysNeverShareAMail(_ backend: Backend) throws {
        let tests = try backend.makeSharedStores(3)
        defer { withExtendedLifetime(tests) {} }
        try queue(tests[0].store, (1...45).map { "E\($0)" })
        let claimed = Mutex<[String]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { index in
            let store = tests[index % 3].store
            do {
                var item = try store.claimDueOutbox(now: t0, limit: 1).first
                while let current = item {
                    claimed.withLock { $0.append(current.messageID) }
                    item = try store.recordDeliveryAndClaimNext(outboxID: current.id, .sent, now: t0)
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let ids = claimed.withLock { $0 }
        #expect(ids.count == 45)
        #expect(Set(ids).count == 45)
    }

    @Test(arguments: Backend.available) func aRestartQueuesInterruptedSendsAgainWithTheSameMessageID(
        _ backend: Backend
    ) throws {
        let test = try backend.makeStore()
        defer { withExtendedLifetime(test) {} }
        let store = test.store
        try queue(store, ["F1"])
        _ = try store.claimDueOutbox(now: t0, limit: 1)
        // After a restart: a new store on the same data (on PostgreSQL, a new gateway identity too).
        let restarted = try backend.reopen(test)
        defer { withExtendedLifetime(restarted) {} }
        #expect(try restarted.store.recoverInterruptedSends(now: t0 + 5) == 1)
        let again = try #require(try restarted.store.claimDueOutbox(now: t0 + 5, limit: 1).first)
        #expect(again.messageID == "MR-F1@shop.example")
        #expect(again.attempts == 2)
        #expect(try restarted.store.events(ticket: "MR-F1").map(\.reason) == ["lowConfidence", "interrupted"])
    }
}

/// What only several gateways on PostgreSQL have: a gateway's recovery takes over the sends of gateways that
/// stopped or went silent, never those of a live one.
@Suite(.enabled(if: Backend.available.contains(.postgresql))) struct PostgresOutboxRecoveryTests {
    @Test func onlyTheSendsOfAGoneGatewayAreQueuedAgain() throws {
        let location = try Backend.freshLocation()
        let password = try Backend.password()
        func gateway(_ id: String) throws -> PostgresStore {
            try PostgresStore(
                location: location, password: password, poolSize: 2, gatewayID: id, leaseDuration: .seconds(30))
        }
        let live = try gateway("live")
        let silent = try gateway("silent")
        let stopped = try gateway("stopped")
        let recovering = try gateway("recovering")
        defer { [live, silent, stopped, recovering].forEach { $0.close() } }
        _ = try live.ingest((1...3).map { IngestRequest(raw: mail("g\($0)"), source: "test", receivedAt: t0) })
        for row in 1...3 {
            _ = try live.process(rowID: Int64(row), now: t0) { _, _ in
                StoreConformanceProcessingTests.outcome("MR-G\(row)", reply: true)
            }
        }
        for store in [live, silent, stopped] {
            try store.heartbeat(now: t0)
            #expect(try store.claimDueOutbox(now: t0, limit: 1).count == 1)
        }
        try live.heartbeat(now: t0 + 25)
        try stopped.stopped(now: t0 + 10)
        // At t0+31 the silent gateway's last beat is 31 s old: its send was interrupted; the stopped gateway's
        // too; the live one beat 6 s ago and keeps its send.
        #expect(try recovering.recoverInterruptedSends(now: t0 + 31) == 2)
        let retaken = try recovering.claimDueOutbox(now: t0 + 31, limit: 10).map(\.messageID).sorted()
        #expect(retaken == ["MR-G2@shop.example", "MR-G3@shop.example"])
        #expect(try recovering.recoverInterruptedSends(now: t0 + 32) == 0)
    }
}

/// LISTEN/NOTIFY: one gateway's stored and queued mail wakes the others at once.
@Suite(.enabled(if: Backend.available.contains(.postgresql))) struct PostgresNotificationTests {
    @Test(.timeLimit(.minutes(1))) func storedAndQueuedMailNotifiesTheOtherGateways() async throws {
        let location = try Backend.freshLocation()
        let listener = try PostgresStore(location: location, password: try Backend.password(), poolSize: 2)
        let writer = try PostgresStore(location: location, password: try Backend.password(), poolSize: 2)
        defer {
            listener.close()
            writer.close()
        }
        let heard = Mutex<[StoreWork]>([])
        let listening = Task { await listener.listenForWork { work in heard.withLock { $0.append(work) } } }
        defer { listening.cancel() }
        // The listener needs a moment to LISTEN: store a new message every 100 ms until it hears one.
        var attempt = 0
        while heard.withLock({ $0.isEmpty }), attempt < 50 {
            _ = try writer.ingest(IngestRequest(raw: mail("n\(attempt)"), source: "test", receivedAt: t0))
            attempt += 1
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(heard.withLock { $0.first } == .process)
        _ = try writer.process(rowID: 1, now: t0) { _, _ in
            StoreConformanceProcessingTests.outcome("MR-N1", reply: true)
        }
        for _ in 0..<50 where !heard.withLock({ $0.contains(.send) }) {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(heard.withLock { $0.contains(.send) })
    }
}
