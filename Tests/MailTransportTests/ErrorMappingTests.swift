import Testing

@testable import MailTransport

@Suite struct ErrorMappingTests {
    private let context = FailureContext(
        protocolName: "IMAP", server: "imap://127.0.0.1:143", username: "support", operation: "STATUS",
        mailbox: "Missing")

    private func map(_ code: Int, _ lines: [(TranscriptLine.Direction, String)], text: String = "")
        -> TransportError
    {
        TransportError.fromCurl(
            code: code, errorText: text, transcript: lines.map { TranscriptLine(direction: $0.0, text: $0.1) },
            context: context)
    }

    @Test func loginDeniedAfterAuthenticateIsAWrongPassword() {
        let error = map(
            67,
            [
                (.sent, "A001 CAPABILITY"), (.received, "A001 OK Pre-login capabilities listed"),
                (.sent, "A002 AUTHENTICATE"), (.received, "A002 NO [AUTHENTICATIONFAILED] Authentication failed."),
            ])
        #expect(error == .authenticationFailed)
        #expect(!error.isTransient)
        #expect(error.message.contains("AUTHENTICATIONFAILED"))
        #expect(error.message.contains("support"))
    }

    @Test func loginDeniedAfterSelectIsAMissingMailbox() {
        // libcurl reports a refused SELECT as 67 CURLE_LOGIN_DENIED.
        let error = map(
            67,
            [
                (.sent, "A002 AUTHENTICATE"), (.received, "A002 OK Logged in"),
                (.sent, "A003 SELECT"), (.received, "A003 NO Mailbox doesn't exist: Missing"),
            ])
        #expect(error == .mailboxNotFound)
        #expect(error.message.contains("\"Missing\""))
    }

    @Test func temporaryAuthenticationFailureIsTransient() {
        let error = map(
            67, [(.sent, "A002 LOGIN"), (.received, "A002 NO [UNAVAILABLE] Temporary authentication failure.")])
        #expect(error == .authenticationFailed)
        #expect(error.isTransient)
    }

    @Test func quoteErrorWithNonexistentIsAMissingMailbox() {
        let error = map(21, [(.sent, "A004 STATUS"), (.received, "A004 NO [NONEXISTENT] Mailbox doesn't exist")])
        #expect(error == .mailboxNotFound)
        #expect(error.serverResponse == "NO [NONEXISTENT] Mailbox doesn't exist")
    }

    @Test func quoteErrorWithTryCreateIsAMissingMailbox() {
        let error = map(21, [(.sent, "A004 UID"), (.received, "A004 NO [TRYCREATE] Mailbox doesn't exist")])
        #expect(error == .mailboxNotFound)
    }

    @Test func quoteErrorOtherwiseIsARefusedCommand() {
        let refused = map(21, [(.sent, "A005 CREATE"), (.received, "A005 NO [ALREADYEXISTS] Mailbox already exists")])
        #expect(refused == .commandFailed)
        let bad = map(21, [(.sent, "A006 UID"), (.received, "A006 BAD Error in IMAP command UID: Unknown")])
        #expect(bad == .protocolError)
        let busy = map(21, [(.sent, "A007 UID"), (.received, "A007 NO [INUSE] Mailbox is locked")])
        #expect(busy == .commandFailed && busy.isTransient)
    }

    @Test(arguments: [
        (6, TransportError.serverUnreachable, true), (7, .serverUnreachable, true), (28, .timedOut, true),
        (56, .connectionLost, true), (55, .connectionLost, true), (60, .tlsVerificationFailed, false),
        (35, .tlsHandshakeFailed, false), (64, .tlsUnavailable, false), (77, .invalidConfiguration, false),
        (8, .protocolError, false),
    ])
    func curlCodes(code: Int, expected: TransportError, transient: Bool) {
        let error = map(code, [], text: "detail")
        #expect(error == expected)
        #expect(error.isTransient == transient)
        #expect(error.curlCode == code)
    }

    @Test func uidValidityChangeIsRecognisedByLibcurlsText() {
        #expect(map(78, [], text: "Mailbox UIDVALIDITY has changed") == .uidValidityChanged)
        #expect(map(78, [], text: "No such message") != .uidValidityChanged)
    }

    @Test func descriptionIsAConstantLabel() {
        let error = map(67, [(.received, "A002 NO [AUTHENTICATIONFAILED] Authentication failed.")])
        #expect(error.description == "authentication_failed")
    }

    @Test func transcriptNeverKeepsSecrets() {
        #expect(TransferState.safeIMAPCommand("A002 LOGIN support secret") == "A002 LOGIN")
        #expect(TransferState.safeIMAPCommand("dXNlcgBzZWNyZXQ=") == nil)
        #expect(TransferState.safeSMTPCommand("AUTH PLAIN AHN1cHBvcnQAc2VjcmV0") == "AUTH")
        #expect(TransferState.safeSMTPCommand("c2VjcmV0") == nil)
        #expect(TransferState.safeSMTPCommand("RCPT TO:<a@example.com>") == "RCPT TO:<a@example.com>")
    }

    /// The transcript clips lines without reading their characters when the bytes are within the limit.
    @Test func clippingAgreesWithTheCharacterPrefix() {
        let pieces = ["a", "AB", " ", "é", "e\u{301}", "👍🏽", "🇩🇪", "\r\n", "中", "x\u{200D}y"]
        var state: UInt64 = 3
        for _ in 0..<3000 {
            var line = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for step in 0..<Int(state >> 58) { line += pieces[(Int(state >> 20) &+ step * 7) % pieces.count] }
            for limit in [0, 1, 3, 8, 20, 60] {
                #expect(
                    TransferState.clipped(line, to: limit) == String(line.prefix(limit)), "\(line.debugDescription)")
            }
        }
    }
}
