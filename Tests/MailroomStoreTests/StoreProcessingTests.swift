import Foundation
import MailroomCore
import Testing

@testable import MailroomStore

@Suite struct StoreProcessingTests {
    private func outcome(ticketID: String = "MR-AAAAAA", purpose: OutboxPurpose = .autoReply) -> ProcessingOutcome {
        var ticket = Ticket(
            publicID: ticketID, customerEmail: "Ann@Example.com", customerName: "Ann", subject: "Order",
            status: .autoReplied, receivedAt: t0)
        ticket.intent = "track_order"
        ticket.automaticReplies = 1
        let draft = OutboxDraft(
            purpose: purpose, envelopeFrom: "support@shop.example", recipients: ["ann@example.com"],
            messageID: "mr.\(ticketID).1@shop.example", subject: "Re: Order", raw: Array("reply".utf8))
        return ProcessingOutcome(
            disposition: .processed(summary: .autoReplied), kind: "normal", fromAddress: "ann@example.com",
            subject: "Order", ticket: ticket, ticketIsNew: true,
            events: [AuditEvent(.decided, reason: "confidentIntent", "confident", outboxMessageID: draft.messageID)],
            outbox: [draft])
    }

    @Test(arguments: Backend.available) func processingHappensOnceAndWritesEverythingTogether(_ backend: Backend) throws
    {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        _ = try database.store.ingest(IngestRequest(raw: mail("p1"), source: "test", receivedAt: t0))
        let row = try #require(try database.store.nextReceivedMessage())
        let first = try database.store.process(rowID: row, now: t0) { message, _ in
            #expect(message.raw == mail("p1"))
            return outcome()
        }
        #expect(first?.ticketPublicID == "MR-AAAAAA")
        #expect(first?.queued == 1)
        let second = try database.store.process(rowID: row, now: t0) { _, _ in
            Issue.record("processed twice")
            return outcome()
        }
        #expect(second == nil)
        #expect(try database.store.nextReceivedMessage() == nil)
        let ticket = try #require(try database.store.ticket(publicID: "MR-AAAAAA"))
        #expect(ticket.customerEmail == "ann@example.com")
        #expect(ticket.status == .autoReplied)
        #expect(try database.store.events(ticket: "MR-AAAAAA").map(\.type) == ["decided"])
        #expect(try database.store.outboxSummaries().map(\.state) == [.queued])
    }

    @Test(arguments: Backend.available) func aThrowingStepWritesNothing(_ backend: Backend) throws {
        struct Boom: Error {}
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        _ = try database.store.ingest(IngestRequest(raw: mail("p2"), source: "test", receivedAt: t0))
        #expect(throws: Boom.self) { try database.store.process(rowID: 1, now: t0) { _, _ in throw Boom() } }
        #expect(try database.store.nextReceivedMessage() == 1)
        #expect(try database.store.ticketSummaries().isEmpty)
    }

    @Test(arguments: Backend.available) func lookupCountsAutomaticMailPausesAndSentMessages(_ backend: Backend) throws {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        _ = try database.store.ingest(IngestRequest(raw: mail("p3"), source: "test", receivedAt: t0))
        var result = outcome()
        result.pauses = [
            AddressPause(
                address: "Ann@Example.com", pause: SenderPause(until: t0.addingTimeInterval(3600), reason: .bounce))
        ]
        result.rateLimitHits = ["ann@example.com"]
        _ = try database.store.process(rowID: 1, now: t0) { _, _ in result }
        _ = try database.store.ingest(IngestRequest(raw: mail("p4"), source: "test", receivedAt: t0))
        _ = try database.store.process(rowID: 2, now: t0.addingTimeInterval(60)) { _, lookup in
            let hour = try lookup.automaticMailCount(to: "ANN@example.com", since: t0)
            let later = try lookup.automaticMailCount(to: "ann@example.com", since: t0.addingTimeInterval(1))
            let hits = try lookup.rateLimitTimes(for: "ann@example.com", since: t0).count
            let pause = try lookup.activePause(for: "ann@example.com", at: t0.addingTimeInterval(60))
            let expired = try lookup.activePause(for: "ann@example.com", at: t0.addingTimeInterval(7200))
            let sent = try lookup.ticket(forSentMessageID: "mr.MR-AAAAAA.1@shop.example")
            let exists = try lookup.publicIDExists("MR-AAAAAA")
            #expect(hour == 1)
            #expect(later == 0)
            #expect(hits == 1)
            #expect(pause?.reason == .bounce)
            #expect(expired == nil)
            #expect(sent?.publicID == "MR-AAAAAA")
            #expect(exists)
            return ProcessingOutcome(disposition: .quarantined(.unparseable, detail: "test"))
        }
        #expect(try database.store.quarantined().map(\.reason) == ["unparseable"])
        #expect(try database.store.messageCounts() == ["processed": 1, "quarantined": 1])
    }

    @Test(arguments: Backend.available) func learnedKnowledgeIsPendingAndOnlyApprovedEntriesAreReused(
        _ backend: Backend
    ) throws {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        _ = try database.store.ingest(IngestRequest(raw: mail("k1"), source: "test", receivedAt: t0))
        var result = outcome()
        result.knowledge = KnowledgeEntry(
            ticketPublicID: "MR-AAAAAA", question: "Where is it?", answer: "In transit.", intent: "track_order",
            language: "en")
        let processed = try database.store.process(rowID: 1, now: t0) { _, _ in result }
        let id = try #require(processed?.learned?.id)
        #expect(try database.store.knowledgeEntries().map(\.state) == [.pending])
        #expect(try database.store.knowledge().isEmpty)
        guard case .done(let approved) = try database.store.approveKnowledge(id: id, by: "ana", now: t0) else {
            Issue.record("approval refused")
            return
        }
        #expect(approved.state == .approved)
        #expect(try database.store.knowledge().map(\.answer) == ["In transit."])
    }
}
