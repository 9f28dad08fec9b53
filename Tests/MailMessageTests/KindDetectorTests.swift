import Testing

@testable import MailMessage

@Suite struct KindDetectorTests {
    private func kind(_ headers: String, body: String = "Hello") throws -> KindVerdict {
        try MessageParser.parse(Array((headers + "\n\n" + body).utf8)).kindVerdict
    }

    @Test(arguments: [
        ("From: a@x.example\nSubject: Where is my order?", MessageKind.normal),
        ("From: a@x.example\nAuto-Submitted: no", .normal),
        ("From: a@x.example\nAuto-Submitted: auto-replied", .autoReply),
        ("From: a@x.example\nAuto-Submitted: auto-generated; owner-email=x@y", .autoReply),
        ("From: a@x.example\nX-Autoreply: yes", .autoReply),
        ("From: a@x.example\nX-Autorespond: on", .autoReply),
        ("From: a@x.example\nPrecedence: auto_reply", .autoReply),
        ("From: a@x.example\nPrecedence: bulk", .autoReply),
        ("From: a@x.example\nPrecedence: junk", .autoReply),
        ("From: a@x.example\nX-Auto-Response-Suppress: All", .autoReply),
        ("From: a@x.example\nSubject: Out of Office: back Monday", .autoReply),
        ("From: a@x.example\nSubject: Automatische Antwort: Ihre Anfrage", .autoReply),
        ("From: a@x.example\nSubject: Réponse automatique : absent", .autoReply),
        ("From: a@x.example\nList-Id: <users.lists.example>", .mailingList),
        ("From: a@x.example\nList-Unsubscribe: <mailto:u@lists.example>", .mailingList),
        ("From: a@x.example\nPrecedence: list", .mailingList),
        ("From: a@x.example\nList-Id: <l.example>\nPrecedence: bulk", .mailingList),
        ("From: MAILER-DAEMON@mx.example\nSubject: Undelivered Mail Returned to Sender", .bounce),
        ("From: postmaster@mx.example\nSubject: failure notice", .bounce),
        ("From: Mail Delivery System <noreply@mx.example>\nSubject: Mail delivery failed", .bounce),
        ("From: a@x.example\nX-Failed-Recipients: b@y.example", .bounce),
        ("From: MAILER-DAEMON@mx.example\nSubject: Warning: could not send message for past 4 hours", .delayNotice),
        ("Return-Path: <>\nFrom: x@y.example\nSubject: Undeliverable: your order", .bounce),
    ])
    func classifiesByHeaders(headers: String, expected: MessageKind) throws {
        #expect(try kind(headers).kind == expected)
    }

    private func report(_ type: String, _ part: String, _ fields: String) -> String {
        """
        From: MAILER-DAEMON@mx.example
        Content-Type: multipart/report; report-type=\(type); boundary=r

        --r
        Content-Type: text/plain

        notice
        --r
        Content-Type: \(part)

        \(fields)
        --r--
        """
    }

    @Test func deliveryStatusNotifications() throws {
        let failed = try MessageParser.parse(
            Array(
                report(
                    "delivery-status", "message/delivery-status",
                    "Reporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; gone@y.example\nAction: failed\nStatus: 5.1.1"
                )
                .utf8))
        #expect(failed.kind == .bounce)
        #expect(failed.deliveryReport?.failedRecipients == ["gone@y.example"])
        #expect(failed.deliveryReport?.hasPermanentFailure == true)
        let delayed = try MessageParser.parse(
            Array(
                report(
                    "delivery-status", "message/delivery-status",
                    "Reporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; slow@y.example\nAction: delayed\nStatus: 4.4.7"
                )
                .utf8))
        #expect(delayed.kind == .delayNotice)
        let delivered = try MessageParser.parse(
            Array(
                report(
                    "delivery-status", "message/delivery-status",
                    "Reporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; ok@y.example\nAction: delivered\nStatus: 2.0.0"
                )
                .utf8))
        #expect(delivered.kind == .autoReply)
    }

    @Test func feedbackReportsAndReadReceipts() throws {
        let arf = try MessageParser.parse(
            Array(
                report(
                    "feedback-report", "message/feedback-report",
                    "Feedback-Type: abuse"
                ).utf8))
        #expect(arf.kind == .feedbackReport)
        let mdn = try MessageParser.parse(
            Array(
                report(
                    "disposition-notification",
                    "message/disposition-notification", "Disposition: manual-action/MDN-sent-manually; displayed"
                ).utf8))
        #expect(mdn.kind == .readReceipt)
    }

    @Test func bounceNamesTheMessageThatBounced() throws {
        let text = """
            From: MAILER-DAEMON@mx.example
            Subject: Undelivered Mail Returned to Sender
            Content-Type: multipart/report; report-type=delivery-status; boundary=r

            --r
            Content-Type: text/plain

            gone
            --r
            Content-Type: message/delivery-status

            Final-Recipient: rfc822; gone@y.example
            Action: failed
            Status: 5.1.1
            --r
            Content-Type: text/rfc822-headers

            From: support@shop.example
            Message-ID: <reply.42@shop.example>
            --r--
            """
        let report = try #require(try MessageParser.parse(Array(text.utf8)).deliveryReport)
        #expect(report.originalMessageID == "reply.42@shop.example")
    }

    /// The fixtures whose kind their source states. Two labels disagree with the content and are checked
    /// against the content instead: see the comments.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage)) func kindsOfLabelledFixtures() throws {
        let rows = try SharedData.csv("kinds.csv").dropFirst()
        #expect(rows.count >= 40)
        var matched = 0
        for row in rows {
            let (file, label) = (row[0], row[1])
            let kind = try MessageParser.parse(try SharedData.bytes(file)).kind
            switch label {
            case "spam", "not-bounce":
                // Not kinds of ours: GTUBE spam carries Precedence: junk; sisimai's "not a bounce" sample is a
                // postmaster's Auto-Submitted rejection notice. Both must be machine mail, never answered.
                #expect(kind.isAutomated, "\(file)")
            case "bounce" where file == "flanker__bounce-no-mx.eml":
                // Labelled by its folder; its DSN says "Action: delayed" and "THIS IS A WARNING ONLY".
                #expect(kind == .delayNotice, "\(file)")
            default:
                #expect(kind.rawValue == label, "\(file)")
                if kind.rawValue == label { matched += 1 }
            }
        }
        #expect(matched >= rows.count - 3)
    }
}
