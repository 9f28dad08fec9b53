import Foundation
import Logging
import MailMessage
import MailroomCore
import Synchronization
import Testing

@testable import MailroomApp
@testable import MailroomStore

/// Alerts with an injected clock: each fires once, recovers once, and a flood sends one mail.
@Suite struct AlertMonitorTests {
    final class Clock: Sendable {
        let date = Mutex(try! Date("2026-12-01T12:00:00Z", strategy: .iso8601))
        var now: Date { date.withLock { $0 } }
        func advance(minutes: Double) { date.withLock { $0 = $0.addingTimeInterval(minutes * 60) } }
    }

    final class Harness {
        let directory: URL
        let store: SQLiteStore
        let clock = Clock()
        let monitor: AlertMonitor
        var rows: Int64 = 0

        init(_ settings: AlertSettings = AlertSettings(to: ["ops@shop.example"])) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try SQLiteStore(path: directory.appendingPathComponent("db.sqlite").path)
            let clock = clock
            monitor = AlertMonitor(
                store: store, settings: settings,
                mail: AlertMail(
                    supportAddress: "support@shop.example", companyName: "Larkwood", to: settings.to,
                    loopHeaders: try LoopHeaders(instanceID: "shop.example")),
                metrics: GatewayMetrics(), logger: Logger(label: "alerts-test"), senderBell: Doorbell(),
                now: { clock.now })
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        var alertMails: [OutboxSummary] {
            (try? store.outboxSummaries(limit: 1000).filter { $0.purpose == OutboxPurpose.alert.rawValue }) ?? []
        }

        /// Stores and processes one message into `outcome`.
        func process(_ outcome: (Int64) -> ProcessingOutcome) throws {
            rows += 1
            let row = rows
            _ = try store.ingest(
                IngestRequest(
                    raw: Array(
                        "From: c\(row)@example.com\r\nSubject: s\r\nMessage-ID: <a\(row)@example.com>\r\n\r\nhi\r\n"
                            .utf8),
                    source: "test", receivedAt: clock.now))
            _ = try store.process(rowID: row, now: clock.now) { _, _ in outcome(row) }
        }

        /// One outgoing mail that the server refuses for good.
        func failOneMail() throws {
            try process { row in
                ProcessingOutcome(
                    disposition: .processed(summary: .autoReplied),
                    ticket: Ticket(
                        publicID: "MR-F\(String(format: "%05d", row))", customerEmail: "c\(row)@example.com",
                        customerName: nil, subject: "s", status: .autoReplied, receivedAt: clock.now),
                    ticketIsNew: true,
                    outbox: [
                        OutboxDraft(
                            purpose: .autoReply, envelopeFrom: "support@shop.example",
                            recipients: ["c\(row)@example.com"], messageID: "f\(row)@shop.example", subject: "s",
                            raw: Array("x".utf8))
                    ])
            }
            for item in try store.claimDueOutbox(now: clock.now, limit: 10) where item.purpose == .autoReply {
                try store.recordDelivery(outboxID: item.id, .failed(reason: "550 no such user"), now: clock.now)
            }
        }
    }

    @Test func aFailingMailboxAlertsOnceAfterTenMinutesAndOnceOnRecovery() throws {
        let h = try Harness()
        try h.store.recordPoll(mailbox: "imap:support", at: h.clock.now, error: nil)
        for _ in 0..<10 {
            try h.store.recordPoll(
                mailbox: "imap:support", at: h.clock.now, error: "login refused: 535 bad credentials")
            try h.monitor.check()
            h.clock.advance(minutes: 1)
        }
        #expect(h.alertMails.isEmpty, "ten minutes of errors are not yet an alert")
        for _ in 0..<50 {
            try h.store.recordPoll(
                mailbox: "imap:support", at: h.clock.now, error: "login refused: 535 bad credentials")
            try h.monitor.check()
            h.clock.advance(minutes: 1)
        }
        #expect(h.alertMails.map(\.subject) == ["[Mailroom] intake failing"])
        #expect(try h.store.alertStates()[.intake]?.health == .failing)
        try h.store.recordPoll(mailbox: "imap:support", at: h.clock.now, error: nil)
        let notices = try h.monitor.check()
        #expect(notices.map(\.health) == [.healthy])
        try h.monitor.check()
        #expect(h.alertMails.map(\.subject) == ["[Mailroom] intake recovered", "[Mailroom] intake failing"])
        let events = try h.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT reason FROM event WHERE type = 'alerted' ORDER BY id")
        }
        #expect(events == ["intake.failing", "intake.healthy"])
    }

    @Test func aFloodOfFailuresSendsOneMail() throws {
        let h = try Harness()
        for _ in 0..<40 {
            try h.failOneMail()
            try h.monitor.check()
            h.clock.advance(minutes: 0.5)
        }
        #expect(h.alertMails.map(\.subject) == ["[Mailroom] outbox failing"])
        #expect(h.alertMails.first?.recipients == ["ops@shop.example"])
        h.clock.advance(minutes: 61)
        try h.monitor.check()
        try h.monitor.check()
        #expect(h.alertMails.count == 2 && h.alertMails.first?.subject == "[Mailroom] outbox recovered")
    }

    @Test func alertMailIsAutoGeneratedAndGoesThroughTheOutbox() throws {
        let h = try Harness()
        try h.failOneMail()
        try h.monitor.check()
        let item = try #require(try h.store.claimDueOutbox(now: h.clock.now, limit: 10).first { $0.purpose == .alert })
        let message = try MessageParser.parse(item.raw)
        #expect(message.header.values("Auto-Submitted") == ["auto-generated"])
        #expect(message.header.values("X-Mailroom-Loop") == ["shop.example"])
        #expect(message.textBody.contains("550 no such user") == false, "counts, not customer data")
        #expect(message.textBody.contains("1 failed for good in the last hour"))
        #expect(item.envelope.recipients == ["ops@shop.example"])
    }

    @Test func theRateLimitHoldsMailButRecordsEveryChange() throws {
        let h = try Harness(AlertSettings(to: ["ops@shop.example"], maxPerHour: 1))
        try h.failOneMail()
        try h.process { _ in ProcessingOutcome(disposition: .quarantined(.unparseable, detail: "empty")) }
        let notices = try h.monitor.check()
        #expect(Set(notices.map(\.channel)) == ["outbox", "quarantine"])
        #expect(notices.filter(\.mailed).count == 1)
        #expect(h.alertMails.count == 1)
        #expect(try h.store.alertStates()[.quarantine]?.health == .degraded)
        #expect(try h.monitor.check().isEmpty, "a recorded change is not announced again")
    }

    @Test func slaBreachesAreNamedOnceInADigest() throws {
        let h = try Harness()
        for index in 0..<3 {
            try h.process { row in
                var ticket = Ticket(
                    publicID: "MR-S0000\(index)", customerEmail: "c\(row)@example.com", customerName: nil,
                    subject: "Urgent\r\nBcc: evil@example.com", status: .escalated, receivedAt: h.clock.now)
                ticket.urgency = "critical"
                ticket.firstResponseDueAt = h.clock.now.addingTimeInterval(Double(30 + index * 60) * 60)
                ticket.resolutionDueAt = h.clock.now.addingTimeInterval(8 * 3600)
                return ProcessingOutcome(
                    disposition: .processed(summary: .escalated), ticket: ticket, ticketIsNew: true)
            }
        }
        try h.monitor.check()
        #expect(h.alertMails.isEmpty)
        h.clock.advance(minutes: 31)
        #expect(try h.monitor.check().map(\.channel) == ["sla"])
        h.clock.advance(minutes: 5)
        #expect(try h.monitor.check().isEmpty, "each ticket is named once")
        h.clock.advance(minutes: 120)
        try h.monitor.check()
        let subjects = h.alertMails.map(\.subject)
        #expect(subjects == ["[Mailroom] SLA: 2 tickets overdue", "[Mailroom] SLA: 1 ticket overdue"])
        let digest = try #require(
            try h.store.claimDueOutbox(now: h.clock.now, limit: 10).first { $0.purpose == .alert })
        let text = try MessageParser.parse(digest.raw).textBody
        #expect(text.contains("MR-S00000") && text.contains("Urgent  Bcc: evil@example.com"))
        #expect(try MessageParser.parse(digest.raw).header.values("Bcc").isEmpty)
    }

    @Test func anEscalationSpikeIsDegraded() throws {
        let h = try Harness(AlertSettings(to: ["ops@shop.example"], spikeFactor: 3, spikeMinimum: 5))
        func escalate() throws {
            try h.process { _ in
                var outcome = ProcessingOutcome(disposition: .processed(summary: .escalated))
                outcome.events = [AuditEvent(.escalated, reason: "lowConfidence", "escalated")]
                return outcome
            }
        }
        // One escalation in this hour on each of the last seven days.
        let today = h.clock.now
        for day in 1...7 {
            h.clock.date.withLock { $0 = today.addingTimeInterval(Double(-day) * 86_400 - 600) }
            try escalate()
        }
        h.clock.date.withLock { $0 = today.addingTimeInterval(-1800) }
        for _ in 0..<3 { try escalate() }
        h.clock.date.withLock { $0 = today }
        #expect(try h.monitor.check().isEmpty, "3 is under the minimum of 5")
        for _ in 0..<3 { try escalate() }
        let observed = try h.store.channelObservation(now: h.clock.now)
        let spike = try h.monitor.check()
        #expect(spike.map(\.health) == [.degraded], "\(spike) \(observed)")
        h.clock.advance(minutes: 61)
        #expect(try h.monitor.check().map(\.health) == [.healthy])
    }
}
