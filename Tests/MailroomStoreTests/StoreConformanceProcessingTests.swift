import Foundation
import MailroomCore
import MailroomStore
import Synchronization
import Testing

/// Processing, the same on every store (``Backend``), and exactly once when several gateways share one.
@Suite struct StoreConformanceProcessingTests {
    static func outcome(_ id: String, sender: String = "ann@example.com", reply: Bool = false) -> ProcessingOutcome {
        let ticket = Ticket(
            publicID: id, customerEmail: sender, customerName: nil, subject: "Order",
            status: reply ? .autoReplied : .escalated, receivedAt: t0)
        let draft = OutboxDraft(
            purpose: reply ? .autoReply : .escalation, envelopeFrom: "support@shop.example",
            recipients: [reply ? sender : "agents@shop.example"], messageID: "\(id)@shop.example",
            subject: "Re: Order", raw: Array("reply to \(id)".utf8))
        var outcome = ProcessingOutcome(
            disposition: .processed(summary: reply ? .autoReplied : .escalated), kind: "normal", fromAddress: sender,
            subject: "Order", ticket: ticket, ticketIsNew: true,
            events: [AuditEvent(.decided, reason: "lowConfidence", "test", outboxMessageID: draft.messageID)],
            outbox: [draft])
        outcome.searchText = "where is my parcel \(id)"
        return outcome
    }

    @Test(arguments: Backend.available) func aMessageIsProcessedOnceIntoItsTicketAndOutbox(_ backend: Backend) throws {
        let test = try backend.makeStore()
        defer { withExtendedLifetime(test) {} }
        let store = test.store
        guard case .stored(let row) = try store.ingest(IngestRequest(raw: mail("p1"), source: "test", receivedAt: t0))
        else {
            Issue.record("not stored")
            return
        }
        #expect(try store.receivedCount() == 1)
        #expect(try store.nextReceivedMessage(after: 0) == row)
        let seen = Mutex<[UInt8]>([])
        let lookedUp = Mutex<(Ticket?, Bool)>((nil, true))
        let result = try store.process(rowID: row, now: t0 + 1) {
            (message: InboundMessage, lookup: any GatewayLookup) throws -> ProcessingOutcome in
            seen.withLock { $0 = message.raw }
            let found = (try lookup.ticket(publicID: "MR-P1"), try lookup.publicIDExists("MR-P1"))
            lookedUp.withLock { $0 = found }
            return Self.outcome("MR-P1")
        }
        #expect(seen.withLock { $0 } == mail("p1"))
        #expect(lookedUp.withLock { $0.0 } == nil)
        #expect(lookedUp.withLock { $0.1 } == false)
        #expect(result?.ticketPublicID == "MR-P1")
        #expect(result?.queued == 1)
        #expect(try store.process(rowID: row, now: t0 + 2) { _, _ in Self.outcome("MR-P1") } == nil)
        #expect(try store.receivedCount() == 0)
        let ticket = try #require(try store.ticket(publicID: "MR-P1"))
        #expect(ticket.status == .escalated)
        #expect(ticket.customerEmail == "ann@example.com")
        #expect(try store.events(ticket: "MR-P1").map(\.type) == ["decided"])
        #expect(try store.messageEvents(rowID: row).map(\.type) == ["ingested", "decided"])
        let claimed = try store.claimDueOutbox(now: t0 + 3, limit: 10)
        #expect(claimed.map(\.messageID) == ["MR-P1@shop.example"])
        #expect(claimed.first?.raw == Array("reply to MR-P1".utf8))
        #expect(claimed.first?.envelope.recipients == ["agents@shop.example"])
    }

    @Test(arguments: Backend.available) func aTicketIsReadAndUpdatedByTheNextMessage(_ backend: Backend) throws {
        let test = try backend.makeStore()
        defer { withExtendedLifetime(test) {} }
        let store = test.store
        _ = try store.ingest([
            IngestRequest(raw: mail("t1"), source: "test", receivedAt: t0),
            IngestRequest(raw: mail("t2"), source: "test", receivedAt: t0 + 60),
        ])
        _ = try store.process(rowID: 1, now: t0) { _, _ in Self.outcome("MR-T1") }
        let threaded = Mutex<String?>(nil)
        _ = try store.process(rowID: 2, now: t0 + 60) {
            (_: InboundMessage, lookup: any GatewayLookup) throws -> ProcessingOutcome in
            guard var ticket = try lookup.ticket(publicID: "MR-T1") else { throw StoreError.missingRow("MR-T1") }
            ticket.references = ["a@b", "c@d"]
            ticket.participants = ["colleague@example.com"]
            ticket.reopenCount += 1
            ticket.contradicted = true
            ticket.updatedAt = t0 + 60
            let byReply = try lookup.ticket(forSentMessageID: "MR-T1@shop.example")?.publicID
            threaded.withLock { $0 = byReply }
            return ProcessingOutcome(
                disposition: .processed(summary: .escalated), ticket: ticket, ticketIsNew: false,
                events: [AuditEvent(.reopened, "again")])
        }
        #expect(threaded.withLock { $0 } == "MR-T1")
        let ticket = try #require(try store.ticket(publicID: "MR-T1"))
        #expect(ticket.references == ["a@b", "c@d"])
        #expect(ticket.participants == ["colleague@example.com"])
        #expect(ticket.reopenCount == 1)
        #expect(ticket.contradicted)
        #expect(ticket.updatedAt == t0 + 60)
        #expect(try store.events(ticket: "MR-T1").map(\.type) == ["decided", "reopened"])
    }

    @Test(arguments: Backend.available) func aFailingMessageIsQuarantinedAloneInItsBatch(_ backend: Backend) throws {
        struct Boom: Error {}
        let test = try backend.makeStore()
        defer { withExtendedLifetime(test) {} }
        let store = test.store
        _ = try store.ingest((1...3).map { IngestRequest(raw: mail("q\($0)"), source: "test", receivedAt: t0) })
        #expect(try store.receivedMessages(after: 0, limit: 10) == [1, 2, 3])
        #expect(try store.receivedMessages(rowIDs: [3, 1]).map(\.rowID) == [3, 1])
        let results = try store.process(
            rowIDs: [1, 2, 3], now: t0,
            { message, _ in
                if message.rowID == 2 { throw Boom() }
                return Self.outcome("MR-Q\(message.rowID)")
            },
            fallback: { _, _ in ProcessingOutcome(disposition: .quarantined(.processingError, detail: "boom")) })
        #expect(results.map(\.summary) == [.escalated, .quarantined(.processingError), .escalated])
        #expect(try store.receivedMessages(after: 0, limit: 10).isEmpty)
        #expect(try store.ticket(publicID: "MR-Q3") != nil)
    }

    @Test(arguments: Backend.available) func messagesReadBeforeTheTransactionAreCheckedAgainInIt(
        _ backend: Backend
    ) throws {
        let test = try backend.makeStore()
        defer { withExtendedLifetime(test) {} }
        let store = test.store
        _ = try store.ingest((1...3).map { IngestRequest(raw: mail("r\($0)"), source: "test", receivedAt: t0) })
        let read = try store.receivedMessages(rowIDs: [1, 2, 3])
        // Another gateway (or the API) takes message 2 between the read and the transaction.
        _ = try store.process(rowID: 2, now: t0) { _, _ in Self.outcome("MR-R2") }
        let seen = Mutex<[Int64: [UInt8]]>([:])
        let results = try store.process(
            messages: read, now: t0,
            { message, _ in
                seen.withLock { $0[message.rowID] = message.raw }
                return Self.outcome("MR-R\(message.rowID)")
            },
            fallback: { _, error in throw error })
        #expect(results.map(\.rowID) == [1, 3])
        #expect(seen.withLock { $0 } == [1: read[0].raw, 3: read[2].raw])
        #expect(try store.receivedMessages(after: 0, limit: 10).isEmpty)
        #expect(try store.ticket(publicID: "MR-R3") != nil)
        // Processed once: a second pass with the same reads does nothing.
        #expect(
            try store.process(messages: read, now: t0, { _, _ in Self.outcome("MR-X") }, fallback: { _, e in throw e })
                .isEmpty)
    }

    @Test(arguments: Backend.available) func aNewTicketAndItsFollowUpAreBothFoundByTheirWords(_ backend: Backend)
        throws
    {
        let test = try backend.makeStore()
        defer { withExtendedLifetime(test) {} }
        let store = test.store
        _ = try store.ingest((1...3).map { IngestRequest(raw: mail("w\($0)"), source: "test", receivedAt: t0) })
        // One batch: two new tickets, then a follow-up on the first one.
        let results = try store.process(
            messages: try store.receivedMessages(rowIDs: [1, 2, 3]), now: t0,
            { message, _ in
                var outcome = Self.outcome(message.rowID == 2 ? "MR-W2" : "MR-W1")
                outcome.ticketIsNew = message.rowID != 3
                outcome.outbox = []
                outcome.searchText = ["", "zeppelin parcel", "walrus invoice", "quokka refund"][Int(message.rowID)]
                return outcome
            },
            fallback: { _, error in throw error })
        #expect(results.count == 3)
        func found(_ word: String) throws -> [String] {
            try store.tickets(TicketQuery(words: [word])).tickets.map(\.1.publicID)
        }
        #expect(try found("zeppelin") == ["MR-W1"])
        #expect(try found("quokka") == ["MR-W1"], "the follow-up's words join the ticket's entry")
        #expect(try found("walrus") == ["MR-W2"])
    }

    @Test(arguments: Backend.available) func gatewaysSharingAStoreProcessEachMessageOnce(_ backend: Backend) throws {
        let tests = try backend.makeSharedStores(3)
        defer { withExtendedLifetime(tests) {} }
        _ = try tests[0].store.ingest(
            (1...60).map {
                IngestRequest(raw: mail("s\($0)", from: "c\($0)@example.com"), source: "test", receivedAt: t0)
            })
        let processed = Mutex<[Int64]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 3) { index in
            let store = tests[index].store
            do {
                while true {
                    let candidates = try store.receivedMessages(after: 0, limit: 4)
                    if candidates.isEmpty { break }
                    let results = try store.process(
                        rowIDs: candidates, now: t0, { message, _ in Self.outcome("MR-S\(message.rowID)") },
                        fallback: { _, error in throw error })
                    processed.withLock { $0 += results.map(\.rowID) }
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let rows = processed.withLock { $0 }.sorted()
        #expect(rows == Array(1...60))
        #expect(try tests[1].store.receivedCount() == 0)
        var claimed: [OutboxItem] = []
        while case let batch = try tests[2].store.claimDueOutbox(now: t0, limit: 25), !batch.isEmpty {
            claimed += batch
        }
        #expect(claimed.count == 60)
        #expect(Set(claimed.map(\.messageID)).count == 60)
    }

    /// Three gateways, six mails from one sender at once, a limit of three automatic replies an hour: the
    /// sender's counter is read under a lock, so no gateway sees a stale count.
    @Test(arguments: Backend.available) func theHourlyLimitHoldsAcrossGateways(_ backend: Backend) throws {
        let tests = try backend.makeSharedStores(3)
        defer { withExtendedLifetime(tests) {} }
        let sender = "flood@example.com"
        _ = try tests[0].store.ingest(
            (1...6).map { IngestRequest(raw: mail("r\($0)", from: sender), source: "test", receivedAt: t0) })
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { index in
            let store = tests[index % 3].store
            let rowID = Int64(index + 1)
            do {
                _ = try store.process(rowID: rowID, now: t0) {
                    (message: InboundMessage, lookup: any GatewayLookup) throws -> ProcessingOutcome in
                    let sent = try lookup.automaticMailCount(to: sender.uppercased(), since: t0 - 3600)
                    // Hold the lock a moment, as a real pipeline would while it classifies and renders.
                    Thread.sleep(forTimeInterval: 0.02)
                    if sent < 3 { return Self.outcome("MR-R\(message.rowID)", sender: sender, reply: true) }
                    var outcome = Self.outcome("MR-R\(message.rowID)", sender: sender)
                    outcome.rateLimitHits = [sender]
                    return outcome
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let replies = try tests[1].store.claimDueOutbox(now: t0, limit: 100).filter { $0.purpose == .autoReply }
        #expect(replies.count == 3)
        #expect(try tests[2].store.receivedCount() == 0)
    }
}
