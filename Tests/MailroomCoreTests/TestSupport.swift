import MailMessage

@testable import MailroomCore

/// Shared values for the MailroomCore tests.
enum Fixture {
    static let secret = "correct horse battery staple 42"
    static let otherSecret = "an entirely different secret!!"
    static let signer = try! TokenSigner(secret: secret)
    static let otherSigner = try! TokenSigner(secret: otherSecret)
    static let messageIDs = try! MessageIDScheme(signer: signer, domain: "support.example")
    static let plusAddress = try! PlusAddress(supportAddress: "support@support.example", signer: signer)
    static let bodyToken = BodyToken(signer: signer)
    static let resolver = ThreadResolver(messageIDs: messageIDs, plusAddress: plusAddress, bodyToken: bodyToken)

    /// A message parsed from `raw` (`\n` line ends; header and body separated by a blank line).
    static func message(_ raw: String) throws -> Message {
        try MessageParser.parse(Array(raw.utf8))
    }
}
