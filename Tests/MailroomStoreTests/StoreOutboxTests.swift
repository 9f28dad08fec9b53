import Foundation
import MailroomCore
import Testing

@testable import MailroomStore

@Suite struct StoreOutboxTests {
    private func queueOne(_ database: TemporaryDatabase, purpose: OutboxPurpose = .autoReply) throws {
        _ = try database.store.ingest(IngestRequest(raw: mail("o1"), source: "test", receivedAt: t0))
        _ = try database.store.process(rowID: 1, now: t0) { _, _ in
            let ticket = Ticket(
                publicID: "MR-BBBBBB", customerEmail: "ann@example.com", customerName: nil, subject: "s",
                status: .autoReplied, receivedAt: t0)
            let draft = OutboxDraft(
                purpose: purpose, envelopeFrom: "support@shop.example", recipients: ["ann@example.com"],
                messageID: "m1@shop.example", subject: "Re: s", raw: Array("x".utf8))
            return ProcessingOutcome(
                disposition: .processed(summary: .autoReplied), ticket: ticket, ticketIsNew: true, outbox: [draft])
        }
    }

    @Test func claimMarksSendingAndIsNotClaimedTwice() throws {
        let database = try TemporaryDatabase()
        try queueOne(database)
        let claimed = try database.store.claimDueOutbox(now: t0, limit: 10)
        #expect(claimed.map(\.messageID) == ["m1@shop.example"])
        #expect(claimed.first?.attempts == 1)
        #expect(try database.store.claimDueOutbox(now: t0, limit: 10).isEmpty)
    }

    @Test func deferredIsRetriedWhenDueAndSentSetsFirstResponse() throws {
        let database = try TemporaryDatabase()
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

    @Test func failedStaysFailedAndEscalationsDoNotCountAsAResponse() throws {
        let database = try TemporaryDatabase()
        try queueOne(database, purpose: .escalation)
        let item = try #require(try database.store.claimDueOutbox(now: t0, limit: 1).first)
        try database.store.recordDelivery(outboxID: item.id, .sent, now: t0)
        #expect(try database.store.ticket(publicID: "MR-BBBBBB")?.firstResponseAt == nil)
        _ = item
    }

    @Test func interruptedSendsAreQueuedAgainWithTheSameMessageID() throws {
        let database = try TemporaryDatabase()
        try queueOne(database)
        _ = try database.store.claimDueOutbox(now: t0, limit: 1)
        #expect(try database.store.recoverInterruptedSends(now: t0) == 1)
        let again = try #require(try database.store.claimDueOutbox(now: t0, limit: 1).first)
        #expect(again.messageID == "m1@shop.example")
        #expect(again.attempts == 2)
        try database.store.recordDelivery(outboxID: again.id, .failed(reason: "550 no such user"), now: t0)
        #expect(try database.store.outboxSummaries(states: [.failed]).first?.lastError == "550 no such user")
    }
}
