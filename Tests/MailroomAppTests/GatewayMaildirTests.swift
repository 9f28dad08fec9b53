import Foundation
import Logging
import MailMessage
import MailroomCore
import MailroomStore
import Synchronization
import Testing

@testable import MailroomApp

/// The gateway in process over Maildirs, a real SQLite file, the shipped templates and the built-in model.
@Suite struct GatewayMaildirTests {
    let directory: URL
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailroom-gw-\(UUID().uuidString)")
        for folder in ["in/new", "in/cur", "in/tmp"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    private func gateway(
        mode: String = "live", extra: String = "", logger: Logger = Logger(label: "test"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> Gateway {
        let yaml = """
            mailroom:
              supportAddress: support@shop.example
              companyName: Larkwood
              authservId: mx.shop.example
              mode: \(mode)
            store:
              path: db.sqlite
            maildir:
              inbox: in
              outbox: out
            agents:
              inbox: agents@shop.example
              allowed: [ana@shop.example]
            tokens:
              secret: gateway-test-secret-0123456789
            alerts:
              silenceMinutes: 60
            """ + extra
        let path = directory.appendingPathComponent("mailroom.yaml")
        try yaml.write(to: path, atomically: true, encoding: .utf8)
        let configuration = try await ConfigurationLoader.load(path: path.path, environment: [:])
        return try Gateway(configuration: configuration, logger: logger, now: now)
    }

    /// The templates compile while the store opens: a broken one is still reported in the log when the gateway
    /// starts and the others are used; a store that cannot open is still the error, whatever the templates do.
    @Test func templatesCompiledAtStartAreReportedAndUsed() async throws {
        let templates = directory.appendingPathComponent("tpl")
        try BuiltInTemplates.copy(to: templates)
        try "{{#broken}} never closed".write(
            to: templates.appendingPathComponent("en/get_refund.txt.mustache"), atomically: true, encoding: .utf8)
        let lines = LogLines()
        let gateway = try await gateway(
            extra: "\ntemplates:\n  path: tpl\n", logger: Logger(label: "test") { _ in lines })
        #expect(lines.messages.contains { $0.hasPrefix("template problem") && $0.contains("get_refund.txt.mustache") })
        #expect(gateway.templates.hasLoaded(name: "track_order", language: "en"))
        // A second gateway on the same store fails on the store's lock, after its templates started compiling.
        await #expect(throws: (any Error).self) { _ = try await self.gateway(extra: "\ntemplates:\n  path: tpl\n") }
        withExtendedLifetime(gateway) {}
    }

    private func deliver(_ names: [String]) throws {
        for name in names {
            let source = repository.appendingPathComponent("scripts/demo-mail/\(name)")
            try FileManager.default.copyItem(at: source, to: directory.appendingPathComponent("in/new/\(name)"))
        }
    }

    private func sent() throws -> [Message] {
        let folder = directory.appendingPathComponent("out/new")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.map { try MessageParser.parse(Array(Data(contentsOf: folder.appendingPathComponent($0)))) }
    }

    @Test func demoMailsFlowThroughOnceAndOnlyOnce() async throws {
        try deliver([
            "01-track-order-plain-ascii.eml", "18-de-password-rfc2047-subject-and-from.eml",
            "28-bounce-dsn-multipart-report.eml", "29-out-of-office-auto-reply.eml", "33-legal-threat-lawyer.eml",
        ])
        let gateway = try await gateway()
        let summary = try await gateway.runOnce()
        #expect(summary.stored == 5)
        #expect(summary.processed == 5)
        let tickets = try gateway.store.ticketSummaries()
        #expect(tickets.count == 3)
        #expect(Set(tickets.map(\.status)) == ["auto_replied", "escalated"])
        let mails = try sent()
        // Two automatic replies, one escalation and its acknowledgement; nothing to the bounce or the out-of-office.
        #expect(mails.count == 4)
        #expect(
            !mails.contains { $0.to.contains { $0.address.contains("henrik.larsen") || $0.address.contains("MAILER") } }
        )
        let german = try #require(mails.first { $0.to.first?.address == "juergen.weiss@example.org" })
        #expect(german.header["Auto-Submitted"] == "auto-replied")
        #expect(german.textBody.contains("Passwort"))
        let again = try await gateway.runOnce()
        #expect(again == RunSummary(stored: 0, processed: 0, sendAttempts: 0))
        #expect(try sent().count == 4)
        // The Maildir source moved what it took out of new/.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("in/new").path).isEmpty
        )
    }

    @Test func intakeSilenceIsMeasuredFromTheLastMessage() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        try deliver(["01-track-order-plain-ascii.eml"])
        let gateway = try await gateway(now: { clock.now })
        _ = try await gateway.runOnce()
        let mailbox = try #require(try gateway.store.mailboxes().first)
        #expect(mailbox.lastMessageAt == clock.now)
        #expect(mailbox.lastError == nil)
        clock.advance(by: 5 * 3600)
        _ = try await gateway.runOnce()
        #expect(gateway.metrics.exposition().contains("mailroom_intake_silence_seconds 18000"))
    }

    @Test func shadowModeDecidesEverythingAndSendsNothing() async throws {
        try deliver(["01-track-order-plain-ascii.eml", "32-angry-complaint-third-time.eml"])
        let gateway = try await gateway(mode: "shadow")
        _ = try await gateway.runOnce()
        #expect(try sent().isEmpty)
        let outbox = try gateway.store.outboxSummaries()
        #expect(!outbox.isEmpty)
        #expect(outbox.allSatisfy { $0.state == .shadow })
        #expect(try gateway.store.ticketSummaries().count == 2)
    }

    @Test func replayShowsWhatWouldBeSentAndWritesNothing() async throws {
        let lines = try await ReplayMessages.run(
            paths: [
                repository.appendingPathComponent("scripts/demo-mail/01-track-order-plain-ascii.eml").path,
                repository.appendingPathComponent("scripts/demo-mail/29-out-of-office-auto-reply.eml").path,
            ],
            configPath: nil, logger: Logger(label: "test"))
        #expect(lines.count == 2)
        #expect(lines[0].outcome == "auto-replied")
        #expect(lines[0].intent == "track_order")
        #expect(lines[0].mail.count == 1)
        #expect(lines[0].mail[0].hasPrefix("auto_reply -> olivia.bennett@example.com"))
        #expect(lines[1].outcome.hasPrefix("suppressed"))
        #expect(lines[1].mail.isEmpty)
    }
}

/// A settable clock for tests.
final class TestClock: Sendable {
    private let value: Mutex<Date>

    init(_ start: Date) {
        value = Mutex(start)
    }

    var now: Date { value.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        value.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// Every message logged through it, as "message key=value ...", for tests that read the log. A value type, as
/// swift-log expects of a handler; its copies share the lines.
struct LogLines: LogHandler {
    private final class Lines: Sendable {
        let lines = Mutex<[String]>([])
    }

    private let shared = Lines()
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var messages: [String] { shared.lines.withLock { $0 } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        shared.lines.withLock { $0.append(([event.message.description] + fields).joined(separator: " ")) }
    }
}
