import Foundation
import MailMessage
import Testing

@testable import MailroomCore

/// Findings 6 (caps), 11 and 12 of the trust issue, at the pipeline.
@Suite struct SmallerTrustFindingsTests {
    @Test(arguments: [
        "Support <support@shop.example>", "support+MR-ABC123.XXXX@shop.example", "Agents <agents@shop.example>",
        "SUPPORT@SHOP.EXAMPLE",
    ])
    func mailFromOurOwnAddressesIsNeverAnswered(_ from: String) throws {
        let outcome = try process(customerMail(from: from), pipeline: try makePipeline(), lookup: FakeLookup())
        #expect(outcome.outbox.isEmpty)
        #expect(outcome.ticket == nil)
        #expect(outcome.events.contains { $0.type == .suppressed && $0.reason == "ownAddress" })
    }

    @Test func aMissingReturnPathIsUnknownNotNull() throws {
        var raw = String(decoding: customerMail(), as: UTF8.self)
        raw = raw.replacingOccurrences(of: "Return-Path: <ann@example.com>\r\n", with: "")
        let outcome = try process(Array(raw.utf8), pipeline: try makePipeline(), lookup: FakeLookup())
        #expect(outcome.outbox.map(\.purpose) == [.autoReply])
        #expect(outcome.events.contains { $0.type == .checked && $0.reason == "missingReturnPath" })
        let null = try process(
            Array(raw.replacingOccurrences(of: "Subject:", with: "Return-Path: <>\r\nSubject:").utf8),
            pipeline: try makePipeline(), lookup: FakeLookup())
        #expect(!null.outbox.contains { $0.recipients == ["ann@example.com"] })
    }

    @Test(arguments: [
        ("\"Your refund is blocked - call +44 900 123\" <mallory@evil.example>", "-"),
        ("\"http://evil.example/claim\" <mallory@evil.example>", "-"),
        ("\"Support Team\" <mallory@evil.example>", "-"),
        ("Ann Lee <ann@example.com>", "Ann"),
        ("\"Lee, Ann\" <ann@example.com>", "Ann"),
        ("José María Pérez <jose@example.com>", "José"),
        ("ann@example.com", "-"),
    ])
    func greetingsUseOnlyAPlausibleFirstName(_ from: String, _ greeting: String) throws {
        let outcome = try process(customerMail(from: from), pipeline: try makePipeline(), lookup: FakeLookup())
        let reply = try #require(outcome.outbox.first { $0.recipients != ["agents@shop.example"] })
        #expect(reply.parsed.textBody.contains("GREETING \(greeting)\n"), "\(reply.parsed.textBody)")
        #expect(!String(decoding: reply.raw, as: UTF8.self).contains("900 123"))
    }

    /// The greeting's letter test answers as `Character.isLetter` for every ASCII character, CR LF and a few
    /// others (it skips Unicode's tables for ASCII only).
    @Test func theGreetingsLetterTestIsCharacterIsLetter() {
        let characters =
            (0...127).map { Character(Unicode.Scalar(UInt8($0))) } + ["\r\n", "é", "ß", "ª", "Ω", "1", "٣", "e\u{301}"]
        for character in characters {
            #expect(GreetingName.isLetter(character) == character.isLetter, "\(character.debugDescription)")
        }
    }

    @Test func aStaffOnlyTemplateNeverGoesToACustomer() throws {
        let pipeline = try makePipeline()
        let lookup = FakeLookup()
        let first = try process(
            customerMail(subject: "knees", body: "do penguins have knees?"), pipeline: pipeline, lookup: lookup)
        let escalation = try #require(first.outbox.first { $0.purpose == .escalation })
        let mail = Array(
            """
            Authentication-Results: mx.shop.example; dmarc=pass header.from=shop.example
            From: Ana <ana@shop.example>
            To: \(escalation.parsed.replyTo.first!.address)
            Subject: Re: knees
            Message-ID: <ana-template@shop.example>

            #template escalation

            """.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let outcome = try process(mail, pipeline: pipeline, lookup: lookup, row: 2)
        #expect(!outcome.outbox.contains { $0.recipients.contains("ann@example.com") })
        #expect(outcome.events.contains { $0.reason == "staffOnlyTemplate" })
    }

    @Test func aDeliveryReportWithoutFromIsABounce() throws {
        let report = Array(
            """
            To: support@shop.example
            Subject: Undelivered Mail Returned to Sender
            Message-ID: <dsn-1@mx.example.net>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"

            --b
            Content-Type: text/plain

            This message could not be delivered.
            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net

            Final-Recipient: rfc822; gone@example.com
            Action: failed
            Status: 5.1.1
            --b--

            """.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let outcome = try process(report, pipeline: try makePipeline(), lookup: FakeLookup())
        guard case .processed(let summary) = outcome.disposition else {
            Issue.record("quarantined: \(outcome.disposition)")
            return
        }
        #expect(summary == .suppressed(.bounce))
        #expect(outcome.outbox.isEmpty)
    }

    @Test func hugeTextAndSubjectsAreCappedForPeopleAndTheAttachmentIsCut() throws {
        let subject = String(repeating: "penguins ", count: 5_000)
        let body = String(repeating: "penguin ", count: 20_000)
        let pipeline = try makePipeline(maxAttachmentBytes: 64 * 1024)
        let outcome = try process(
            customerMail(subject: subject, body: body), pipeline: pipeline, lookup: FakeLookup())
        let ticket = try #require(outcome.ticket)
        #expect(ticket.subject.count <= TextLimits.maximumSubjectCharacters + 1)
        for draft in outcome.outbox {
            #expect(draft.subject.count < 300)
            #expect(draft.raw.count < 200_000, "\(draft.purpose) is \(draft.raw.count) bytes")
        }
        let escalation = try #require(outcome.outbox.first { $0.purpose == .escalation })
        #expect(escalation.parsed.attachments.contains { $0.filename == "original-truncated.txt" })
    }
}
