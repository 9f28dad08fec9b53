import MailMessage
import Testing

@testable import MailroomCore

@Suite struct LoopHeadersTests {
    private let headers = try! LoopHeaders(instanceID: "larkwood-prod-1")

    @Test func replyFields() {
        let fields = headers.fields(for: .reply).map { "\($0.name): \($0.value)" }
        #expect(
            fields == [
                "Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All", "X-Mailroom-Loop: larkwood-prod-1",
            ])
        #expect(!fields.contains { $0.lowercased().hasPrefix("precedence") })
    }

    @Test func notificationFields() {
        #expect(headers.fields(for: .notification).first?.value == "auto-generated")
    }

    @Test(arguments: ["", "a b", "a\r\nBcc: x@y.example", "a;b", "ä", String(repeating: "a", count: 65)])
    func invalidInstanceIDsAreRejected(id: String) {
        #expect(throws: InvalidInputError.instanceID) { try LoopHeaders(instanceID: id) }
    }

    @Test(arguments: [
        ("X-Mailroom-Loop: larkwood-prod-1", true),
        ("x-mailroom-loop:  LARKWOOD-PROD-1 ", true),
        ("X-Mailroom-Loop: other-install\nX-Mailroom-Loop: larkwood-prod-1", true),
        ("X-Mailroom-Loop: other-install", false),
        ("X-Mailroom-Loop: larkwood-prod-10", false),
        ("X-Loop: larkwood-prod-1", false),
    ])
    func detectsOurLoopField(field: String, expected: Bool) throws {
        let message = try Fixture.message("From: a@b.example\n\(field)\nSubject: x\n\nHi")
        #expect(headers.carriesLoopField(message) == expected)
        #expect(headers.isOwnMail(message, messageIDs: Fixture.messageIDs) == expected)
    }

    @Test func ownMessageIDIsOwnMail() throws {
        let id = try Fixture.messageIDs.messageID(publicID: "MR-7K4QX2", random: "ABC123")
        let ours = try Fixture.message("From: support@support.example\nMessage-ID: \(id)\n\nHi")
        #expect(headers.isOwnMail(ours, messageIDs: Fixture.messageIDs))
        let forged = try Fixture.message(
            "From: x@evil.example\nMessage-ID: \(id.replacingOccurrences(of: "ABC123", with: "ABC124"))\n\nHi")
        #expect(!headers.isOwnMail(forged, messageIDs: Fixture.messageIDs))
        let replying = try Fixture.message("From: anna@c.example\nMessage-ID: <x@c.example>\nIn-Reply-To: \(id)\n\nHi")
        #expect(!headers.isOwnMail(replying, messageIDs: Fixture.messageIDs))
    }

    /// Our automatic mail, parsed back, is recognised as an automatic reply by the kind detector too.
    @Test func ourFieldsMarkMailAsAutomatic() throws {
        let lines = headers.fields(for: .reply).map { "\($0.name): \($0.value)" }.joined(separator: "\n")
        let message = try Fixture.message("From: support@support.example\n\(lines)\n\nHello")
        #expect(message.kind == .autoReply)
        let check = LoopCheck(
            message: message, isOwnMail: headers.isOwnMail(message, messageIDs: Fixture.messageIDs), dmarc: .pass)
        #expect(LoopPolicy().evaluate(check, now: LoopPolicyTests.now).suppression?.code == .ownMail)
    }
}
