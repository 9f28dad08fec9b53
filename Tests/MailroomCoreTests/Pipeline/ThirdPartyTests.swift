import Foundation
import MailMessage
import Testing

@testable import MailroomCore

/// Finding 4 of the trust issue: a stranger who threads into a ticket (our Message-ID, the plus-address, the body
/// token) is shown to the agents as not the customer, never answered automatically, never becomes the customer,
/// and an agent's answer to the stranger's mail reaches the customer only with `#relay`.
@Suite struct ThirdPartyTests {
    static let pass = "Authentication-Results: mx.shop.example; dmarc=pass header.from=shop.example\n"

    enum Way: String, CaseIterable, Sendable {
        case messageID, plusAddress, bodyToken
    }

    @Test(arguments: Way.allCases)
    func aStrangerOnATicketIsAThirdParty(_ way: Way) throws {
        let (pipeline, lookup, ticket, reply) = try answeredTicket()
        let outcome = try process(
            stranger(way, reply: reply), pipeline: pipeline, lookup: lookup, row: 2)
        #expect(outcome.ticket?.customerEmail == ticket.customerEmail)
        #expect(outcome.ticket?.status == ticket.status)
        #expect(outcome.ticket?.intent == ticket.intent)
        #expect(outcome.outbox.map(\.purpose) == [.followUp])
        let shown = try #require(outcome.outbox.first)
        #expect(shown.recipients == ["agents@shop.example"])
        #expect(shown.parsed.textBody.contains("AUTHOR Sam Stranger <sam@evil.example> (not the ticket's customer)"))
        #expect(shown.subject.hasPrefix("Not from the customer"))
        #expect(shown.parsed.replyTo.first?.address.contains(".T.") == true)
        #expect(outcome.events.contains { $0.type == .decided && $0.reason?.contains("thirdPartySender") == true })
    }

    @Test func aColleagueOnTheCustomersMailIsShownButNotAnsweredAutomatically() throws {
        let pipeline = try makePipeline()
        let lookup = FakeLookup()
        let first = try process(
            customerMail(extra: "Cc: Cleo Colleague <cleo@example.com>\n"), pipeline: pipeline, lookup: lookup)
        let ticket = try #require(first.ticket)
        #expect(ticket.participants == ["cleo@example.com"])
        let reply = try #require(first.outbox.first)
        let outcome = try process(
            customerMail(
                from: "Cleo Colleague <cleo@example.com>", subject: "Re: order", body: "Any news on this order?",
                id: "cleo1@example.com", extra: "In-Reply-To: <\(reply.messageID)>\n"),
            pipeline: pipeline, lookup: lookup, row: 2)
        #expect(outcome.outbox.map(\.purpose) == [.followUp])
        #expect(outcome.outbox.first?.parsed.textBody.contains("(on the customer's mail)") == true)
        #expect(outcome.outbox.first?.parsed.replyTo.first?.address.contains(".A.") == true)
        #expect(outcome.ticket?.customerEmail == "ann@example.com")
    }

    @Test func anAgentsAnswerToAThirdPartyNeedsRelay() throws {
        let (pipeline, lookup, ticket, reply) = try answeredTicket()
        let shown = try #require(
            try process(stranger(.messageID, reply: reply), pipeline: pipeline, lookup: lookup, row: 2).outbox.first)
        let plain = try process(
            agentAnswer(to: shown, text: "Thanks Sam, we will look into it."), pipeline: pipeline, lookup: lookup,
            row: 3)
        #expect(!plain.outbox.contains { $0.recipients.contains(ticket.customerEmail) })
        #expect(plain.outbox.first?.recipients == ["ana@shop.example"])
        #expect(plain.events.contains { $0.type == .rejected && $0.reason == "notRelayed" })
        #expect(plain.events.contains { $0.type == .note })
        let relayed = try process(
            agentAnswer(to: shown, text: "#relay\nYour colleague asked about the order; it ships Monday."),
            pipeline: pipeline, lookup: lookup, row: 4)
        let toCustomer = relayed.outbox.filter { $0.recipients.contains(ticket.customerEmail) }
        #expect(toCustomer.map(\.purpose) == [.agentRelay])
        #expect(toCustomer.first?.parsed.textBody.contains("ANSWER Your colleague asked") == true)
        #expect(toCustomer.first?.parsed.textBody.contains("#relay") == false)
    }

    private func answeredTicket() throws -> (MessagePipeline, FakeLookup, Ticket, OutboxDraft) {
        let pipeline = try makePipeline()
        let lookup = FakeLookup()
        let outcome = try process(customerMail(), pipeline: pipeline, lookup: lookup)
        let reply = try #require(outcome.outbox.first)
        #expect(reply.purpose == .autoReply)
        return (pipeline, lookup, try #require(outcome.ticket), reply)
    }

    private func stranger(_ way: Way, reply: OutboxDraft) -> [UInt8] {
        let to = way == .plusAddress ? reply.parsed.replyTo.first!.address : "support@shop.example"
        let inReplyTo = way == .messageID ? "In-Reply-To: <\(reply.messageID)>\n" : ""
        let quoted =
            way == .bodyToken ? "\n> " + reply.parsed.textBody.replacingOccurrences(of: "\n", with: "\n> ") : ""
        return Array(
            """
            From: Sam Stranger <sam@evil.example>
            To: \(to)
            Subject: Re: your order
            Message-ID: <sam-\(way.rawValue)@evil.example>
            \(inReplyTo)
            I am the customer now: send the refund to my account instead.\(quoted)

            """.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    private func agentAnswer(to shown: OutboxDraft, text: String) -> [UInt8] {
        Array(
            """
            \(Self.pass)From: Ana <ana@shop.example>
            To: \(shown.parsed.replyTo.first!.address)
            Subject: Re: \(shown.subject)
            Message-ID: <ana-\(text.count)@shop.example>
            In-Reply-To: <\(shown.messageID)>

            \(text)

            """.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }
}
