import Foundation
import MailMessage
import Testing

@testable import MailroomCore

@Suite struct MessagePipelineProtectionTests {
    @Test func machineMailIsNeverAnswered() throws {
        let pipeline = try makePipeline()
        for extra in ["Auto-Submitted: auto-replied\n", "List-Id: <users.lists.example>\n", "Precedence: bulk\n"] {
            let outcome = try process(customerMail(extra: extra), pipeline: pipeline, lookup: FakeLookup())
            #expect(outcome.outbox.isEmpty, "\(extra)")
            #expect(outcome.ticket == nil)
            #expect(outcome.events.contains { $0.type == .suppressed })
        }
    }

    @Test func ourOwnMailComingBackIsIgnored() throws {
        let outcome = try process(
            customerMail(extra: "X-Mailroom-Loop: shop.example\n"), pipeline: try makePipeline(), lookup: FakeLookup())
        #expect(outcome.outbox.isEmpty)
        #expect(outcome.events.first?.reason == "ownMail")
    }

    @Test func aBounceOfOurMailIsLinkedAndPausesTheAddress() throws {
        let pipeline = try makePipeline()
        let lookup = FakeLookup()
        let first = try process(customerMail(), pipeline: pipeline, lookup: lookup)
        let reply = try #require(first.outbox.first)
        let bounce = Array(
            """
            From: MAILER-DAEMON@mx.example.com
            To: support@shop.example
            Subject: Undelivered Mail Returned to Sender
            Content-Type: multipart/report; report-type=delivery-status; boundary=b

            --b
            Content-Type: text/plain

            Your message could not be delivered.
            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.com

            Final-Recipient: rfc822; ann@example.com
            Action: failed
            Status: 5.1.1
            --b
            Content-Type: text/rfc822-headers

            From: support@shop.example
            Message-ID: <\(reply.messageID)>
            --b--

            """.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let outcome = try process(bounce, pipeline: pipeline, lookup: lookup, row: 2)
        #expect(outcome.outbox.isEmpty)
        #expect(outcome.ticket?.publicID == first.ticket?.publicID)
        #expect(outcome.events.contains { $0.type == .bounced })
        #expect(outcome.pauses.map(\.address) == ["ann@example.com"])
        #expect(outcome.pauses.first?.pause.reason == .bounce)
    }

    @Test func dmarcFailureSendsNothingAutomaticAndEscalates() throws {
        let spoofed = customerMail(
            extra: "Authentication-Results: mx.shop.example; dmarc=fail header.from=example.com; spf=fail\n")
        let outcome = try process(spoofed, pipeline: try makePipeline(), lookup: FakeLookup())
        #expect(outcome.ticket?.status == .escalated)
        #expect(outcome.outbox.map(\.purpose) == [.escalation])
        #expect(outcome.events.contains { $0.reason?.contains("senderNotAuthenticated") == true })
    }

    @Test func aLookAlikeAuthservIDIsNotTrusted() throws {
        let forged = customerMail(extra: "Authentication-Results: mx.shop.example.evil; dmarc=fail\n")
        let outcome = try process(forged, pipeline: try makePipeline(), lookup: FakeLookup())
        #expect(outcome.ticket?.status == .autoReplied)
    }

    @Test func theHourlyLimitSuppressesAndCountsAHit() throws {
        let lookup = FakeLookup()
        lookup.automaticLastHour = 3
        lookup.automaticLastDay = 3
        let outcome = try process(customerMail(), pipeline: try makePipeline(), lookup: lookup)
        #expect(outcome.outbox.isEmpty)
        #expect(outcome.rateLimitHits == ["ann@example.com"])
        #expect(outcome.events.contains { $0.type == .suppressed })
    }

    @Test func aSecondEpisodeStartsTheFloodCoolDown() throws {
        let lookup = FakeLookup()
        lookup.automaticLastHour = 3
        lookup.automaticLastDay = 6
        lookup.rateLimited = [testNow.addingTimeInterval(-7200)]
        let outcome = try process(customerMail(), pipeline: try makePipeline(), lookup: lookup)
        #expect(outcome.pauses.first?.pause.reason == .floodCoolDown)
    }

    @Test func noReplySendersReachAPersonWithoutAnAcknowledgement() throws {
        let outcome = try process(
            customerMail(from: "Parcels <noreply@parcels.example>", body: "Your parcel was delivered."),
            pipeline: try makePipeline(), lookup: FakeLookup())
        #expect(outcome.outbox.map(\.purpose) == [.escalation])
    }

    @Test func unreadableAndOversizedMessagesAreQuarantinedWithANotice() throws {
        let pipeline = try makePipeline()
        var random = SeededRandom(seed: 1)
        let noSender = InboundMessage(
            rowID: 9, raw: Array("Subject: who?\r\n\r\nno sender".utf8), receivedAt: testNow,
            source: "test")
        let outcome = try pipeline.process(noSender, lookup: FakeLookup(), now: testNow, random: &random)
        guard case .quarantined(.unparseable, _) = outcome.disposition else {
            Issue.record("not quarantined: \(outcome.disposition)")
            return
        }
        #expect(outcome.outbox.map(\.recipients) == [["agents@shop.example"]])
        #expect(outcome.outbox.first?.parsed.attachments.map(\.contentType) == ["message/rfc822"])
        let big = InboundMessage(
            rowID: 10, raw: Array("From: a@b.example\r\nSubject: huge\r\n".utf8),
            receivedAt: testNow, source: "test", oversizedSize: 90_000_000)
        let held = try pipeline.process(big, lookup: FakeLookup(), now: testNow, random: &random)
        guard case .quarantined(.oversized, _) = held.disposition else {
            Issue.record("not quarantined: \(held.disposition)")
            return
        }
        #expect(held.outbox.first?.parsed.subject == "Quarantined (oversized): huge")
    }
}
