import Foundation
import LiveServerSupport
import MailMessage
import MailroomStore
import Testing

extension GatewayLiveTests {
    /// The 36 demo mails through dovecot, `mailroom run --once` and the SMTP sink; then agents answer by email.
    @Suite struct EndToEnd {
        /// The demo mails with what the test needs to know about each.
        struct Delivered {
            var file: String
            var bytes: [UInt8]
            var sender: String
            var messageID: String
            var isMachineMail: Bool { ["28-", "29-", "30-"].contains { file.hasPrefix($0) } }
        }

        @Test(arguments: LiveMailroom.Store.available)
        func customerMailIsAnsweredEscalatedAndAgentsAnswerByEmail(_ store: LiveMailroom.Store) async throws {
            let mailroom = try await LiveMailroom.make("e2e", store: store)
            defer { mailroom.remove() }
            let demo = try TestMail.demo().map { file, bytes in
                let parsed = try MessageParser.parse(bytes)
                return Delivered(
                    file: file, bytes: bytes, sender: parsed.from.first?.address.lowercased() ?? "",
                    messageID: parsed.messageID ?? "")
            }
            #expect(demo.count == 36)
            try mailroom.user.deliver(demo.map(\.bytes))
            #expect(try await mailroom.runOnceSucceeding().hasPrefix("stored 36, processed 36, "))
            #expect(try await mailroom.user.count("INBOX") == 0)
            #expect(try await mailroom.user.count("Processed") == 36, "every message kept in Processed")
            let tickets = try checkFirstRun(mailroom, demo: demo)
            try await checkNothingMoreIsSent(mailroom)
            try await answerByEmail(mailroom, demo: demo, tickets: tickets)
        }

        @Test func intakeOverSTARTTLSVerifiedWithTheConfiguredCA() async throws {
            var mailroom = try await LiveMailroom.make("tls")
            defer { mailroom.remove() }
            mailroom.settings.imapTLS = "required"
            mailroom.settings.caFile = try LiveServers.value("MAILROOM_TEST_CA_FILE")
            try mailroom.writeConfiguration()
            let id = TestMail.newMessageID("tls")
            try mailroom.user.deliver([
                TestMail.customer(
                    from: "olivia@example.com", name: "Olivia", subject: "Where is my order #A10-48213?",
                    text: "Hi, where is my order #A10-48213? The tracking page has not changed for a week.",
                    messageID: id)
            ])
            #expect(try await mailroom.runOnceSucceeding().hasPrefix("stored 1, processed 1, "))
            #expect(try await mailroom.user.count("Processed") == 1)
            let reply = try #require(try mailroom.sent(to: "olivia@example.com").first)
            #expect(reply.message.inReplyTo == id)
            // The same server without the CA: the certificate cannot be verified and nothing is taken.
            mailroom.settings.caFile = try LiveServers.value("MAILROOM_TEST_OTHER_CA_FILE")
            try mailroom.writeConfiguration()
            try mailroom.user.deliver([
                TestMail.customer(
                    from: "noah@example.com", name: "Noah", subject: "Invoice", text: "Please send my invoice.",
                    messageID: TestMail.newMessageID("tls"))
            ])
            let refused = try await mailroom.runOnce()
            #expect(refused.termination != .exited(0), "\(refused.output.suffix(2000))")
            #expect(try await mailroom.user.count("INBOX") == 1)
        }

        /// Every customer mail has a ticket and got what its decision says; machine mail got nothing.
        private func checkFirstRun(_ mailroom: LiveMailroom, demo: [Delivered]) throws -> [String: TicketSummary] {
            let store = try mailroom.store()
            let summaries = try store.ticketSummaries(limit: 1000)
            let tickets = Dictionary(summaries.map { ($0.customer.lowercased(), $0) }) { first, _ in first }
            #expect(summaries.count == 33 && tickets.count == 33, "one ticket per customer mail")
            let sent = try mailroom.sent()
            for mail in demo {
                if mail.isMachineMail {
                    #expect(tickets[mail.sender] == nil, "\(mail.file) opened a ticket")
                    #expect(try mailroom.sent(to: mail.sender).isEmpty, "\(mail.file) was answered")
                    #expect(sent.containing(mail.messageID).isEmpty, "\(mail.file) reached the agents")
                    continue
                }
                guard let ticket = tickets[mail.sender] else {
                    Issue.record("\(mail.file) has no ticket")
                    continue
                }
                try checkOutcome(mailroom, mail: mail, ticket: ticket, sent: sent)
            }
            let expected = [
                "01-": "auto_replied", "16-": "escalated", "32-": "escalated", "33-": "escalated", "36-": "escalated",
            ]
            for (prefix, status) in expected {
                let mail = try #require(demo.first { $0.file.hasPrefix(prefix) })
                #expect(tickets[mail.sender]?.status == status, "\(mail.file)")
            }
            #expect(summaries.filter { $0.status == "auto_replied" }.count >= 15, "most routine mail is answered")
            let outbox = try store.outboxSummaries(limit: 1000)
            #expect(outbox.allSatisfy { $0.state == .sent }, "\(outbox.filter { $0.state != .sent })")
            #expect(Set(sent.map(\.messageID)).count == outbox.count && sent.count == outbox.count)
            return tickets
        }

        private func checkOutcome(_ mailroom: LiveMailroom, mail: Delivered, ticket: TicketSummary, sent: [SentMail])
            throws
        {
            let toCustomer = try mailroom.sent(to: mail.sender)
            let toAgents = sent.filter { $0.recipients == [mailroom.agentsInbox] && $0.ticketID == ticket.publicID }
            switch ticket.status {
            case "auto_replied":
                #expect(toCustomer.count == 1, "\(mail.file): \(toCustomer.count) replies")
                #expect(toAgents.isEmpty, "\(mail.file) answered automatically and escalated")
                if let reply = toCustomer.first {
                    try checkCustomerMail(reply, mailroom: mailroom, mail: mail, ticket: ticket, automatic: true)
                }
            case "escalated":
                #expect(toAgents.count == 1, "\(mail.file): \(toAgents.count) escalations")
                if let escalation = toAgents.first {
                    try checkEscalation(escalation, mailroom: mailroom, mail: mail, ticket: ticket)
                }
                // No acknowledgement to a sender that failed DMARC (36) or looks automated (31).
                let acknowledged = !mail.file.hasPrefix("36-") && !mail.file.hasPrefix("31-")
                #expect(toCustomer.count == (acknowledged ? 1 : 0), "\(mail.file): \(toCustomer.count) mails")
                if let ack = toCustomer.first {
                    try checkCustomerMail(ack, mailroom: mailroom, mail: mail, ticket: ticket, automatic: true)
                }
            default:
                Issue.record("\(mail.file): unexpected status \(ticket.status)")
            }
        }

        /// In-Reply-To, References, the RFC 3834 fields, the verified plus-address, the subject token.
        private func checkCustomerMail(
            _ reply: SentMail, mailroom: LiveMailroom, mail: Delivered, ticket: TicketSummary, automatic: Bool
        ) throws {
            let context = "\(mail.file): \(reply.subject)"
            #expect(reply.message.inReplyTo == mail.messageID, "\(context)")
            #expect(reply.message.references.contains(mail.messageID), "\(context)")
            #expect(reply.header("Auto-Submitted") == (automatic ? "auto-replied" : nil), "\(context)")
            #expect(reply.header("X-Auto-Response-Suppress") == (automatic ? "All" : nil), "\(context)")
            #expect(reply.header("X-Mailroom-Loop") == mailroom.domain, "\(context)")
            let replyTo = try #require(reply.message.replyTo.first?.address, "\(context)")
            #expect(try mailroom.plusAddress.publicID(inAddress: replyTo) == ticket.publicID, "\(context)")
            #expect(try mailroom.messageIDs.publicID(inMessageID: reply.messageID) == ticket.publicID, "\(context)")
            #expect(reply.ticketID == ticket.publicID, "\(context)")
            #expect(reply.message.from.first?.address == mailroom.supportAddress)
        }

        /// To the agents' inbox, the original attached as message/rfc822, a Reply-To that routes the answer back: the
        /// agents' own reply address of the ticket (not the customer's).
        private func checkEscalation(
            _ escalation: SentMail, mailroom: LiveMailroom, mail: Delivered, ticket: TicketSummary
        ) throws {
            #expect(escalation.subject.hasPrefix("Escalated: "), "\(mail.file)")
            #expect(escalation.attachedMessages.count == 1, "\(mail.file)")
            #expect(escalation.attachedMessages.first == mail.bytes, "\(mail.file): the original, byte for byte")
            let replyTo = try #require(escalation.message.replyTo.first?.address)
            #expect(
                try mailroom.plusAddress.agentTarget(inAddress: replyTo)?.publicID == ticket.publicID, "\(mail.file)")
            #expect(try mailroom.plusAddress.publicID(inAddress: replyTo) == nil, "\(mail.file): a customer token")
            #expect(escalation.header("Auto-Submitted") == "auto-generated")
        }

        func checkNothingMoreIsSent(_ mailroom: LiveMailroom) async throws {
            let before = try mailroom.sent().count
            #expect(try await mailroom.runOnceSucceeding() == "stored 0, processed 0, send attempts 0")
            #expect(try mailroom.sent().count == before)
        }
    }
}
