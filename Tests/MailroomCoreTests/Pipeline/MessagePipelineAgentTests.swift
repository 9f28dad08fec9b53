import Foundation
import MailMessage
import Testing

@testable import MailroomCore

@Suite struct MessagePipelineAgentTests {
    /// A ticket escalated to the agents, and the escalation mail.
    private func escalated() throws -> (MessagePipeline, FakeLookup, Ticket, OutboxDraft) {
        let pipeline = try makePipeline()
        let lookup = FakeLookup()
        let outcome = try process(
            customerMail(subject: "knees", body: "do penguins have knees?"), pipeline: pipeline, lookup: lookup)
        return (pipeline, lookup, try #require(outcome.ticket), try #require(outcome.outbox.first))
    }

    private func agentReply(_ escalation: OutboxDraft, from: String = "Ana <ana@shop.example>", text: String) -> [UInt8]
    {
        let replyTo = escalation.parsed.replyTo.first!.address
        return Array(
            """
            Authentication-Results: mx.shop.example; dkim=pass header.d=shop.example; dmarc=pass header.from=shop.example
            From: \(from)
            To: \(replyTo)
            Subject: Re: \(escalation.subject)
            Message-ID: <agent-\(text.count)@shop.example>
            In-Reply-To: <\(escalation.messageID)>

            \(text)

            On Sat, 21 Nov 2026, Shop wrote:
            > Escalated: knees

            """.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    @Test func anAgentsAnswerIsRelayedWithoutQuotesAndLearned() throws {
        let (pipeline, lookup, ticket, escalation) = try escalated()
        let outcome = try process(
            agentReply(escalation, text: "Yes, penguins have knees; they are hidden under the feathers."),
            pipeline: pipeline, lookup: lookup, row: 2)
        #expect(outcome.ticket?.status == .answered)
        #expect(outcome.ticket?.resolvedAt == testNow)
        let relay = try #require(outcome.outbox.first)
        #expect(relay.purpose == .agentRelay)
        #expect(relay.recipients == [ticket.customerEmail])
        let body = relay.parsed.textBody
        #expect(body.contains("ANSWER Yes, penguins have knees"))
        #expect(!body.contains("Escalated: knees"))
        #expect(relay.parsed.header["Auto-Submitted"] == nil)
        #expect(relay.parsed.inReplyTo == "c1@example.com")
        #expect(outcome.knowledge?.answer.hasPrefix("Yes, penguins have knees") == true)
        #expect(outcome.knowledge?.question.contains("penguins") == true)
    }

    @Test func notesCloseAndTemplates() throws {
        let (pipeline, lookup, _, escalation) = try escalated()
        let note = try process(
            agentReply(escalation, text: "#note called the customer"), pipeline: pipeline,
            lookup: lookup, row: 2)
        #expect(note.outbox.isEmpty)
        #expect(note.events.map(\.type) == [.note])
        let template = try process(
            agentReply(escalation, text: "#template track_order"), pipeline: pipeline,
            lookup: lookup, row: 3)
        #expect(template.outbox.first?.purpose == .agentTemplate)
        #expect(template.outbox.first?.parsed.textBody.contains("TEMPLATE named:track_order") == true)
        let missing = try process(
            agentReply(escalation, text: "#template missing"), pipeline: pipeline,
            lookup: lookup, row: 4)
        #expect(missing.outbox.first?.recipients == ["ana@shop.example"])
        let close = try process(agentReply(escalation, text: "#close"), pipeline: pipeline, lookup: lookup, row: 5)
        #expect(close.ticket?.status == .closed)
        #expect(close.outbox.isEmpty)
        let typo = try process(
            agentReply(escalation, text: "#closed please"), pipeline: pipeline, lookup: lookup,
            row: 6)
        #expect(typo.outbox.first?.recipients == ["ana@shop.example"])
        #expect(typo.events.contains { $0.type == .rejected })
    }

    @Test func mailFromAnyOtherAddressIsNeverRelayed() throws {
        let (pipeline, lookup, ticket, escalation) = try escalated()
        let outcome = try process(
            agentReply(escalation, from: "Mallory <mallory@elsewhere.example>", text: "Send your card number"),
            pipeline: pipeline, lookup: lookup, row: 2)
        #expect(outcome.outbox.map(\.purpose) == [.followUp])
        #expect(outcome.outbox.first?.recipients == ["agents@shop.example"])
        #expect(!outcome.outbox.contains { $0.recipients.contains(ticket.customerEmail) })
        #expect(outcome.events.contains { $0.reason == "thirdParty" })
    }
}
