import Foundation
import Hummingbird
import HummingbirdTesting
import LiveServerSupport
import MailMessage
import MailroomCore
import Testing

@testable import MailroomApp
@testable import MailroomHTTP

/// Feedback links in our mail (yes records; no reopens and escalates), and a web form answered by email through
/// the SMTP sink.
@Suite(.serialized) struct FeedbackAndIntakeTests {
    /// The feedback token in the newest reply to `customer` in the Maildir outbox.
    private func feedbackToken(_ harness: APIHarness, to customer: String) throws -> String {
        let folder = harness.directory.appendingPathComponent("out/new")
        let replies = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().compactMap { name in
            try? MessageParser.parse(Array(Data(contentsOf: folder.appendingPathComponent(name))))
        }.filter { $0.to.first?.address == customer }
        let text = try #require(replies.last?.textBody)
        let line = try #require(
            text.split(separator: "\n").first { $0.contains("/feedback/") && $0.contains("answer=yes") })
        let url = try #require(line.split(separator: " ").last)
        let token = url.components(separatedBy: "/feedback/").last?.components(separatedBy: "?").first ?? ""
        #expect(url.hasPrefix("https://help.shop.example/feedback/"))
        return token
    }

    @Test func feedbackYesIsRecordedAndNoReopensAndEscalates() async throws {
        let harness = try await APIHarness()
        let happy = try await harness.customerMail(
            from: "Olivia Bennett <olivia@example.com>", subject: "Where is my order?",
            body: "Hello, where is my order #A10-1234? Thanks, Olivia")
        let unhappy = try await harness.customerMail(
            from: "Noah Clark <noah@example.com>", subject: "Where is my order?",
            body: "Hello, where is my order #A10-9999? The tracking does not move. Noah")
        let yes = try feedbackToken(harness, to: "olivia@example.com")
        let no = try feedbackToken(harness, to: "noah@example.com")
        try await harness.test { client in
            let page = try await client.execute(uri: "/feedback/\(yes)?answer=yes", method: .get) {
                ($0.status, $0.body.text)
            }
            #expect(page.0 == .ok && page.1.contains("glad the answer helped"))
            #expect(page.1.contains("<form method=\"post\""))
            let sorry = try await client.execute(uri: "/feedback/\(no)?answer=no", method: .get) {
                ($0.status, $0.body.text)
            }
            #expect(sorry.0 == .ok && sorry.1.contains("A member of our team"))
            let again = try await client.execute(uri: "/feedback/\(no)?answer=no", method: .get) { $0.status }
            #expect(again == .ok)
            let rated = try await client.execute(
                uri: "/feedback/\(yes)", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "rating=5&comment=quick+and+right")
            ) { ($0.status, $0.body.text) }
            #expect(rated.0 == .ok && rated.1.contains("Thank you for your rating"))
            let forged = String(yes.dropLast()) + (yes.last == "A" ? "B" : "A")
            #expect(
                try await client.execute(uri: "/feedback/\(forged)?answer=no", method: .get) { $0.status } == .notFound)
            #expect(
                try await client.execute(uri: "/feedback/\(yes)?answer=maybe", method: .get) { $0.status }
                    == .badRequest)
        }
        let store = harness.gateway.store
        #expect(try store.feedback(ticket: happy).map(\.helpful) == [true])
        #expect(try store.feedback(ticket: happy).first?.rating == 5)
        #expect(try store.ticket(publicID: happy)?.status == .autoReplied)
        #expect(try store.feedback(ticket: unhappy).map(\.helpful) == [false])
        let escalated = try #require(try store.ticket(publicID: unhappy))
        #expect(escalated.status == .escalated && escalated.reopenCount == 1)
        let toAgents = try store.outboxSummaries(ticket: unhappy).filter { $0.recipients == ["agents@shop.example"] }
        #expect(toAgents.count == 1, "one escalation, not one per page load")
    }

    @Test(.enabled(if: LiveServers.isEnabled, Comment(rawValue: LiveServers.skipReason)), .liveServers)
    func aWebFormIsAnsweredByEmailThroughTheSMTPSink() async throws {
        let harness = try await APIHarness(publicIntake: true, smtp: true)
        let address = "webform-\(UInt32.random(in: 0...UInt32.max))@example.com"
        let created = try await harness.test { client in
            try await client.execute(
                uri: "/api/v1/tickets", method: .post, headers: [.contentType: "application/json"],
                body: jsonBody([
                    "name": "Web Customer", "email": address, "subject": "Where is my order?",
                    "message": "Hello, where is my order #A10-5555? It was due yesterday.",
                ])
            ) { try $0.body.json(TicketCreated.self) }
        }
        let ticket = try #require(created.id)
        #expect(created.outcome == "auto-replied")
        _ = try await harness.gateway.runOnce()
        let sink = try #require(LiveServers.environment["MAILROOM_TEST_SMTP_OUT"])
        let mail = try SinkFile.all(in: sink) { $0["X-Envelope-To"]?.contains(address) == true }
        #expect(mail.count == 1)
        let reply = try MessageParser.parse(try #require(mail.first).message)
        #expect(reply.subject?.contains(ticket) == true)
        #expect(reply.textBody.contains("/feedback/"))
        #expect(try harness.gateway.store.messages(ticket: ticket).map(\.source) == ["web"])
    }
}
