import Foundation
import MailMessage
import Synchronization
import Testing
import Triage

@testable import MailroomCore

@Suite struct MessagePipelineCustomerTests {
    @Test func confidentIntentGetsAnAutomaticReplyThreadedBackToTheTicket() throws {
        let pipeline = try makePipeline()
        let lookup = FakeLookup()
        let outcome = try process(customerMail(), pipeline: pipeline, lookup: lookup)
        let ticket = try #require(outcome.ticket)
        #expect(outcome.ticketIsNew)
        #expect(ticket.status == .autoReplied)
        #expect(ticket.intent == "track_order")
        #expect(ticket.automaticReplies == 1)
        #expect(ticket.question?.contains("where is my order") == true)
        #expect(outcome.events.map(\.type) == [.opened, .classified, .decided, .queued])
        let draft = try #require(outcome.outbox.first)
        #expect(outcome.outbox.count == 1)
        #expect(draft.purpose == .autoReply)
        #expect(draft.recipients == ["ann@example.com"])
        let reply = draft.parsed
        #expect(reply.inReplyTo == "c1@example.com")
        #expect(reply.references.contains("c1@example.com"))
        #expect(reply.header["Auto-Submitted"] == "auto-replied")
        #expect(reply.header["X-Auto-Response-Suppress"] == "All")
        #expect(reply.header["X-Mailroom-Loop"] == "shop.example")
        #expect(reply.subject == "Re: Where is my order? [#\(ticket.publicID)]")
        #expect(reply.textBody.contains("TEMPLATE intent:track_order en"))
        // The Reply-To plus-address and the Message-ID both lead back to the ticket.
        let replyTo = try #require(reply.replyTo.first?.address)
        #expect(replyTo.hasPrefix("support+\(ticket.publicID)."))
        let answer = customerMail(
            subject: "Re: Where is my order?", body: "Still nothing, any news?", id: "c2@example.com",
            extra: "In-Reply-To: <\(draft.messageID)>\n")
        let followUp = try process(answer, pipeline: pipeline, lookup: lookup, row: 2)
        #expect(followUp.ticket?.publicID == ticket.publicID)
        #expect(followUp.events.first?.type == .threaded)
        #expect(followUp.events.contains { $0.type == .reopened })
    }

    @Test func lowConfidenceEscalatesWithTheOriginalAttachedAndAcknowledges() throws {
        let pipeline = try makePipeline()
        let lookup = FakeLookup()
        let outcome = try process(
            customerMail(subject: "quick question", body: "do penguins have knees?"), pipeline: pipeline, lookup: lookup
        )
        let ticket = try #require(outcome.ticket)
        #expect(ticket.status == .escalated)
        #expect(outcome.outbox.map(\.purpose) == [.escalation, .acknowledgement])
        let escalation = outcome.outbox[0].parsed
        #expect(escalation.to.map(\.address) == ["agents@shop.example"])
        #expect(escalation.attachments.map(\.contentType) == ["message/rfc822"])
        #expect(escalation.replyTo.first?.address.hasPrefix("support+\(ticket.publicID).") == true)
        #expect(escalation.header["Auto-Submitted"] == "auto-generated")
        #expect(escalation.textBody.contains("REASONS"))
        #expect(ticket.escalationMessageID == outcome.outbox[0].messageID)
        #expect(outcome.outbox[1].recipients == ["ann@example.com"])
    }

    @Test func alwaysEscalateIntentsGoToAPerson() throws {
        let outcome = try process(
            customerMail(subject: "Cancel please", body: "Please cancel order 4501."), pipeline: try makePipeline(),
            lookup: FakeLookup())
        #expect(outcome.ticket?.status == .escalated)
        #expect(outcome.events.contains { $0.type == .decided && $0.reason?.contains("alwaysEscalateIntent") == true })
    }

    @Test func noModelMeansEscalateNeverGuess() throws {
        let outcome = try process(customerMail(), pipeline: try makePipeline(classifier: nil), lookup: FakeLookup())
        #expect(outcome.ticket?.status == .escalated)
        #expect(outcome.events.contains { $0.reason?.contains("modelUnavailable") == true })
    }

    @Test func didNotHelpAfterAnAnswerEscalates() throws {
        let pipeline = try makePipeline()
        let lookup = FakeLookup()
        let first = try process(customerMail(), pipeline: pipeline, lookup: lookup)
        let reply = try #require(first.outbox.first)
        let unhappy = customerMail(
            subject: "Re: Where is my order?", body: "That didn't help at all, the tracking link is broken.",
            id: "c3@example.com", extra: "In-Reply-To: <\(reply.messageID)>\n")
        let outcome = try process(unhappy, pipeline: pipeline, lookup: lookup, row: 2)
        #expect(outcome.ticket?.status == .escalated)
        #expect(outcome.events.contains { $0.type == .followUp && $0.reason == "didNotHelp" })
    }

    @Test func followUpOnAnEscalatedTicketIsForwardedToTheAgents() throws {
        let pipeline = try makePipeline()
        let lookup = FakeLookup()
        let first = try process(
            customerMail(subject: "Cancel", body: "cancel order 1"), pipeline: pipeline, lookup: lookup)
        let ack = try #require(first.outbox.last)
        let more = customerMail(
            subject: "Re: Cancel", body: "Also the second one please.", id: "c4@example.com",
            extra: "In-Reply-To: <\(ack.messageID)>\n")
        let outcome = try process(more, pipeline: pipeline, lookup: lookup, row: 2)
        #expect(outcome.outbox.map(\.purpose) == [.followUp])
        #expect(outcome.outbox.first?.recipients == ["agents@shop.example"])
        #expect(outcome.ticket?.lastCustomerMessageID == "c4@example.com")
    }

    @Test func aSimilarResolvedTicketsAnswerIsReused() throws {
        let pipeline = try makePipeline(similarity: { _ in
            [
                .init(
                    entry: .init(
                        ticketID: "MR-OLD001", customerText: "where is my order", resolution: "It ships Monday.",
                        intent: "track_order"), score: 0.93)
            ]
        })
        let lookup = FakeLookup()
        lookup.knowledge["MR-OLD001"] = KnowledgeEntry(
            ticketPublicID: "MR-OLD001", question: "where is my order", answer: "It ships Monday.",
            intent: "track_order", language: "en", id: 7, state: .approved)
        let outcome = try process(customerMail(), pipeline: pipeline, lookup: lookup)
        #expect(outcome.outbox.first?.parsed.textBody.contains("RESOLUTION It ships Monday.") == true)
        #expect(outcome.events.contains { $0.reason?.contains("knownResolution") == true })
        #expect(outcome.events.contains { $0.detail.contains("knowledge entry 7") })
        #expect(outcome.knowledgeReused == 7)
    }

    @Test func theSimilaritySearchReadsTheNewTextWithoutTheSubject() throws {
        let searched = Mutex<[[Token]]>([])
        let pipeline = try makePipeline(similarity: { tokens in
            searched.withLock { $0.append(tokens) }
            return []
        })
        let body = "Hello, the parcel 12345 never came. Ann"
        _ = try process(customerMail(subject: "Cancel my order", body: body), pipeline: pipeline, lookup: FakeLookup())
        let words = searched.withLock { $0 }.map { $0.map(\.text) }
        #expect(words.count == 1)
        #expect(words.first?.contains("parcel") == true)
        #expect(words.first?.contains("cancel") == false)
        #expect(searched.withLock { $0 }.first == Tokenizer().tokens(body))
    }

    @Test func subjectTokenThreadsOnlyForTheTicketsCustomer() throws {
        let pipeline = try makePipeline()
        let lookup = FakeLookup()
        let publicID = try #require(try process(customerMail(), pipeline: pipeline, lookup: lookup).ticket?.publicID)
        let same = try process(
            customerMail(subject: "More on [#\(publicID)]", body: "one more thing", id: "c5@example.com"),
            pipeline: pipeline, lookup: lookup, row: 2)
        #expect(same.ticket?.publicID == publicID)
        let stranger = try process(
            customerMail(from: "eve@evil.example", subject: "[#\(publicID)] hi", body: "where is my order", id: "e1@x"),
            pipeline: pipeline, lookup: lookup, row: 3)
        #expect(stranger.ticket?.publicID != publicID)
        #expect(stranger.ticketIsNew)
    }
}
