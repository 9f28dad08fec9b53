import Foundation
import LiveServerSupport
import MailroomStore
import Testing

extension GatewayLiveTests.Outages {
    /// Waits (polling every 200 ms) until `condition` holds; false when `timeout` passed first.
    static func eventually(_ timeout: Duration, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try condition()
    }

    /// A running `mailroom run` loses its IDLE and command connections when dovecot restarts, and takes the mail
    /// delivered afterwards. Dovecot is the test's own (the shared one keeps serving the other tests).
    @Test func runningGatewaySurvivesADovecotRestart() async throws {
        let servers = try PrivateServers.start()
        defer { servers.stop() }
        var mailroom = try LiveMailroom.make("restart", servers: servers)
        defer { mailroom.remove() }
        mailroom.settings.pollSeconds = 2
        try mailroom.writeConfiguration()
        let gateway = try mailroom.start(["run"])
        defer { gateway.send(SIGKILL) }
        try mailroom.user.deliver([Self.question("olivia@example.com", "Olivia")])
        #expect(
            try await Self.eventually(.seconds(20)) { try !mailroom.sent(to: "olivia@example.com").isEmpty },
            "the first mail was not answered: \(gateway.output().suffix(2000))")
        try servers.restartIMAP()
        try mailroom.user.deliver([Self.question("noah@example.com", "Noah")])
        #expect(
            try await Self.eventually(.seconds(45)) { try !mailroom.sent(to: "noah@example.com").isEmpty },
            "mail delivered after the restart was not taken: \(gateway.output().suffix(3000))")
        gateway.send(SIGTERM)
        let termination = try await gateway.wait(timeout: .seconds(40))
        #expect(termination == .exited(0), "\(gateway.output().suffix(2000))")
        #expect(try mailroom.store().messageCounts() == ["processed": 2])
        #expect(try mailroom.sent().count == 2)
        #expect(try await mailroom.user.count("Processed") == 2)
    }

    /// A message without a sender, an empty one and two over `imap.maxMessageBytes` are quarantined with their
    /// reasons and the agents are told; the good message in the same run is answered.
    @Test func unreadableAndOversizedMailIsQuarantinedAndTheRestFlows() async throws {
        var mailroom = try await LiveMailroom.make("quarantine")
        defer { mailroom.remove() }
        mailroom.settings.maxMessageBytes = 20000
        try mailroom.writeConfiguration()
        let filler = String(repeating: "A photo of the damaged parcel, pasted inline as text. ", count: 600)
        try mailroom.user.deliver([
            Array(
                "To: support@shop.example\r\nSubject: no sender here\r\nMessage-ID: <nofrom@example.com>\r\n\r\nHi\r\n"
                    .utf8),
            Self.question("olivia@example.com", "Olivia"),
            [],
            TestMail.customer(
                from: "big@example.com", name: "Big", subject: "Photos of the damage", text: filler,
                messageID: TestMail.newMessageID("big")),
            TestMail.customer(
                from: "bigger@example.com", name: "Bigger", subject: "More photos", text: filler + filler,
                messageID: TestMail.newMessageID("bigger")),
        ])
        #expect(try await mailroom.runOnceSucceeding().hasPrefix("stored 5, processed 5, "))
        let held = try mailroom.store().quarantined()
        #expect(held.map(\.reason).sorted() == ["oversized", "oversized", "unparseable", "unparseable"], "\(held)")
        let oversized = held.filter { $0.reason == "oversized" }
        #expect(Set(oversized.compactMap(\.from)) == ["big@example.com", "bigger@example.com"], "\(oversized)")
        #expect(Set(oversized.compactMap(\.subject)) == ["Photos of the damage", "More photos"])
        #expect(held.contains { $0.reason == "unparseable" && $0.detail.contains("no sender") })
        let notices = try mailroom.sent(to: mailroom.agentsInbox).filter { $0.subject.hasPrefix("Quarantined (") }
        #expect(notices.count == 4, "\(notices)")
        #expect(try mailroom.sent(to: "olivia@example.com").count == 1, "the good message was not answered")
        #expect(try mailroom.store().ticketSummaries().map(\.customer) == ["olivia@example.com"])
        #expect(try await mailroom.user.count("INBOX") == 0)
        #expect(try await mailroom.user.count("Processed") == 5, "nothing is deleted")
        #expect(try await mailroom.runOnceSucceeding() == "stored 0, processed 0, send attempts 0")
    }
}
