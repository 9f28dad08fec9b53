import Testing

@testable import MailTransport

@Suite struct ServerURLTests {
    @Test(arguments: ["imap://mail.example.com", "imaps://127.0.0.1:993/", "IMAP://host:143"])
    func acceptsServerURLs(url: String) throws {
        let validated = try IMAPConfiguration(url: url, credentials: .none).serverURL()
        #expect(!validated.hasSuffix("/"))
    }

    @Test(arguments: [
        "smtp://mail.example.com", "imap://", "imap://host/INBOX", "imap://user:pw@host", "host:143", "imap://h?x",
    ])
    func rejectsOtherURLs(url: String) {
        #expect(throws: TransportError.invalidConfiguration) {
            try IMAPConfiguration(url: url, credentials: .none).serverURL()
        }
    }

    @Test func mailboxURLsAreModifiedUTF7ThenPercentEncoded() {
        #expect(ServerURL.mailbox("imap://h", "INBOX") == "imap://h/INBOX")
        #expect(ServerURL.mailbox("imap://h", "Caf\u{E9} & Co") == "imap://h/Caf%26AOk-%20%26-%20Co")
        #expect(ServerURL.mailbox("imap://h", "Archive/2024;x?") == "imap://h/Archive%2F2024%3Bx%3F")
    }

    @Test func quotedStringsEscapeQuotesAndBackslashes() {
        #expect(ServerURL.quoted("a \"b\" \\c") == "\"a \\\"b\\\" \\\\c\"")
    }

    @Test func smtpURLs() throws {
        #expect(try SMTPConfiguration(url: "smtps://mx:465", credentials: .none).serverURL() == "smtps://mx:465")
        #expect(throws: TransportError.invalidConfiguration) {
            try SMTPConfiguration(url: "imap://mx", credentials: .none).serverURL()
        }
    }
}
