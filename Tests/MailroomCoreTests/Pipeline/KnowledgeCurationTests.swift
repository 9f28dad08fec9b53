import Foundation
import MailMessage
import Testing
import Triage

@testable import MailroomCore

/// Finding 2 of the trust issue: an agent's answer to one customer is never sent to another word for word. It is
/// learned as pending; `#kb` approves it only when the personal-data screen finds nothing; a reused answer is
/// rendered in the intent's template for the new customer and names its knowledge entry.
@Suite struct KnowledgeCurationTests {
    static let pass = "Authentication-Results: mx.shop.example; dmarc=pass header.from=shop.example\n"

    @Test func anAgentsAnswerIsLearnedPending() throws {
        let outcome = try answer("Your parcel 55821934 reached Anna at 12 Baker Street; call +44 20 7946 0958.")
        #expect(outcome.knowledge?.state == .pending)
        #expect(outcome.events.contains { $0.type == .learned && $0.reason == "pending" })
    }

    @Test func kbApprovesAnAnswerWithoutPersonalData() throws {
        let outcome = try answer("#kb\nPenguins have knees; they are hidden under the feathers.")
        #expect(outcome.knowledge?.state == .approved)
        #expect(outcome.knowledge?.answer == "Penguins have knees; they are hidden under the feathers.")
        let relay = try #require(outcome.outbox.first { $0.purpose == .agentRelay })
        #expect(!relay.parsed.textBody.contains("#kb"))
    }

    @Test func kbIsRefusedWhenTheScreenFindsPersonalData() throws {
        let outcome = try answer("#kb Your card 4111 1111 1111 1111 was refunded, Ann.")
        #expect(outcome.knowledge?.state == .pending)
        #expect(outcome.outbox.contains { $0.purpose == .agentRelay })
        let notice = try #require(outcome.outbox.first { $0.recipients == ["ana@shop.example"] })
        #expect(notice.parsed.textBody.contains("payment card number"))
        #expect(!notice.parsed.textBody.contains("4111 1111 1111 1111"))
    }

    @Test func anUnapprovedAnswerIsNeverSentToAnotherCustomer() throws {
        let entry = SimilarityIndex.Entry(
            ticketID: "MR-ANNA01", customerText: "where is my order", resolution: "Anna, card 4111 1111 1111 1111",
            intent: "track_order")
        let pipeline = try makePipeline(similarity: { _ in [.init(entry: entry, score: 0.97)] })
        let lookup = FakeLookup()
        lookup.knowledge["MR-ANNA01"] = KnowledgeEntry(
            ticketPublicID: "MR-ANNA01", question: "where is my order", answer: entry.resolution,
            intent: "track_order", language: "en", id: 3, state: .pending)
        let outcome = try process(
            customerMail(from: "Bob <bob@example.com>"), pipeline: pipeline, lookup: lookup)
        let reply = try #require(outcome.outbox.first)
        #expect(reply.purpose == .autoReply)
        #expect(!reply.parsed.textBody.contains("4111"))
        #expect(outcome.knowledgeReused == nil)
    }

    private func answer(_ text: String) throws -> ProcessingOutcome {
        let pipeline = try makePipeline()
        let lookup = FakeLookup()
        let first = try process(
            customerMail(subject: "knees", body: "do penguins have knees?"), pipeline: pipeline, lookup: lookup)
        let escalation = try #require(first.outbox.first { $0.purpose == .escalation })
        let mail = Array(
            """
            \(Self.pass)From: Ana <ana@shop.example>
            To: \(escalation.parsed.replyTo.first!.address)
            Subject: Re: \(escalation.subject)
            Message-ID: <ana-kb@shop.example>
            In-Reply-To: <\(escalation.messageID)>

            \(text)

            """.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        return try process(mail, pipeline: pipeline, lookup: lookup, row: 2)
    }
}
