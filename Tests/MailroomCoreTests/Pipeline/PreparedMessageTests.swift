import Foundation
import MailMessage
import Synchronization
import Testing
import Triage

@testable import MailroomCore

/// ``MessagePipeline/prepare(_:)`` works out the parse and the analysis before the transaction: processing with
/// it must give exactly what processing without it gives, whether its guess (new ticket or follow-up) was right or
/// not, and the classifier must not run again in the transaction when the guess was right.
@Suite struct PreparedMessageTests {
    /// Counts predictions (from any thread) and answers as the keyword classifier.
    final class CountingClassifier: Classifier {
        let inner = KeywordClassifier(rules: [
            ("where is my order", "track_order", 0.97), ("refund", "get_refund", 0.95), ("penguin", "review", 0.2),
        ])
        let calls = Mutex(0)
        var labels: [String] { inner.labels }
        func predict(_ text: String) -> IntentPrediction {
            calls.withLock { $0 += 1 }
            return inner.predict(text)
        }
        var count: Int { calls.withLock { $0 } }
    }

    /// A conversation: a new mail, a follow-up to our reply (In-Reply-To), a follow-up that refers to nothing
    /// (threaded by the plus-address: prepare guesses "new"), a mail that refers to an unknown message (prepare
    /// guesses "follow-up", it opens a ticket), and a bounce.
    func conversation(replyTo: String, ourMessageID: String) -> [[UInt8]] {
        [
            customerMail(
                subject: "Re: Where is my order?", body: "It still has not arrived.", id: "c2@example.com",
                extra: "In-Reply-To: <\(ourMessageID)>\n"),
            Array(
                """
                From: Ann Lee <ann@example.com>
                To: \(replyTo)
                Subject: one more thing
                Message-ID: <c3@example.com>
                Date: Sat, 21 Nov 2026 10:05:00 +0000

                I would like a refund instead.

                """.replacingOccurrences(of: "\n", with: "\r\n").utf8),
            customerMail(
                from: "Bob <bob@example.org>", subject: "Re: penguins", body: "do penguins have knees?",
                id: "b1@example.org", extra: "In-Reply-To: <elsewhere@example.net>\n"),
            Array(
                """
                From: Mail Delivery System <MAILER-DAEMON@mx.example.com>
                To: support@shop.example
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <bounce1@mx.example.com>
                Auto-Submitted: auto-replied
                Return-Path: <>
                Content-Type: text/plain

                This is the mail system. Your message could not be delivered.

                """.replacingOccurrences(of: "\n", with: "\r\n").utf8),
        ]
    }

    func run(prepared usePrepared: Bool) throws -> (outcomes: [ProcessingOutcome], predictionsInTransaction: [Int]) {
        let classifier = CountingClassifier()
        let pipeline = try makePipeline(classifier: classifier)
        let lookup = FakeLookup()
        var outcomes: [ProcessingOutcome] = []
        var inTransaction: [Int] = []
        func step(_ raw: [UInt8], row: Int64) throws {
            let message = InboundMessage(rowID: row, raw: raw, receivedAt: testNow, source: "test")
            let prepared = usePrepared ? pipeline.prepare(message) : nil
            let before = classifier.count
            var random = SeededRandom(seed: UInt64(row) &* 7919)
            let outcome = try pipeline.process(
                message, prepared: prepared, lookup: lookup, now: testNow, random: &random)
            inTransaction.append(classifier.count - before)
            lookup.apply(outcome)
            outcomes.append(outcome)
        }
        try step(customerMail(), row: 1)
        let reply = try #require(outcomes[0].outbox.first)
        let replyTo = try #require(reply.parsed.replyTo.first?.address)
        for (index, raw) in conversation(replyTo: replyTo, ourMessageID: reply.messageID).enumerated() {
            try step(raw, row: Int64(index + 2))
        }
        return (outcomes, inTransaction)
    }

    @Test func preparedProcessingGivesTheSameOutcomesAsProcessingAlone() throws {
        let alone = try run(prepared: false)
        let prepared = try run(prepared: true)
        #expect(alone.outcomes.count == 5)
        // The conversation went where it should, so the comparison covers every path.
        #expect(alone.outcomes[1].ticket?.publicID == alone.outcomes[0].ticket?.publicID)
        #expect(alone.outcomes[2].ticket?.publicID == alone.outcomes[0].ticket?.publicID)
        #expect(alone.outcomes[3].ticketIsNew)
        #expect(alone.outcomes[4].ticket == nil)
        for (one, other) in zip(alone.outcomes, prepared.outcomes) { #expect(one == other) }
    }

    @Test func theClassifierRunsInTheTransactionOnlyWhenTheGuessWasWrong() throws {
        let alone = try run(prepared: false)
        let prepared = try run(prepared: true)
        // Alone: each of the four customer mails is classified once in the transaction (the bounce is not), also
        // the follow-up on the escalated ticket, whose text the forward to the agents analyses again.
        #expect(alone.predictionsInTransaction == [1, 1, 1, 1, 0])
        // Prepared: only the two whose guess was wrong (the plus-address follow-up, the unknown In-Reply-To).
        #expect(prepared.predictionsInTransaction == [0, 0, 1, 1, 0])
    }

    @Test func aPreparationOfOtherBytesIsNotUsed() throws {
        let classifier = CountingClassifier()
        let pipeline = try makePipeline(classifier: classifier)
        let refund = InboundMessage(
            rowID: 1, raw: customerMail(subject: "refund", body: "I want a refund please"), receivedAt: testNow,
            source: "test")
        let order = InboundMessage(rowID: 1, raw: customerMail(), receivedAt: testNow, source: "test")
        let wrong = try #require(pipeline.prepare(refund))
        var random = SeededRandom(seed: 1)
        let outcome = try pipeline.process(order, prepared: wrong, lookup: FakeLookup(), now: testNow, random: &random)
        #expect(outcome.ticket?.intent == "track_order")
    }

    @Test func nothingIsPreparedForAnOversizedStub() throws {
        let pipeline = try makePipeline()
        var stub = InboundMessage(rowID: 1, raw: customerMail(), receivedAt: testNow, source: "test")
        stub.oversizedSize = 50 << 20
        #expect(pipeline.prepare(stub) == nil)
    }
}
