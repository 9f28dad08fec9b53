import Testing

@testable import MailTransport

@Suite struct SMTPOutcomeTests {
    private func outcome(code: Int, _ lines: [(TranscriptLine.Direction, String)], recipients: [String])
        -> SMTPResult
    {
        let transfer = CurlTransfer(
            code: code, body: [], transcript: lines.map { TranscriptLine(direction: $0.0, text: $0.1) },
            errorText: "", newConnections: 0, bodyLimitExceeded: false)
        return SMTPOutcome(server: "smtp://mx", username: nil, recipients: recipients, transfer: transfer).result()
    }

    private let opening: [(TranscriptLine.Direction, String)] = [
        (.received, "220 mx ESMTP"), (.sent, "EHLO client"), (.received, "250-mx"), (.received, "250-STARTTLS"),
        (.received, "250 SMTPUTF8"), (.sent, "MAIL FROM:<support@example.org>"), (.received, "250 OK"),
    ]

    @Test func mixedRecipientsGetTheirOwnFates() {
        let result = outcome(
            code: 0,
            opening + [
                (.sent, "RCPT TO:<a@example.com>"), (.received, "250 2.1.5 OK"),
                (.sent, "RCPT TO:<tempfail@example.com>"), (.received, "451 4.3.0 Try later"),
                (.sent, "RCPT TO:<reject@example.com>"), (.received, "550 5.1.1 No such user"),
                (.sent, "DATA"), (.received, "354 End data with <CR><LF>.<CR><LF>"),
                (.received, "250 2.0.0 Queued as 42"),
            ],
            recipients: ["a@example.com", "tempfail@example.com", "reject@example.com"])
        #expect(result.recipients[0].delivery == .delivered(reply: "250 2.0.0 Queued as 42"))
        #expect(result.deferred == ["tempfail@example.com"])
        #expect(result.rejected == ["reject@example.com"])
        #expect(result.error == nil)
        guard case .deferred(let error) = result.recipients[1].delivery else { return }
        #expect(error.replyCode == 451 && error == .recipientRejected && error.isTransient)
    }

    @Test func allRecipientsRefused() {
        let result = outcome(
            code: 55, opening + [(.sent, "RCPT TO:<reject@example.com>"), (.received, "550 5.1.1 No such user")],
            recipients: ["reject@example.com"])
        #expect(result.rejected == ["reject@example.com"])
        #expect(!result.isComplete)
    }

    @Test func messageRefusedAfterData() {
        let result = outcome(
            code: 8,
            opening + [
                (.sent, "RCPT TO:<a@example.com>"), (.received, "250 OK"), (.sent, "DATA"),
                (.received, "354 go ahead"), (.received, "452 4.3.1 Insufficient storage"),
            ], recipients: ["a@example.com"])
        #expect(result.deferred == ["a@example.com"])
        #expect(result.error == .messageRejected)
        #expect(result.error?.replyCode == 452)
    }

    @Test func refusedSenderAffectsEveryone() {
        let result = outcome(
            code: 55,
            [
                (.received, "220 mx"), (.sent, "EHLO c"), (.received, "250 mx"), (.sent, "MAIL FROM:<x@y>"),
                (.received, "553 5.7.1 Sender not allowed"),
            ],
            recipients: ["a@example.com", "b@example.com"])
        #expect(result.rejected == ["a@example.com", "b@example.com"])
        #expect(result.error == .messageRejected && result.error?.replyCode == 553)
    }

    @Test func loginRefusedIsAnAuthenticationFailure() {
        let result = outcome(
            code: 67,
            [
                (.received, "220 mx"), (.sent, "EHLO c"), (.received, "250 AUTH PLAIN"), (.sent, "AUTH"),
                (.received, "535 5.7.8 Authentication credentials invalid"),
            ],
            recipients: ["a@example.com"])
        #expect(result.error == .authenticationFailed)
        #expect(result.rejected == ["a@example.com"])
    }

    @Test func connectionFailureDefersEveryone() {
        let result = outcome(code: 7, [], recipients: ["a@example.com"])
        #expect(result.error == .serverUnreachable)
        #expect(result.deferred == ["a@example.com"])
    }

    @Test func connectionLostDuringDataDefers() {
        let result = outcome(
            code: 56,
            opening + [
                (.sent, "RCPT TO:<a@example.com>"), (.received, "250 OK"), (.sent, "DATA"),
                (.received, "354 go ahead"),
            ],
            recipients: ["a@example.com"])
        #expect(result.deferred == ["a@example.com"])
        #expect(result.error == .connectionLost)
    }

    @Test func bareLineEndsBecomeCRLF() {
        let input = Array("a\nb\r\nc\rd".utf8)
        #expect(SMTPSender.normalizedLineEndings(input) == Array("a\r\nb\r\nc\r\nd".utf8))
        let clean = Array("a\r\nb\r\n".utf8)
        #expect(SMTPSender.normalizedLineEndings(clean) == clean)
    }

    @Test func envelopeAddressesAreChecked() {
        #expect(SMTPSender.isValidAddress("a@example.com"))
        #expect(SMTPSender.isValidAddress(""))  // the null sender of bounces
        #expect(!SMTPSender.isValidAddress("a@example.com>\r\nRCPT TO:<b@x"))
        #expect(!SMTPSender.isValidAddress("a b@example.com"))
        // A bracket, space or line break with a combining mark on it is still one (the check read characters).
        #expect(!SMTPSender.isValidAddress("a<\u{301}b@example.com"))
        #expect(!SMTPSender.isValidAddress("a \u{301}b@example.com"))
        #expect(!SMTPSender.isValidAddress("a\n\u{301}b@example.com"))
        #expect(!SMTPSender.isValidAddress("a\u{2028}b@example.com"))
        #expect(!SMTPSender.isValidAddress("a\u{85}b@example.com"))
        #expect(SMTPSender.isValidAddress("josé@exämple.com"))
        #expect(!SMTPSender.isValidAddress(String(repeating: "a", count: 310) + "@example.com"))
    }
}
