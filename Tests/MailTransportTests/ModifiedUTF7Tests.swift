import Testing

@testable import MailTransport

@Suite struct ModifiedUTF7Tests {
    @Test(arguments: [
        // RFC 3501 section 5.1.3 example, and its parts.
        ("~peter/mail/\u{53F0}\u{5317}/\u{65E5}\u{672C}\u{8A9E}", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
        ("\u{65E5}\u{672C}\u{8A9E}", "&ZeVnLIqe-"),
        ("INBOX", "INBOX"),
        ("Tom & Jerry", "Tom &- Jerry"),
        ("Caf\u{E9}", "Caf&AOk-"),
        ("Entw\u{FC}rfe", "Entw&APw-rfe"),
        ("\u{1F4E7} mail", "&2D3c5w- mail"),
    ])
    func roundTrips(plain: String, encoded: String) {
        #expect(ModifiedUTF7.encode(plain) == encoded)
        #expect(ModifiedUTF7.decode(encoded) == plain)
    }

    /// No closing '-', no closing '-' after valid base64, raw 8-bit, a lone UTF-16 surrogate.
    @Test(arguments: ["&Jjo!", "&U,BTFw", "caf\u{E9}", "&2D0-"])
    func rejectsInvalidInput(encoded: String) {
        #expect(ModifiedUTF7.decode(encoded) == nil)
    }
}
