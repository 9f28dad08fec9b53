import Foundation
import LiveServerSupport
import MailMessage
import MailroomStore
import Testing

@testable import MailroomApp

/// Agents answer customers by email, but only when the answer really comes from them: mail from an allowed
/// agent address that the trusted receiving server marked `dmarc=fail` is never relayed or learned. Runs the
/// built binary on a Maildir in and out (no servers needed).
@Suite struct AgentAuthenticationTests {
    private let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "mr-agent-auth-\(UUID().uuidString)")

    private func runOnce() async throws {
        let process = try ChildProcess(
            executable: MailroomBinary.path,
            arguments: ["run", "--once", "--config", directory.appendingPathComponent("mailroom.yaml").path],
            environment: ["PATH": "/usr/bin:/bin", "HOME": NSHomeDirectory()],
            output: directory.appendingPathComponent("mailroom.log").path)
        let termination = try await process.wait(timeout: .seconds(60))
        #expect(termination == .exited(0), "\(process.output().suffix(2000))")
    }

    private func setUp() throws {
        for folder in ["in/new", "in/cur", "in/tmp"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let yaml = """
            mailroom: {supportAddress: support@shop.example, authservId: mx.shop.example}
            maildir: {inbox: in, outbox: out}
            agents: {inbox: agents@shop.example, allowed: [ana@shop.example]}
            tokens: {secret: agent-authentication-test-secret}
            triage: {similarityThreshold: 0.3}
            """
        try yaml.write(to: directory.appendingPathComponent("mailroom.yaml"), atomically: true, encoding: .utf8)
    }

    private func deliver(_ text: String, name: String = "\(UUID().uuidString).eml") throws {
        let bytes = Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        try bytes.write(to: directory.appendingPathComponent("in/new/\(name)"))
    }

    /// The gateway's outgoing mail so far: (envelope recipient, parsed message).
    private func outgoing() throws -> [(to: String, message: Message)] {
        let folder = directory.appendingPathComponent("out/new")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { name in
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            let message = try MessageParser.parse(bytes)
            return (message.header["X-Envelope-To"] ?? "", message)
        }
    }

    private func agentReply(to mail: Message, dmarc: String, id: String, text: String) -> String {
        """
        Return-Path: <ana@shop.example>
        Authentication-Results: mx.shop.example; spf=\(dmarc) smtp.mailfrom=shop.example;
         dmarc=\(dmarc) header.from=shop.example
        From: Ana <ana@shop.example>
        To: \(mail.replyTo.first?.address ?? "")
        Subject: Re: \(mail.subject ?? "")
        Message-ID: <\(id)@shop.example>
        In-Reply-To: <\(mail.messageID ?? "")>

        \(text)

        """
    }

    @Test func forgedAgentAnswerIsNotRelayedButAuthenticOneIs() async throws {
        try setUp()
        defer { try? FileManager.default.removeItem(at: directory) }
        try deliver(
            """
            Return-Path: <jonas.keller@example.com>
            Authentication-Results: mx.shop.example; dmarc=pass header.from=example.com
            From: Jonas Keller <jonas.keller@example.com>
            To: support@shop.example
            Subject: Please cancel order 4501-7742
            Message-ID: <cancel-4501@example.com>

            Please cancel order 4501-7742 before it ships and confirm by email.

            """)
        try await runOnce()
        let acknowledgement = try #require(try outgoing().first { $0.to == "jonas.keller@example.com" }?.message)
        let escalation = try #require(try outgoing().first { $0.to == "agents@shop.example" }?.message)
        let ticketID = try #require(try SQLiteStore(path: directory.path + "/mailroom.sqlite").ticketSummaries().first)
            .publicID
        // The customer knows the ticket's Reply-To address and forges an agent's From; the server saw dmarc=fail.
        try deliver(agentReply(to: acknowledgement, dmarc: "fail", id: "forged", text: "Refund of 5000 EUR approved."))
        // Even with a pass, an answer to the customer's address is not an agent's answer: it must come through the
        // agents' reply address of the escalation.
        try deliver(agentReply(to: acknowledgement, dmarc: "pass", id: "sideways", text: "Refund approved."))
        try await runOnce()
        var store = try SQLiteStore(path: directory.path + "/mailroom.sqlite")
        #expect(try outgoing().filter { $0.to == "jonas.keller@example.com" }.count == 1, "the forgery was relayed")
        #expect(
            try outgoing().filter {
                $0.to == "agents@shop.example" && $0.message.subject?.hasPrefix("Not sent") == true
            }.count == 2)
        #expect(try store.ticket(publicID: ticketID)?.status.rawValue == "escalated")
        #expect(try store.knowledgeEntries().isEmpty)
        #expect(try store.events(ticket: ticketID).filter { $0.reason == "unauthenticatedAgent" }.count == 2)
        try deliver(agentReply(to: escalation, dmarc: "pass", id: "real", text: "Order 4501-7742 is cancelled."))
        try await runOnce()
        store = try SQLiteStore(path: directory.path + "/mailroom.sqlite")
        let relayed = try outgoing().filter { $0.to == "jonas.keller@example.com" }
        #expect(relayed.count == 2 && relayed.last?.message.textBody.contains("Order 4501-7742 is cancelled.") == true)
        #expect(try store.ticket(publicID: ticketID)?.status.rawValue == "answered")
        #expect(try store.knowledgeEntries().map(\.state) == [.pending])
    }

    /// Processing prepares the next batch while it writes the current one; an answer an agent approves for reuse
    /// (`#kb`) in one batch is still found for a customer asking the same in the very next batch.
    @Test func anAnswerApprovedInOneBatchAnswersTheNextBatch() async throws {
        try setUp()
        defer { try? FileManager.default.removeItem(at: directory) }
        try deliver(
            """
            Return-Path: <mara@example.com>
            Authentication-Results: mx.shop.example; dmarc=pass header.from=example.com
            From: Mara Stein <mara@example.com>
            To: support@shop.example
            Subject: Where is my parcel
            Message-ID: <parcel-1@example.com>

            Where is my parcel? I have been waiting for three weeks. This is unacceptable, I am furious and I will
            cancel my account and never order again.

            """, name: "00.eml")
        try await runOnce()
        let escalation = try #require(try outgoing().first { $0.to == "agents@shop.example" }?.message)
        let answer = "Parcels leave our warehouse every Monday and arrive within three working days."
        // One batch: the agent's reusable answer first, then other customers' questions; the same question as
        // the escalated one comes right after, in the next batch.
        let batch = MessageProcessor.batchSize
        try deliver(agentReply(to: escalation, dmarc: "pass", id: "kb", text: "#kb \(answer)"), name: "01.eml")
        for index in 2...batch {
            try deliver(
                """
                Return-Path: <c\(index)@example.org>
                Authentication-Results: mx.shop.example; dmarc=pass header.from=example.org
                From: c\(index)@example.org
                To: support@shop.example
                Subject: Question \(index)
                Message-ID: <q\(index)@example.org>

                Do you ship to Norway, and what does it cost?

                """, name: String(format: "%02d.eml", index))
        }
        try deliver(
            """
            Return-Path: <leo@example.net>
            Authentication-Results: mx.shop.example; dmarc=pass header.from=example.net
            From: Leo Brandt <leo@example.net>
            To: support@shop.example
            Subject: Where is my parcel
            Message-ID: <parcel-2@example.net>

            Where is my parcel? I have been waiting for three weeks.

            """, name: String(format: "%02d.eml", batch + 1))
        try await runOnce()
        let store = try SQLiteStore(path: directory.path + "/mailroom.sqlite")
        #expect(try store.knowledgeEntries().map(\.state) == [.approved])
        let reply = try #require(try outgoing().first { $0.to == "leo@example.net" }?.message)
        #expect(reply.textBody.contains(answer), "\(reply.textBody)")
    }
}
