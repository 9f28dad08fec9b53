import Foundation
import Logging
import MailMessage
import MailroomCore
import MailroomStore
import Testing

@testable import MailroomApp

/// The trust issue's findings at the gateway (in process, Maildirs, a real SQLite file, the built-in templates
/// and model): unreadable intake entries (5), permanent-looking failures that are our setup's (9), a reply
/// written twice (10), two gateways on one store (12), no templates.path (12), shadow-mode wording (12).
@Suite(.timeLimit(.minutes(2))) struct TrustGatewayTests {
    let directory: URL
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailroom-trust-\(UUID().uuidString)")
        for folder in ["in/new", "in/cur", "in/tmp"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    /// A gateway on the built-in templates (no templates.path).
    private func gateway(mode: String = "live", clock: TestClock? = nil) async throws -> Gateway {
        let yaml = """
            mailroom: {supportAddress: support@shop.example, authservId: mx.shop.example, mode: \(mode)}
            store: {path: db.sqlite}
            maildir: {inbox: in, outbox: out}
            agents: {inbox: agents@shop.example, allowed: [ana@shop.example]}
            tokens: {secret: trust-gateway-test-secret-0123456789}
            """
        let path = directory.appendingPathComponent("mailroom.yaml")
        try yaml.write(to: path, atomically: true, encoding: .utf8)
        let configuration = try await ConfigurationLoader.load(path: path.path, environment: [:])
        #expect(configuration.templatesPath == nil)
        return try Gateway(configuration: configuration, logger: Logger(label: "test"), now: { clock?.now ?? Date() })
    }

    private func deliver(_ name: String) throws {
        try FileManager.default.copyItem(
            at: repository.appendingPathComponent("scripts/demo-mail/\(name)"),
            to: directory.appendingPathComponent("in/new/\(name)"))
    }

    private func sentFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("out/new").path)) ?? [])
            .sorted()
    }

    @Test func unreadableMaildirEntriesAreSkippedOnceAndTheRestFlows() async throws {
        let new = directory.appendingPathComponent("in/new")
        try FileManager.default.createDirectory(
            at: new.appendingPathComponent("0-a-folder"), withIntermediateDirectories: true)
        #expect(mkfifo(new.appendingPathComponent("1-a-fifo").path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: new.appendingPathComponent("2-dangling").path, withDestinationPath: "/nonexistent/mail")
        try FileManager.default.createSymbolicLink(
            atPath: new.appendingPathComponent("3-foreign").path, withDestinationPath: "/etc/passwd")
        try deliver("01-track-order-plain-ascii.eml")
        let gateway = try await gateway()
        let first = try await gateway.runOnce()
        #expect(first.stored == 1 && first.processed == 1)
        #expect(sentFiles().count == 1)
        let skips = try gateway.store.intakeSkips()
        #expect(Set(skips.map(\.entry)) == ["0-a-folder", "1-a-fifo", "2-dangling", "3-foreign"])
        #expect(skips.first { $0.entry == "1-a-fifo" }?.reason.contains("FIFO") == true)
        #expect(skips.first { $0.entry == "3-foreign" }?.reason.contains("symbolic link") == true)
        let second = try await gateway.runOnce()
        #expect(second.stored == 0)
        #expect(try gateway.store.intakeSkips().count == 4, "recorded once, not on every poll")
        #expect(try gateway.store.messageCounts() == ["processed": 1])
        #expect(gateway.metrics.exposition().contains("mailroom_intake_skipped_total 4"))
    }

    @Test func anOutboxWeCannotWriteKeepsTheMailAndNeverFailsIt() async throws {
        try deliver("01-track-order-plain-ascii.eml")
        let clock = TestClock(Date())
        let gateway = try await gateway(clock: clock)
        let out = directory.appendingPathComponent("out/new")
        try FileManager.default.removeItem(at: out)
        try Data("not a folder".utf8).write(to: out)
        for _ in 0..<12 {
            _ = try await gateway.runOnce()
            clock.advance(by: 2 * 3600)
        }
        let kept = try #require(try gateway.store.outboxSummaries().first)
        #expect(kept.state == .deferred)
        #expect(kept.errorClass == "configuration")
        #expect(kept.attempts == 0, "a send our setup stopped uses up no attempt")
        #expect(gateway.metrics.exposition().contains("mailroom_outbox_blocked 1"))
        try FileManager.default.removeItem(at: out)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        _ = try await gateway.runOnce()
        #expect(try gateway.store.outboxSummaries().first?.state == .sent)
        #expect(sentFiles().count == 1)
    }

    @Test func theMaildirSinkWritesAReSentMessageOnce() async throws {
        let sender = try MaildirMailSender(path: directory.appendingPathComponent("sink").path)
        let mail = OutgoingMail(
            raw: Array("Subject: x\r\n\r\nbody\r\n".utf8),
            envelope: Envelope(from: "a@b.example", recipients: ["c@d.example"]),
            messageID: "mr.MR-AAAAAA.x.y@shop.example", attempt: 1, outboxID: 42)
        #expect(await sender.send(mail) == .sent)
        var again = mail
        again.attempt = 2
        #expect(await sender.send(again) == .sent)
        let new = directory.appendingPathComponent("sink/new")
        var names = try FileManager.default.contentsOfDirectory(atPath: new.path)
        #expect(names == ["mailroom.000000000042.mr.MR-AAAAAA.x.y@shop.example"])
        // A reader took it into cur/: a re-send still finds it.
        try FileManager.default.moveItem(
            at: new.appendingPathComponent(names[0]),
            to: directory.appendingPathComponent("sink/cur/\(names[0]):2,S"))
        #expect(await sender.send(again) == .sent)
        names = try FileManager.default.contentsOfDirectory(atPath: new.path)
        #expect(names.isEmpty)
    }

    @Test func aSecondGatewayOnTheSameStoreIsRefusedByName() async throws {
        let first = try await gateway()
        await #expect {
            _ = try await gateway()
        } throws: { error in
            let text = (error as? StoreError)?.message ?? ""
            return text.contains("another mailroom run (process \(getpid()))") && text.contains("db.sqlite")
        }
        _ = first
    }

    @Test func shadowModeSaysNothingWasSent() async throws {
        try deliver("01-track-order-plain-ascii.eml")
        let summary = try await gateway(mode: "shadow").runOnce()
        #expect(summary.line == "stored 1, processed 1, 1 recorded as shadow (nothing sent)")
        #expect(!summary.line.contains("send attempts"))
    }
}
