import MailMessage
import Testing

@testable import MailroomCore

@Suite struct MessageIDSchemeTests {
    private let scheme = Fixture.messageIDs

    @Test func formatIsPrefixIDRandomMACAtDomain() throws {
        let id = try scheme.messageID(publicID: "mr-7k4qx2", random: "8F3KQ1ZP")
        #expect(id == "<mr.MR-7K4QX2.8F3KQ1ZP.N9RE08Z544@support.example>")
    }

    @Test(
        arguments: [
            ("<mr.MR-7K4QX2.8F3KQ1ZP.N9RE08Z544@support.example>", "MR-7K4QX2"),
            ("mr.MR-7K4QX2.8F3KQ1ZP.N9RE08Z544@support.example", "MR-7K4QX2"),
            ("<MR.mr-7k4qx2.8f3kq1zp.n9re08z544@SUPPORT.EXAMPLE>", "MR-7K4QX2"),
            ("<mr.MR-7K4QX2.8F3KQ1ZP.N9RE08Z544@old-domain.example>", "MR-7K4QX2"),
            ("< mr.MR-7K4QX2.8F3KQ1ZP.N9RE08Z544@support.example >", "MR-7K4QX2"),
        ] as [(String, String?)])
    func recognisesOurIDs(id: String, expected: String?) {
        #expect(scheme.publicID(inMessageID: id) == expected)
        #expect(scheme.isSigned(id))
    }

    @Test(arguments: [
        "<mr.MR-7K4QX2.8F3KQ1ZP.N9RE08Z54@support.example>",  // truncated MAC
        "<mr.MR-7K4QX2.8F3KQ1ZP.N9RE08Z5444@support.example>",  // MAC too long
        "<mr.MR-7K4QX3.8F3KQ1ZP.N9RE08Z544@support.example>",  // other ticket, same MAC
        "<mr.MR-7K4QX2.8F3KQ1ZQ.N9RE08Z544@support.example>",  // other random part, same MAC
        "<mr.MR-7K4QX2.8F3KQ1ZP@support.example>",  // MAC missing
        "<mr.MR-7K4QX2.8F3KQ1ZP.N9RE08Z544.X@support.example>",  // extra part
        "<xx.MR-7K4QX2.8F3KQ1ZP.N9RE08Z544@support.example>",  // other prefix
        "<mr.MR-7K4QX2.8F3KQ1ZP.N9RE08Z544>",  // no domain
        "<CAF=abc123@mail.gmail.com>",  // foreign
        "<mr.MR-7K4QX2.H4T467WEY3@support.example>",  // a ticket token replayed as a Message-ID
        "",
    ])
    func rejectsForgedAndForeignIDs(id: String) {
        #expect(scheme.publicID(inMessageID: id) == nil)
    }

    @Test func otherSecretDoesNotVerify() throws {
        let foreign = try MessageIDScheme(signer: Fixture.otherSigner, domain: "support.example")
        let id = try foreign.messageID(publicID: "MR-7K4QX2", random: "ABC")
        #expect(scheme.publicID(inMessageID: id) == nil)
    }

    @Test(arguments: ["", "a.b", "a b", "a@b", "ä", String(repeating: "a", count: 65)])
    func invalidRandomPartsAreRejected(random: String) {
        #expect(throws: InvalidInputError.random) { try scheme.messageID(publicID: "MR-1", random: random) }
    }

    @Test(arguments: ["", "a..b", ".a.b", "a.b.", "a b.example", "a@b.example", "[127.0.0.1]"])
    func invalidDomainsAreRejected(domain: String) {
        #expect(throws: InvalidInputError.domain) { try MessageIDScheme(signer: Fixture.signer, domain: domain) }
    }

    @Test func newestReferenceWins() throws {
        let old = try scheme.messageID(publicID: "MR-OLD1", random: "1")
        let new = try scheme.messageID(publicID: "MR-NEW2", random: "2")
        let forged = "<mr.MR-EVIL3.3.0000000000@support.example>"
        let message = try Fixture.message(
            """
            From: anna@customer.example
            In-Reply-To: \(forged)
            References: <first@customer.example> \(old) <x@y.example> \(new) \(forged)

            Hello
            """)
        #expect(MessageIDScheme.replyIDs(of: message).first == String(forged.dropFirst().dropLast()))
        #expect(scheme.ticket(replyingTo: message) == "MR-NEW2")
        #expect(scheme.publicIDs(in: MessageIDScheme.replyIDs(of: message)) == ["MR-NEW2", "MR-OLD1"])
    }

    @Test func inReplyToComesBeforeReferences() throws {
        let first = try scheme.messageID(publicID: "MR-AAA1", random: "1")
        let second = try scheme.messageID(publicID: "MR-BBB2", random: "2")
        let message = try Fixture.message(
            "From: a@b.example\nIn-Reply-To: \(first)\nReferences: \(first) \(second)\n\nHi")
        #expect(scheme.ticket(replyingTo: message) == "MR-AAA1")
        #expect(MessageIDScheme.replyIDs(of: message).count == 2)
    }
}
