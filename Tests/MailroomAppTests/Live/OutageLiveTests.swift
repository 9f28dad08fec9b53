import Foundation
import LiveServerSupport
import MailroomStore
import Testing

extension GatewayLiveTests {
    /// The SMTP server or the IMAP server down, a server restarted under a running gateway, mail that cannot be
    /// read or is too large: nothing is lost, nothing is sent twice, the rest keeps flowing.
    @Suite struct Outages {
        static func question(_ address: String, _ name: String) -> [UInt8] {
            TestMail.customer(
                from: address, name: name, subject: "Where is my order #A10-\(Int.random(in: 10000...99999))?",
                text: "Hi, where is my order? The tracking page has said \"label created\" for six days now.",
                messageID: TestMail.newMessageID("order"))
        }

        static func cancellation(_ address: String, _ name: String) -> [UInt8] {
            TestMail.customer(
                from: address, name: name, subject: "Please cancel order 4501-7742",
                text: "Please cancel order 4501-7742 before it ships and confirm by email.",
                messageID: TestMail.newMessageID("cancel"))
        }

        @Test(arguments: LiveMailroom.Store.available)
        func smtpDownDefersRepliesAndDeliversThemOnceWhenItIsBack(_ store: LiveMailroom.Store) async throws {
            var mailroom = try await LiveMailroom.make("smtpdown", store: store)
            defer { mailroom.remove() }
            let sinkURL = mailroom.settings.smtpURL
            mailroom.settings.smtpURL = "smtp://127.0.0.1:\(PrivateServers.freePort())"
            mailroom.settings.retryBaseSeconds = 5
            try mailroom.writeConfiguration()
            try mailroom.user.deliver([
                Self.question("olivia@example.com", "Olivia"), Self.cancellation("jonas@example.com", "Jonas"),
            ])
            #expect(try await mailroom.runOnceSucceeding() == "stored 2, processed 2, send attempts 3")
            let deferredAt = ContinuousClock.now
            let deferred = try mailroom.store().outboxSummaries()
            #expect(deferred.count == 3 && deferred.allSatisfy { $0.state == .deferred && $0.attempts == 1 })
            #expect(deferred.allSatisfy { !($0.lastError ?? "").isEmpty }, "no reason recorded: \(deferred)")
            #expect(try mailroom.store().messageCounts() == ["processed": 2])
            #expect(try mailroom.sent().isEmpty)
            mailroom.settings.smtpURL = sinkURL
            try mailroom.writeConfiguration()
            let early = try await mailroom.runOnceSucceeding()
            if ContinuousClock.now - deferredAt < .seconds(4) {
                #expect(early == "stored 0, processed 0, send attempts 0", "sent before the retry time")
            }
            try await Task.sleep(until: deferredAt + .seconds(5.5))
            #expect(try await mailroom.runOnceSucceeding() == "stored 0, processed 0, send attempts 3")
            #expect(try await mailroom.runOnceSucceeding() == "stored 0, processed 0, send attempts 0")
            let outbox = try mailroom.store().outboxSummaries()
            #expect(outbox.allSatisfy { $0.state == .sent && $0.attempts == 2 }, "\(outbox)")
            let sent = try mailroom.sent()
            #expect(sent.count == 3 && Set(sent.map(\.messageID)).count == 3, "\(sent)")
            #expect(try mailroom.sent(to: "olivia@example.com").count == 1)
            #expect(try mailroom.sent(to: "jonas@example.com").count == 1)
            #expect(try mailroom.sent(to: mailroom.agentsInbox).count == 1)
        }

        /// Finding 9 of the trust issue: a refused SMTP login (535) is our configuration's fault, not the mail's:
        /// the mail is kept (deferred, no attempt used up), said loudly, and sent once the password is right.
        @Test func aRefusedSMTPLoginKeepsTheMailUntilTheConfigurationIsFixed() async throws {
            var mailroom = try await LiveMailroom.make("smtp535")
            defer { mailroom.remove() }
            mailroom.settings.smtpLogin = (LiveServers.user, "wrong-password")
            try mailroom.writeConfiguration()
            try mailroom.user.deliver([Self.question("olivia@example.com", "Olivia")])
            for _ in 0..<3 {
                try await mailroom.runOnceSucceeding()
                try await Task.sleep(for: .seconds(1.2))
            }
            let kept = try mailroom.store().outboxSummaries()
            #expect(kept.count == 1)
            #expect(kept.allSatisfy { $0.state == .deferred && $0.errorClass == "configuration" && $0.attempts == 0 })
            #expect(kept.first?.lastError?.contains("535") == true || kept.first?.lastError?.contains("ogin") == true)
            #expect(try mailroom.sent().isEmpty)
            let status = try await mailroom.run(["status"])
            #expect(status.output.contains("BLOCKED by our configuration"), "\(status.output.suffix(1500))")
            #expect(!status.output.contains("wrong-password"), "the password was printed")
            mailroom.settings.smtpLogin = (LiveServers.user, LiveServers.password)
            try mailroom.writeConfiguration()
            try await Task.sleep(for: .seconds(2.5))
            try await mailroom.runOnceSucceeding()
            #expect(try mailroom.store().outboxSummaries().map(\.state) == [.sent])
            #expect(try mailroom.sent(to: "olivia@example.com").count == 1)
        }

        @Test func imapDownFailsClearlyAndLeavesTheDatabaseIntact() async throws {
            var mailroom = try await LiveMailroom.make("imapdown")
            defer { mailroom.remove() }
            try mailroom.user.deliver([Self.question("olivia@example.com", "Olivia")])
            try await mailroom.runOnceSucceeding()
            let tickets = try mailroom.store().ticketSummaries()
            let outbox = try mailroom.store().outboxSummaries()
            let serverURL = mailroom.settings.imapURL
            let port = PrivateServers.freePort()
            mailroom.settings.imapURL = "imap://127.0.0.1:\(port)"
            try mailroom.writeConfiguration()
            try mailroom.user.deliver([Self.question("noah@example.com", "Noah")])
            let failed = try await mailroom.runOnce()
            #expect(failed.termination != .exited(0))
            #expect(failed.output.contains("Error:"), "\(failed.output.suffix(2000))")
            #expect(failed.output.contains("127.0.0.1:\(port)"), "the error does not say which server")
            #expect(try mailroom.store().ticketSummaries() == tickets)
            #expect(try mailroom.store().outboxSummaries() == outbox)
            #expect(try mailroom.store().messageCounts() == ["processed": 1])
            mailroom.settings.imapURL = serverURL
            try mailroom.writeConfiguration()
            #expect(try await mailroom.runOnceSucceeding().hasPrefix("stored 1, processed 1, "))
            #expect(try mailroom.store().ticketSummaries().count == 2)
            #expect(try mailroom.sent().count == 2)
        }
    }
}
