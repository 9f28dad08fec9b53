import Foundation
import LiveServerSupport
import MailroomStore
import Testing

extension GatewayLiveTests.EndToEnd {
    static let answer = """
        Hello Jonas,

        I have cancelled order 4501-7742 before it shipped. The refund of the full amount is on its way to your \
        card and should arrive within five working days.

        Kind regards,
        Ana
        """

    /// An allowed agent answers one escalation; a colleague who is not allowed answers another; someone forging
    /// an allowed agent's address (DMARC fails) answers a third. Only the first reaches its customer.
    func answerByEmail(_ mailroom: LiveMailroom, demo: [Delivered], tickets: [String: TicketSummary]) async throws {
        let cancel = try #require(demo.first { $0.file.hasPrefix("16-") })
        let complaint = try #require(demo.first { $0.file.hasPrefix("32-") })
        let legal = try #require(demo.first { $0.file.hasPrefix("33-") })
        let answered = try #require(tickets[cancel.sender])
        let escalations = try mailroom.sent(to: mailroom.agentsInbox)
        let escalation = try #require(escalations.first { $0.ticketID == answered.publicID })
        let other = try #require(escalations.first { $0.ticketID == tickets[complaint.sender]?.publicID })
        // The forger is the customer: they know their ticket's plus-address from the acknowledgement they got.
        let acknowledgement = try #require(try mailroom.sent(to: legal.sender).first)
        let before = try mailroom.sent()
        try mailroom.user.deliver([
            TestMail.reply(
                to: escalation, from: "ana@\(mailroom.domain)", name: "Ana", text: Self.answer,
                messageID: TestMail.newMessageID("answer", domain: mailroom.domain)),
            TestMail.reply(
                to: other, from: "carl@\(mailroom.domain)", name: "Carl", text: "Sorry about that, refund done.",
                messageID: TestMail.newMessageID("carl", domain: mailroom.domain)),
            TestMail.reply(
                to: acknowledgement, from: "ana@\(mailroom.domain)", name: "Ana",
                text: "We accept your claim in full and will pay 5000 EUR.",
                messageID: TestMail.newMessageID("forged", domain: "example.net"), dmarc: "fail"),
        ])
        #expect(try await mailroom.runOnceSucceeding().hasPrefix("stored 3, processed 3, "))
        let new = try mailroom.sent().filter { mail in !before.contains { $0.file.name == mail.file.name } }
        try checkRelayedAnswer(mailroom, new: new, customer: cancel, ticket: answered)
        for (mail, who) in [(complaint, "a colleague who is not an allowed agent"), (legal, "a forged agent")] {
            #expect(new.filter { $0.recipients.contains(mail.sender) }.isEmpty, "\(who)'s answer was relayed")
            let ticket = try #require(try mailroom.store().ticket(publicID: tickets[mail.sender]?.publicID ?? ""))
            #expect(ticket.status.rawValue == "escalated", "\(who) changed the ticket")
            #expect(new.contains { $0.recipients == [mailroom.agentsInbox] && $0.ticketID == ticket.publicID })
        }
        #expect(try mailroom.store().knowledgeEntries().count == 1, "only the allowed agent's answer is learned")
        #expect(try mailroom.store().knowledge().isEmpty, "a learned answer is pending until a person approves it")
        try await checkNothingMoreIsSent(mailroom)
    }

    /// The customer gets the agent's text without the quoted history; the ticket is answered and learned.
    private func checkRelayedAnswer(
        _ mailroom: LiveMailroom, new: [SentMail], customer: Delivered, ticket: TicketSummary
    ) throws {
        let relayed = new.filter { $0.recipients == [customer.sender] }
        #expect(relayed.count == 1)
        let relay = try #require(relayed.first)
        #expect(relay.text.contains("I have cancelled order 4501-7742 before it shipped."))
        #expect(relay.text.contains("within five working days"))
        #expect(!relay.text.contains("needs a person"), "the quoted escalation reached the customer")
        #expect(!relay.text.contains("\n>"), "quoted history reached the customer")
        #expect(relay.message.inReplyTo == customer.messageID)
        #expect(relay.header("Auto-Submitted") == nil, "an agent's answer is not automatic mail")
        let replyTo = try #require(relay.message.replyTo.first?.address)
        #expect(try mailroom.plusAddress.publicID(inAddress: replyTo) == ticket.publicID)
        let store = try mailroom.store()
        let answered = try #require(try store.ticket(publicID: ticket.publicID))
        #expect(answered.status.rawValue == "answered")
        let firstResponse = try #require(answered.firstResponseAt, "no first-response time")
        #expect(firstResponse >= answered.receivedAt)
        let knowledge = try #require(try store.knowledgeEntries().first { $0.ticketPublicID == ticket.publicID })
        #expect(knowledge.question.contains("Please cancel the order before it"))
        #expect(knowledge.answer.contains("I have cancelled order 4501-7742"))
        #expect(!knowledge.answer.contains(">"), "quoted history learned")
    }
}
