import MailMessage
import Testing

@testable import MailroomCore

@Suite struct ThreadResolverTests {
    /// Tickets that exist: public id -> customer.
    private static let tickets = [
        "MR-AAA111": "anna@customer.example",
        "MR-BBB222": "bert@customer.example",
        "MR-CCC333": "carla@customer.example",
        "MR-DDD444": "anna@customer.example",
    ]

    private static func lookup(_ id: String) -> KnownTicket? {
        tickets[id].map { KnownTicket(publicID: id, customerAddress: $0) }
    }

    /// One incoming message, built from the threading evidence it carries.
    struct Scenario: CustomTestStringConvertible, Sendable {
        var name: String
        var from = "Anna <anna@customer.example>"
        var replyTo: String? = nil  // public id of a signed In-Reply-To
        var forgedReplyTo = false
        var plus: String? = nil  // public id in a plus-address in Cc
        var body: String? = nil  // public id of a quoted body marker
        var subject: String? = nil  // public id in the subject token
        var dmarcFailed = false
        var expected: ThreadMatch?

        var testDescription: String { name }

        func message() throws -> Message {
            var lines = ["From: \(from)", "To: support@support.example"]
            if let replyTo {
                var id = try Fixture.messageIDs.messageID(publicID: replyTo, random: "R4ND0M")
                if forgedReplyTo { id = id.replacingOccurrences(of: replyTo + ".R4ND0M.", with: replyTo + ".R4ND0M.0") }
                lines.append("In-Reply-To: \(id)")
            }
            if let plus { lines.append("Cc: \(try Fixture.plusAddress.address(for: plus))") }
            lines.append("Subject: Re: my order" + (subject.map { " [#\($0)]" } ?? ""))
            var text = "Any news?\n\nOn Monday, Support wrote:\n> We are on it."
            if let body { text += "\n>\n> \(try Fixture.bodyToken.marker(for: body))" }
            return try Fixture.message(lines.joined(separator: "\n") + "\n\n" + text)
        }
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "nothing", expected: nil),
        Scenario(
            name: "signed Message-ID", replyTo: "MR-AAA111", expected: .init(publicID: "MR-AAA111", method: .messageID)),
        Scenario(name: "forged Message-ID", replyTo: "MR-AAA111", forgedReplyTo: true, expected: nil),
        Scenario(name: "plus-address", plus: "MR-BBB222", expected: .init(publicID: "MR-BBB222", method: .plusAddress)),
        Scenario(name: "body marker", body: "MR-CCC333", expected: .init(publicID: "MR-CCC333", method: .bodyToken)),
        Scenario(
            name: "subject from the customer", subject: "MR-AAA111",
            expected: .init(publicID: "MR-AAA111", method: .subjectToken)),
        Scenario(
            name: "subject from the customer, other case", from: "ANNA@Customer.Example", subject: "mr-aaa111",
            expected: .init(publicID: "MR-AAA111", method: .subjectToken)),
        Scenario(name: "subject from someone else", from: "mallory@evil.example", subject: "MR-AAA111", expected: nil),
        Scenario(name: "subject on a DMARC failure", subject: "MR-AAA111", dmarcFailed: true, expected: nil),
        Scenario(name: "subject for an unknown ticket", subject: "MR-ZZZ999", expected: nil),
        Scenario(
            name: "signed tokens still thread on a DMARC failure", plus: "MR-BBB222", dmarcFailed: true,
            expected: .init(publicID: "MR-BBB222", method: .plusAddress)),
        Scenario(
            name: "order: Message-ID first", replyTo: "MR-AAA111", plus: "MR-BBB222", body: "MR-CCC333",
            subject: "MR-DDD444", expected: .init(publicID: "MR-AAA111", method: .messageID)),
        Scenario(
            name: "order: plus-address before body", plus: "MR-BBB222", body: "MR-CCC333", subject: "MR-DDD444",
            expected: .init(publicID: "MR-BBB222", method: .plusAddress)),
        Scenario(
            name: "order: body before subject", body: "MR-CCC333", subject: "MR-DDD444",
            expected: .init(publicID: "MR-CCC333", method: .bodyToken)),
        Scenario(
            name: "signed id of a deleted ticket falls through", replyTo: "MR-GONE00", plus: "MR-BBB222",
            expected: .init(publicID: "MR-BBB222", method: .plusAddress)),
        Scenario(
            name: "forged Message-ID does not block the subject", replyTo: "MR-BBB222", forgedReplyTo: true,
            subject: "MR-DDD444", expected: .init(publicID: "MR-DDD444", method: .subjectToken)),
    ]

    @Test(arguments: scenarios)
    func resolves(scenario: Scenario) throws {
        let message = try scenario.message()
        let match = Fixture.resolver.resolve(
            message, envelopeRecipient: nil, dmarcFailed: scenario.dmarcFailed, lookup: Self.lookup)
        #expect(match == scenario.expected)
    }

    @Test(arguments: scenarios)
    func asyncLookupAgrees(scenario: Scenario) async throws {
        let message = try scenario.message()
        let match = await Fixture.resolver.resolve(
            message, envelopeRecipient: nil, dmarcFailed: scenario.dmarcFailed,
            lookup: { id async in Self.lookup(id) })
        #expect(match == scenario.expected)
    }

    @Test func lookupIsCalledOncePerID() throws {
        let message = try Scenario(name: "", replyTo: "MR-GONE00", plus: "MR-GONE00", body: "MR-GONE00").message()
        var calls: [String] = []
        let match = Fixture.resolver.resolve(message, envelopeRecipient: nil, dmarcFailed: false) { id in
            calls.append(id)
            return nil
        }
        #expect(match == nil)
        #expect(calls == ["MR-GONE00"])
        #expect(
            Fixture.resolver.candidates(in: message, envelopeRecipient: nil, dmarcFailed: false).map(\.method)
                == [.messageID, .plusAddress, .bodyToken])
    }

    /// What the pipeline has already read of the message (its text body, its agents' reply addresses) is used
    /// as given, not read again: a body marker is found in the text passed, whatever the message's own body.
    @Test func whatWasReadAlreadyIsUsedAsGiven() throws {
        let message = try Scenario(name: "", body: "MR-CCC333").message()
        let read = ThreadResolver.Read(textBody: "", agentTargets: [])
        #expect(
            Fixture.resolver.candidates(in: message, envelopeRecipient: nil, dmarcFailed: false, read: read).isEmpty)
        let other = ThreadResolver.Read(
            textBody: "> \(try Fixture.bodyToken.marker(for: "MR-BBB222"))", agentTargets: [])
        let match = Fixture.resolver.resolve(
            message, envelopeRecipient: nil, dmarcFailed: false, read: other, lookup: Self.lookup)
        #expect(match == ThreadMatch(publicID: "MR-BBB222", method: .bodyToken))
        #expect(
            ThreadResolver.Read(message, envelopeRecipient: nil, plusAddress: Fixture.plusAddress).textBody
                == message.textBody(maximumBytes: TextLimits.maximumBodyBytes))
    }

    @Test func lookupErrorsPropagate() throws {
        struct StoreDown: Error {}
        let message = try Scenario(name: "", plus: "MR-BBB222").message()
        #expect(throws: StoreDown.self) {
            try Fixture.resolver.resolve(message, envelopeRecipient: nil, dmarcFailed: false) { _ in throw StoreDown() }
        }
    }

    @Test func envelopeRecipientThreads() throws {
        let message = try Scenario(name: "").message()
        let envelope = try Fixture.plusAddress.address(for: "MR-CCC333")
        let match = Fixture.resolver.resolve(
            message, envelopeRecipient: envelope, dmarcFailed: false, lookup: Self.lookup)
        #expect(match == ThreadMatch(publicID: "MR-CCC333", method: .plusAddress))
    }

    @Test func hiddenSpanInAnHTMLOnlyReply() throws {
        let marker = try Fixture.bodyToken.marker(for: "MR-CCC333")
        let message = try Fixture.message(
            """
            From: carla@customer.example
            To: support@support.example
            Subject: Re: hello
            MIME-Version: 1.0
            Content-Type: text/html; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            <html><body><p>Still broken.</p><blockquote><p>We are on it.</p><span style=3D"display:none">[ref:M=
            R-CCC333.\(marker.dropFirst("[ref:MR-CCC333.".count))</span></blockquote></body></html>
            """)
        let match = Fixture.resolver.resolve(message, envelopeRecipient: nil, dmarcFailed: false, lookup: Self.lookup)
        #expect(match == ThreadMatch(publicID: "MR-CCC333", method: .bodyToken))
    }

    @Test func lookupsAreBoundedPerMethod() throws {
        let ids = (0..<40).map { "[#MR-\($0)]" }.joined(separator: " ")
        let message = try Fixture.message("From: anna@customer.example\nSubject: \(ids)\n\nHi")
        var calls = 0
        let match = Fixture.resolver.resolve(message, envelopeRecipient: nil, dmarcFailed: false) { _ in
            calls += 1
            return nil
        }
        #expect(match == nil)
        #expect(calls == ThreadResolver.maximumCandidatesPerMethod)
    }
}
