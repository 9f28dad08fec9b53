import Foundation
import MailMessage
import Testing

@testable import MailroomCore

/// Finding 1 of the trust issue: nobody answers customers as an agent without proof. Each mail comes from an
/// address in `agents.allowed` about an escalated ticket; only an aligned pass in the one Authentication-Results
/// field of the trusted receiving server, through the agents' reply address, is relayed.
@Suite struct AgentTrustTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var from = "Ana <ana@shop.example>"
        var headers: [String]
        /// Where the mail goes: the escalation's Reply-To (the agents' reply address), the acknowledgement's
        /// Reply-To (the customer's plus-address), or the plain support address with In-Reply-To set to the
        /// acknowledgement.
        var route = Route.agentAddress
        var relayed: Bool
        var testDescription: String { name }
    }

    enum Route: Sendable {
        case agentAddress, customerAddress, acknowledgementReply
    }

    static let pass = "Authentication-Results: mx.shop.example; dmarc=pass header.from=shop.example"

    static let cases: [Case] = [
        Case(name: "aligned DMARC pass through the agents' address", headers: [pass], relayed: true),
        Case(
            name: "upper-case agent address", from: "ANA <ANA@SHOP.EXAMPLE>", headers: [pass], relayed: true),
        Case(
            name: "aligned DKIM pass",
            headers: ["Authentication-Results: mx.shop.example; dkim=pass header.d=shop.example"],
            relayed: true),
        Case(name: "no Authentication-Results", headers: [], relayed: false),
        Case(name: "no Authentication-Results, upper case", from: "ANA@SHOP.EXAMPLE", headers: [], relayed: false),
        Case(
            name: "another authserv-id",
            headers: ["Authentication-Results: mx.evil.example; dmarc=pass header.from=shop.example"], relayed: false),
        Case(
            name: "look-alike authserv-id",
            headers: ["Authentication-Results: mx.shop.example.evil.example; dmarc=pass"], relayed: false),
        Case(name: "dmarc=none", headers: ["Authentication-Results: mx.shop.example; dmarc=none"], relayed: false),
        Case(
            name: "dmarc=temperror", headers: ["Authentication-Results: mx.shop.example; dmarc=temperror"],
            relayed: false),
        Case(
            name: "spf=softfail only", headers: ["Authentication-Results: mx.shop.example; spf=softfail"],
            relayed: false),
        Case(name: "spf=pass only", headers: ["Authentication-Results: mx.shop.example; spf=pass"], relayed: false),
        Case(
            name: "only ARC-Authentication-Results",
            headers: ["ARC-Authentication-Results: i=1; mx.shop.example; dmarc=pass header.from=shop.example"],
            relayed: false),
        Case(
            name: "a pass placed above a fail",
            headers: [pass, "Authentication-Results: mx.shop.example; dmarc=fail header.from=shop.example"],
            relayed: false),
        Case(
            name: "DKIM pass of another domain",
            headers: ["Authentication-Results: mx.shop.example; dkim=pass header.d=evil.example"], relayed: false),
        Case(
            name: "DMARC pass for another From domain",
            headers: ["Authentication-Results: mx.shop.example; dmarc=pass header.from=evil.example"], relayed: false),
        Case(
            name: "to the customer's ticket address", headers: [pass], route: .customerAddress, relayed: false),
        Case(
            name: "In-Reply-To the acknowledgement", headers: [pass], route: .acknowledgementReply, relayed: false),
        Case(
            name: "In-Reply-To the acknowledgement, upper case", from: "ANA@SHOP.EXAMPLE", headers: [pass],
            route: .acknowledgementReply, relayed: false),
    ]

    @Test(arguments: cases)
    func agentIdentityFailsClosed(_ testCase: Case) throws {
        let (pipeline, lookup, ticket, escalation, acknowledgement) = try escalated()
        let mail = reply(testCase, escalation: escalation, acknowledgement: acknowledgement)
        let outcome = try process(mail, pipeline: pipeline, lookup: lookup, row: 2)
        let toCustomer = outcome.outbox.filter { $0.recipients.contains(ticket.customerEmail) }
        if testCase.relayed {
            #expect(toCustomer.map(\.purpose) == [.agentRelay])
            #expect(outcome.knowledge?.state == .pending)
        } else {
            #expect(toCustomer.isEmpty)
            #expect(outcome.knowledge == nil)
            #expect(outcome.ticket?.status == .escalated)
            let note = outcome.events.first { $0.type == .note }
            #expect(note?.reason == "unauthenticatedAgent")
            #expect(note?.detail.contains("Here is the refund") == true)
            #expect(outcome.outbox.map(\.recipients) == [["agents@shop.example"]])
        }
    }

    @Test func withoutAReceivingServerAgentsAreAcceptedOnlyWhenConfiguredSo() throws {
        let pipeline = try makePipeline(agentAuthentication: .none)
        let lookup = FakeLookup()
        let first = try process(
            customerMail(subject: "knees", body: "do penguins have knees?"), pipeline: pipeline, lookup: lookup)
        let escalation = try #require(first.outbox.first { $0.purpose == .escalation })
        let outcome = try process(
            reply(Case(name: "", headers: [], relayed: true), escalation: escalation, acknowledgement: escalation),
            pipeline: pipeline, lookup: lookup, row: 2)
        #expect(outcome.outbox.map(\.purpose) == [.agentRelay])
    }

    @Test func theAgentsReplyAddressIsNeverShownToTheCustomer() throws {
        let (_, _, ticket, escalation, acknowledgement) = try escalated()
        let agentAddress = try #require(escalation.parsed.replyTo.first?.address)
        #expect(agentAddress.contains(".A."))
        #expect(!String(decoding: acknowledgement.raw, as: UTF8.self).contains(agentAddress))
        #expect(acknowledgement.parsed.replyTo.first?.address != agentAddress)
        #expect(acknowledgement.recipients == [ticket.customerEmail])
    }

    private func escalated() throws -> (MessagePipeline, FakeLookup, Ticket, OutboxDraft, OutboxDraft) {
        let pipeline = try makePipeline()
        let lookup = FakeLookup()
        let outcome = try process(
            customerMail(subject: "knees", body: "do penguins have knees?"), pipeline: pipeline, lookup: lookup)
        let escalation = try #require(outcome.outbox.first { $0.purpose == .escalation })
        let acknowledgement = try #require(outcome.outbox.first { $0.purpose == .acknowledgement })
        return (pipeline, lookup, try #require(outcome.ticket), escalation, acknowledgement)
    }

    private func reply(_ testCase: Case, escalation: OutboxDraft, acknowledgement: OutboxDraft) -> [UInt8] {
        let to: String
        var inReplyTo = escalation.messageID
        switch testCase.route {
        case .agentAddress: to = escalation.parsed.replyTo.first!.address
        case .customerAddress: to = acknowledgement.parsed.replyTo.first!.address
        case .acknowledgementReply:
            to = "support@shop.example"
            inReplyTo = acknowledgement.messageID
        }
        let head = (testCase.headers + ["From: \(testCase.from)", "To: \(to)", "Subject: Re: knees"]).joined(
            separator: "\n")
        return Array(
            """
            \(head)
            Message-ID: <agent-\(testCase.name.count)@shop.example>
            In-Reply-To: <\(inReplyTo)>

            Here is the refund you asked for: send your card number to pay@evil.example.

            """.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }
}
