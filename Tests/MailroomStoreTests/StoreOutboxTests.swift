import Foundation
import GRDB
import MailroomCore
import Testing

@testable import MailroomStore

@Suite struct StoreOutboxTests {
    private func queueOne(_ database: TestStore, purpose: OutboxPurpose = .autoReply) throws {
        try processIntoOneMail(
            database.store, mail: "o1", ticket: "MR-BBBBBB", status: .autoReplied, summary: .autoReplied,
            purpose: purpose, messageID: "m1@shop.example")
    }

    @Test(arguments: Backend.available) func claimMarksSendingAndIsNotClaimedTwice(_ backend: Backend) throws {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        try queueOne(database)
        let claimed = try database.store.claimDueOutbox(now: t0, limit: 10)
        #expect(claimed.map(\.messageID) == ["m1@shop.example"])
        #expect(claimed.first?.attempts == 1)
        #expect(try database.store.claimDueOutbox(now: t0, limit: 10).isEmpty)
    }

    @Test(arguments: Backend.available) func deferredIsRetriedWhenDueAndSentSetsFirstResponse(_ backend: Backend) throws
    {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        try queueOne(database)
        let item = try #require(try database.store.claimDueOutbox(now: t0, limit: 1).first)
        try database.store.recordDelivery(
            outboxID: item.id, .deferred(reason: "451 try later", retryAt: t0.addingTimeInterval(300)), now: t0)
        #expect(try database.store.claimDueOutbox(now: t0.addingTimeInterval(299), limit: 1).isEmpty)
        let retry = try #require(try database.store.claimDueOutbox(now: t0.addingTimeInterval(300), limit: 1).first)
        #expect(retry.attempts == 2)
        try database.store.recordDelivery(outboxID: retry.id, .sent, now: t0.addingTimeInterval(301))
        #expect(try database.store.ticket(publicID: "MR-BBBBBB")?.firstResponseAt == t0.addingTimeInterval(301))
        #expect(try database.store.events(ticket: "MR-BBBBBB").map(\.type) == ["deferred", "sent"])
    }

    @Test(arguments: Backend.available) func failedStaysFailedAndEscalationsDoNotCountAsAResponse(_ backend: Backend)
        throws
    {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        try queueOne(database, purpose: .escalation)
        let item = try #require(try database.store.claimDueOutbox(now: t0, limit: 1).first)
        try database.store.recordDelivery(outboxID: item.id, .sent, now: t0)
        #expect(try database.store.ticket(publicID: "MR-BBBBBB")?.firstResponseAt == nil)
        _ = item
    }

    @Test(arguments: Backend.available) func interruptedSendsAreQueuedAgainWithTheSameMessageID(_ backend: Backend)
        throws
    {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        try queueOne(database)
        _ = try database.store.claimDueOutbox(now: t0, limit: 1)
        // Recovery is a restart's: the gateway that claimed it is gone.
        let restarted = try backend.reopen(database)
        defer { withExtendedLifetime(restarted) {} }
        #expect(try restarted.store.recoverInterruptedSends(now: t0) == 1)
        let again = try #require(try database.store.claimDueOutbox(now: t0, limit: 1).first)
        #expect(again.messageID == "m1@shop.example")
        #expect(again.attempts == 2)
        try database.store.recordDelivery(outboxID: again.id, .failed(reason: "550 no such user"), now: t0)
        #expect(try database.store.outboxSummaries(states: [.failed]).first?.lastError == "550 no such user")
    }

    /// Queues two drafts for one ticket: an automatic reply, then an escalation.
    private func queueTwo(_ database: TestStore) throws {
        _ = try database.store.ingest(IngestRequest(raw: mail("o2"), source: "test", receivedAt: t0))
        _ = try database.store.process(rowID: 1, now: t0) { _, _ in
            let ticket = Ticket(
                publicID: "MR-CCCCCC", customerEmail: "ann@example.com", customerName: nil, subject: "s",
                status: .escalated, receivedAt: t0)
            let drafts = [("a1", OutboxPurpose.autoReply), ("a2", .escalation)].map { id, purpose in
                OutboxDraft(
                    purpose: purpose, envelopeFrom: "support@shop.example", recipients: ["ann@example.com"],
                    messageID: "\(id)@shop.example", subject: "Re: s", raw: Array("body of \(id)".utf8))
            }
            return ProcessingOutcome(
                disposition: .processed(summary: .autoReplied), ticket: ticket, ticketIsNew: true, outbox: drafts)
        }
    }

    @Test(arguments: Backend.available) func recordingADeliveryClaimsTheNextInTheSameStep(_ backend: Backend) throws {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        try queueTwo(database)
        let first = try #require(try database.store.claimDueOutbox(now: t0, limit: 1).first)
        #expect(first.messageID == "a1@shop.example")
        let second = try #require(
            try database.store.recordDeliveryAndClaimNext(outboxID: first.id, .sent, now: t0.addingTimeInterval(1)))
        #expect(second.messageID == "a2@shop.example")
        #expect(second.attempts == 1)
        #expect(second.raw == Array("body of a2".utf8))
        #expect(second.envelope.recipients == ["ann@example.com"])
        // The first is sent (with its event and the first response), the second is on its way: nothing is left to
        // claim, and a crash now would queue only the second again.
        #expect(try database.store.outboxSummaries(states: [.sent]).map(\.id) == [first.id])
        #expect(try database.store.outboxCount(states: [.sending]) == 1)
        #expect(try database.store.ticket(publicID: "MR-CCCCCC")?.firstResponseAt == t0.addingTimeInterval(1))
        #expect(try database.store.claimDueOutbox(now: t0, limit: 1).isEmpty)
        let restarted = try backend.reopen(database)
        defer { withExtendedLifetime(restarted) {} }
        #expect(try restarted.store.recoverInterruptedSends(now: t0) == 1)
        // The message's bytes are never written again by a claim or a record.
        #expect(try database.store.outboxRaw(id: first.id) == Array("body of a1".utf8))
        let last = try #require(try database.store.claimDueOutbox(now: t0, limit: 1).first)
        #expect(last.attempts == 2)
        #expect(
            try database.store.recordDeliveryAndClaimNext(
                outboxID: last.id, .deferred(reason: "451 later", retryAt: t0.addingTimeInterval(60)), now: t0) == nil)
        // Sent; then the interrupted send queued again and the retry deferred.
        #expect(try database.store.events(ticket: "MR-CCCCCC").map(\.type) == ["sent", "deferred", "deferred"])
    }

    @Test(arguments: Backend.available) func severalSendersRecordAndClaimInOneTransaction(_ backend: Backend) throws {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        _ = try database.store.ingest(IngestRequest(raw: mail("g1"), source: "test", receivedAt: t0))
        _ = try database.store.process(rowID: 1, now: t0) { _, _ in
            let ticket = Ticket(
                publicID: "MR-DDDDDD", customerEmail: "ann@example.com", customerName: nil, subject: "s",
                status: .escalated, receivedAt: t0)
            // One draft per purpose: the outbox holds one message per source message and purpose.
            let purposes: [OutboxPurpose] = [.autoReply, .acknowledgement, .escalation, .followUp, .alert]
            let drafts = (1...5).map { index in
                OutboxDraft(
                    purpose: purposes[index - 1], envelopeFrom: "support@shop.example",
                    recipients: ["ann@example.com"], messageID: "d\(index)@shop.example", subject: "Re: s",
                    raw: Array("body \(index)".utf8))
            }
            return ProcessingOutcome(
                disposition: .processed(summary: .autoReplied), ticket: ticket, ticketIsNew: true, outbox: drafts)
        }
        let store = database.store
        let first = try #require(try store.claimDueOutbox(now: t0, limit: 1).first)
        let second = try #require(try store.claimDueOutbox(now: t0, limit: 1).first)
        let later = t0.addingTimeInterval(1)
        let next = try store.recordDeliveries(
            [(first.id, .sent), (second.id, .deferred(reason: "451", retryAt: t0.addingTimeInterval(600)))],
            claiming: 2, now: later)
        // The next two due are claimed; the first attempt is sent, the second deferred.
        #expect(next.map(\.messageID) == ["d3@shop.example", "d4@shop.example"])
        #expect(try store.outboxSummaries(states: [.sent]).map(\.id) == [first.id])
        #expect(try store.outboxCount(states: [.deferred]) == 1)
        #expect(try store.outboxCount(states: [.sending]) == 2)
        #expect(try store.ticket(publicID: "MR-DDDDDD")?.firstResponseAt == later)
        // Results without a claim (a connection still sending what it claimed before), then a claim of more than
        // is left: one message comes back.
        #expect(try store.recordDeliveries([(next[0].id, .sent)], claiming: 0, now: later).isEmpty)
        #expect(try store.outboxCount(states: [.sending]) == 1)
        let last = try store.recordDeliveries([(next[1].id, .sent)], claiming: 4, now: later)
        #expect(last.map(\.messageID) == ["d5@shop.example"])
        #expect(try store.outboxCount(states: [.sending]) == 1)
        #expect(try store.recordDeliveries([(last[0].id, .sent)], claiming: 1, now: later).isEmpty)
        #expect(try store.recordDeliveries([], claiming: 0, now: later).isEmpty)
        #expect(try store.outboxCount(states: [.sent]) == 4)
        #expect(
            try store.events(ticket: "MR-DDDDDD").filter { $0.type != "received" }.map(\.type).sorted()
                == ["deferred", "sent", "sent", "sent", "sent"])
    }

    @Test func claimsReadOnlyAFewRowsWhateverTheBacklog() throws {
        let database = try TemporaryDatabase()
        let plan = try database.store.pool.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + SQLiteStore.claimSQL, arguments: ["queued", "x", "deferred", "x", 1]
            ).map { $0["detail"] as String }
        }
        let searches = plan.filter { $0.contains("SEARCH outbox USING COVERING INDEX outbox_on_state_due") }
        // Each state is read from the index in its own order and the branches are merged as they are read, so
        // no sort ever sees the whole backlog and the LIMIT stops the reading.
        #expect(searches.count == OutboxState.pending.count)
        #expect(plan.first == "MERGE (UNION ALL)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }

    @Test(arguments: Backend.available) func theMessageDueLongestIsClaimedFirst(_ backend: Backend) throws {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        try queueTwo(database)
        let store = database.store
        // a1 is deferred to t0 + 60 s; a2 stays queued (due at t0).
        let first = try #require(try store.claimDueOutbox(now: t0, limit: 1).first)
        try store.recordDelivery(
            outboxID: first.id, .deferred(reason: "451", retryAt: t0.addingTimeInterval(60)), now: t0)
        #expect(
            try store.claimDueOutbox(now: t0.addingTimeInterval(30), limit: 2).map(\.messageID) == ["a2@shop.example"])
        try store.recordDelivery(
            outboxID: first.id + 1, .deferred(reason: "451", retryAt: t0.addingTimeInterval(90)), now: t0)
        // Both deferred: the one due first comes first, then the other, however they were queued.
        #expect(
            try store.claimDueOutbox(now: t0.addingTimeInterval(100), limit: 5).map(\.messageID) == [
                "a1@shop.example", "a2@shop.example",
            ])
    }
}
