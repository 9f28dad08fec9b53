import MailMessage
import Testing

@testable import MailroomCore

@Suite struct OwnBounceTests {
    private func dsn(originalID: String, action: String = "failed", status: String = "5.1.1", text: String = "")
        -> String
    {
        """
        From: MAILER-DAEMON@mx.customer.example
        To: support@support.example
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain

        Your message could not be delivered.
        \(text)
        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.customer.example

        Final-Recipient: rfc822; anna@customer.example
        Action: \(action)
        Status: \(status)

        --b1
        Content-Type: text/rfc822-headers

        From: support@support.example
        To: anna@customer.example
        Message-ID: \(originalID)
        Subject: Re: Where is my order?

        --b1--
        """
    }

    @Test func linksABounceOfOurMail() throws {
        let id = try Fixture.messageIDs.messageID(publicID: "MR-7K4QX2", random: "R1")
        let message = try Fixture.message(dsn(originalID: id))
        let bounce = OwnBounce.detect(in: message, messageIDs: Fixture.messageIDs, bodyToken: Fixture.bodyToken)
        #expect(
            bounce == OwnBounce(publicID: "MR-7K4QX2", failedRecipients: ["anna@customer.example"], isDelayOnly: false))
    }

    /// The kind and report the pipeline read already are used as given, not read again.
    @Test func theKindAndReportGivenAreUsed() throws {
        let id = try Fixture.messageIDs.messageID(publicID: "MR-7K4QX2", random: "R1")
        let message = try Fixture.message(dsn(originalID: id))
        let report = message.deliveryReport(kind: message.kind)
        #expect(report == message.deliveryReport)
        #expect(
            OwnBounce.detect(
                in: message, kind: .bounce, report: nil, messageIDs: Fixture.messageIDs, bodyToken: Fixture.bodyToken)
                == nil)
        let delayed = OwnBounce.detect(
            in: message, kind: .delayNotice, report: report, messageIDs: Fixture.messageIDs,
            bodyToken: Fixture.bodyToken)
        #expect(delayed?.isDelayOnly == true)
        #expect(message.deliveryReport(kind: .normal) == nil)
    }

    @Test func delayIsLinkedButNotPaused() throws {
        let id = try Fixture.messageIDs.messageID(publicID: "MR-7K4QX2", random: "R1")
        let message = try Fixture.message(dsn(originalID: id, action: "delayed", status: "4.4.1"))
        let bounce = OwnBounce.detect(in: message, messageIDs: Fixture.messageIDs, bodyToken: Fixture.bodyToken)
        #expect(bounce?.isDelayOnly == true)
    }

    @Test func bodyMarkerWhenTheIDIsForeign() throws {
        let marker = try Fixture.bodyToken.marker(for: "MR-CCC333")
        let message = try Fixture.message(dsn(originalID: "<rewritten@relay.example>", text: "> \(marker)"))
        let bounce = OwnBounce.detect(in: message, messageIDs: Fixture.messageIDs, bodyToken: Fixture.bodyToken)
        #expect(bounce?.publicID == "MR-CCC333")
    }

    @Test func foreignOrForgedBouncesAreNotOurs() throws {
        for id in ["<abc@else.example>", "<mr.MR-7K4QX2.R1.0000000000@support.example>"] {
            let message = try Fixture.message(dsn(originalID: id))
            #expect(OwnBounce.detect(in: message, messageIDs: Fixture.messageIDs, bodyToken: Fixture.bodyToken) == nil)
        }
    }

    @Test func ordinaryMailIsNoBounce() throws {
        let id = try Fixture.messageIDs.messageID(publicID: "MR-7K4QX2", random: "R1")
        let message = try Fixture.message("From: anna@customer.example\nIn-Reply-To: \(id)\n\nThanks")
        #expect(OwnBounce.detect(in: message, messageIDs: Fixture.messageIDs, bodyToken: Fixture.bodyToken) == nil)
    }

    /// The demo bounce refers to an answer that was not signed with the test secret: a bounce, not ours.
    @Test func demoBounceIsNotOurs() throws {
        let message = try DemoMail.message("28-bounce-dsn-multipart-report.eml")
        #expect(message.kind == .bounce)
        #expect(OwnBounce.detect(in: message, messageIDs: Fixture.messageIDs, bodyToken: Fixture.bodyToken) == nil)
    }
}
