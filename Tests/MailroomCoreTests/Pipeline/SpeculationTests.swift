import Foundation
import MailMessage
import Testing

@testable import MailroomCore

/// A message processed ahead of its transaction decides exactly what the transaction would, and is used only while
/// every answer it read is still the same.
@Suite struct SpeculationTests {
    private func message(_ raw: [UInt8], row: Int64) -> InboundMessage {
        InboundMessage(rowID: row, raw: raw, receivedAt: testNow, source: "test")
    }

    private func speculate(_ raw: [UInt8], pipeline: MessagePipeline, lookup: FakeLookup, row: Int64) throws
        -> Speculation
    {
        var random = SeededRandom(seed: UInt64(row))
        return try pipeline.speculate(
            message(raw, row: row), prepared: pipeline.prepare(message(raw, row: row)), lookup: lookup, now: testNow,
            random: &random)
    }

    private func processed(_ raw: [UInt8], pipeline: MessagePipeline, lookup: FakeLookup, row: Int64) throws
        -> ProcessingOutcome
    {
        var random = SeededRandom(seed: UInt64(row))
        return try pipeline.process(message(raw, row: row), lookup: lookup, now: testNow, random: &random)
    }

    /// A new question, a follow-up to our reply, a refund that escalates and a bounce: the speculation's outcome
    /// is the outcome of processing with the same answers, time and randomness, and it holds against them.
    @Test func aSpeculationDecidesWhatProcessingDecides() throws {
        let pipeline = try makePipeline()
        let lookup = FakeLookup()
        let first = try process(customerMail(), pipeline: pipeline, lookup: lookup, row: 1)
        let reply = try #require(first.outbox.first?.messageID)
        let mails: [[UInt8]] = [
            customerMail(id: "c2@example.com"),
            customerMail(
                subject: "Re: Where is my order?", body: "It still has not arrived.", id: "c3@example.com",
                extra: "In-Reply-To: <\(reply)>"),
            customerMail(
                from: "Bo Ek <bo@example.com>", subject: "Refund", body: "I want a refund for order 1234.",
                id: "c4@example.com"),
            Array(
                """
                From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
                To: support@shop.example
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <b1@mx.example.net>
                Auto-Submitted: auto-replied
                Content-Type: text/plain

                The mail could not be delivered.

                """.replacingOccurrences(of: "\n", with: "\r\n").utf8),
        ]
        for (index, raw) in mails.enumerated() {
            let row = Int64(index + 2)
            let speculation = try speculate(raw, pipeline: pipeline, lookup: lookup, row: row)
            #expect(speculation.outcome == (try processed(raw, pipeline: pipeline, lookup: lookup, row: row)))
            #expect(speculation.now == testNow)
            // Customer mail asks (its thread, the sender's limits and pauses, a free public id); the bounce names no
            // ticket of ours and asks nothing.
            #expect((speculation.questionCount > 0) == (index < 3))
            #expect(try speculation.holds(in: lookup))
        }
    }

    /// Each answer the pipeline read is checked: another automatic mail to the sender, a pause, the ticket a
    /// follow-up threads into changing, or its public id taken, and the speculation no longer holds.
    @Test func aChangedAnswerMeansProcessingAgain() throws {
        let pipeline = try makePipeline()
        let lookup = FakeLookup()
        let fresh = try speculate(customerMail(id: "n1@example.com"), pipeline: pipeline, lookup: lookup, row: 7)
        #expect(try fresh.holds(in: lookup))
        lookup.automaticLastHour = 1
        #expect(try !fresh.holds(in: lookup))
        lookup.automaticLastHour = 0
        lookup.pause = SenderPause(until: testNow + 60, reason: .bounce)
        #expect(try !fresh.holds(in: lookup))
        lookup.pause = nil
        #expect(try fresh.holds(in: lookup))
        let ticket = try #require(fresh.outcome.ticket)
        lookup.tickets[ticket.publicID] = ticket
        #expect(try !fresh.holds(in: lookup), "its new ticket's public id was taken meanwhile")
        lookup.tickets = [:]

        let first = try process(customerMail(), pipeline: pipeline, lookup: lookup, row: 1)
        let reply = try #require(first.outbox.first?.messageID)
        let followUp = try speculate(
            customerMail(
                subject: "Re: Where is my order?", body: "Still nothing.", id: "f1@example.com",
                extra: "In-Reply-To: <\(reply)>"),
            pipeline: pipeline, lookup: lookup, row: 8)
        #expect(followUp.outcome.ticket?.publicID == first.ticket?.publicID)
        #expect(try followUp.holds(in: lookup))
        var changed = try #require(first.ticket)
        changed.status = .closed
        lookup.tickets[changed.publicID] = changed
        #expect(try !followUp.holds(in: lookup))
    }

    /// Two mails of one sender speculated against the same snapshot (one batch): once the first is written, the
    /// second's count of automatic mail differs, so it is processed again and sees the first's reply.
    @Test func theSecondMailOfASenderInABatchIsProcessedAgain() throws {
        let pipeline = try makePipeline()
        let lookup = FakeLookup()
        lookup.automaticLastHour = 2
        let one = try speculate(customerMail(id: "s1@example.com"), pipeline: pipeline, lookup: lookup, row: 1)
        let two = try speculate(customerMail(id: "s2@example.com"), pipeline: pipeline, lookup: lookup, row: 2)
        #expect(one.outcome.outbox.count == 1 && two.outcome.outbox.count == 1)
        #expect(try one.holds(in: lookup))
        lookup.apply(one.outcome)
        lookup.automaticLastHour = 3
        #expect(try !two.holds(in: lookup))
        let again = try processed(customerMail(id: "s2@example.com"), pipeline: pipeline, lookup: lookup, row: 2)
        #expect(again.outbox.isEmpty, "the hourly limit of 3 automatic mails is reached")
    }
}
