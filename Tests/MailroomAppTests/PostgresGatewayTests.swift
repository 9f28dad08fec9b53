import Foundation
import Glibc
import LiveServerSupport
import Logging
import MailMessage
import MailroomCore
import MailroomPostgres
import MailroomStore
import Testing

@testable import MailroomApp

/// The gateway in process over Maildirs on a PostgreSQL store: the same answers as on SQLite, and a store moved
/// from SQLite with `migrate-store` that the gateway goes on with.
@Suite(.enabled(if: PostgresTestServer.isEnabled)) struct PostgresGatewayTests {
    let directory: URL
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let mails = [
        "01-track-order-plain-ascii.eml", "18-de-password-rfc2047-subject-and-from.eml",
        "28-bounce-dsn-multipart-report.eml", "29-out-of-office-auto-reply.eml", "33-legal-threat-lawyer.eml",
        "30-mailing-list-digest.eml", "04-payment-methods-html-only.eml", "02-delivery-options-quoted-printable.eml",
    ]

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailroom-pg-\(UUID().uuidString)")
        for folder in ["in/new", "in/cur", "in/tmp"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    /// A gateway on `store` (YAML lines under `store:`), reading `in/` and writing `out/` of `folder`.
    private func gateway(store: String, folder: String) async throws -> Gateway {
        let base = directory.appendingPathComponent(folder)
        for name in ["in/new", "in/cur", "in/tmp"] {
            try FileManager.default.createDirectory(
                at: base.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        let yaml = """
            mailroom:
              supportAddress: support@shop.example
              companyName: Larkwood
              authservId: mx.shop.example
            store:
            \(store)
            maildir:
              inbox: in
              outbox: out
            agents:
              inbox: agents@shop.example
              allowed: [ana@shop.example]
            tokens:
              secret: gateway-test-secret-0123456789
            """
        let path = base.appendingPathComponent("mailroom.yaml")
        try yaml.write(to: path, atomically: true, encoding: .utf8)
        let configuration = try await ConfigurationLoader.load(
            path: path.path, environment: ["MAILROOM_STORE_PASSWORD": try PostgresTestServer.password()])
        return try Gateway(configuration: configuration, logger: Logger(label: "test"))
    }

    private func deliver(_ names: [String], to folder: String) throws {
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("\(folder)/in/new"), withIntermediateDirectories: true)
        for name in names {
            try FileManager.default.copyItem(
                at: repository.appendingPathComponent("scripts/demo-mail/\(name)"),
                to: directory.appendingPathComponent("\(folder)/in/new/\(name)"))
        }
    }

    private func sent(_ folder: String) throws -> [Message] {
        let out = directory.appendingPathComponent("\(folder)/out/new")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        return try names.sorted().map {
            try MessageParser.parse(Array(Data(contentsOf: out.appendingPathComponent($0))))
        }
    }

    /// The subjects of what was sent, without the ticket ids (each store draws its own).
    private func subjects(_ folder: String) throws -> [String] {
        try sent(folder).map { ($0.subject ?? "").replacing(/MR-[A-Z0-9]{6}/, with: "MR-?") }.sorted()
    }

    /// What a run decided, without what differs by design (ticket ids, times, Message-IDs).
    private func decisions(_ store: any MailroomStorage) throws -> [String] {
        try store.ticketSummaries().map { "\($0.customer) \($0.status) \($0.intent ?? "-") \($0.decision ?? "-")" }
            .sorted()
    }

    @Test func theGatewayDecidesOnPostgreSQLAsOnSQLite() async throws {
        try deliver(Self.mails, to: "sqlite")
        try deliver(Self.mails, to: "postgresql")
        let onSQLite = try await gateway(store: "  path: db.sqlite", folder: "sqlite")
        let onPostgres = try await gateway(
            store: "  url: \"\(try PostgresTestServer.freshURL())\"", folder: "postgresql")
        let sqliteRun = try await onSQLite.runOnce()
        let postgresRun = try await onPostgres.runOnce()
        #expect(postgresRun == sqliteRun)
        #expect(postgresRun.processed == Self.mails.count)
        #expect(try decisions(onPostgres.store) == decisions(onSQLite.store))
        #expect(try subjects("postgresql") == subjects("sqlite"))
        let now = Date()
        let since = now.addingTimeInterval(-86_400)
        let postgresKPIs = try onPostgres.store.kpis(since: since, until: now + 60, now: now)
        let sqliteKPIs = try onSQLite.store.kpis(since: since, until: now + 60, now: now)
        #expect(postgresKPIs.tickets == sqliteKPIs.tickets)
        #expect(postgresKPIs.automationRate == sqliteKPIs.automationRate)
        // Done once: a second run finds nothing.
        #expect(try await onPostgres.runOnce().processed == 0)
    }

    /// `mailroom ingest --config FILE` (an MTA's pipe) stores into the configured PostgreSQL store.
    @Test func theMTAPipeStoresIntoPostgreSQL() async throws {
        let url = try PostgresTestServer.freshURL()
        let gateway = try await gateway(store: "  url: \"\(url)\"", folder: "pipe")
        let raw = Array(
            try Data(contentsOf: repository.appendingPathComponent("scripts/demo-mail/01-track-order-plain-ascii.eml")))
        var pipe: [Int32] = [0, 0]
        #expect(Glibc.pipe(&pipe) == 0)
        _ = raw.withUnsafeBytes { write(pipe[1], $0.baseAddress, $0.count) }
        close(pipe[1])
        defer { close(pipe[0]) }
        let outcome = ingest(
            IngestOptions(destination: .store(gateway.configuration.store, envelopeRecipient: "support@shop.example")),
            input: pipe[0])
        guard case .stored(let location) = outcome else {
            Issue.record("not stored: \(outcome)")
            return
        }
        #expect(location.hasPrefix("postgresql://"))
        #expect(!location.contains(try PostgresTestServer.password()))
        #expect(try gateway.store.receivedCount() == 1)
        #expect(try await gateway.runOnce().processed == 1)
    }

    @Test func aStoreMovedWithMigrateStoreIsTheSameAndTheGatewayGoesOn() async throws {
        try deliver(Self.mails, to: "sqlite")
        let onSQLite = try await gateway(store: "  path: db.sqlite", folder: "sqlite")
        _ = try await onSQLite.runOnce()
        let sqlite = onSQLite.store
        _ = try sqlite.createAccount(
            name: "Ana", role: .agent, email: "ana@shop.example", passwordHash: "x", now: Date())
        try sqlite.recordTemplateVersion(
            language: "en", name: "track_order", text: "t", html: nil, author: "ana", now: Date())
        let ticket = try #require(try sqlite.ticketSummaries().first { $0.status == "auto_replied" })
        try sqlite.recordFeedback(
            FeedbackRecord(ticketPublicID: ticket.publicID, nonce: "n1", helpful: true, rating: 5), now: Date())

        let url = try PostgresTestServer.freshURL()
        let file = directory.appendingPathComponent("sqlite/db.sqlite").path
        // Not while a gateway runs on the file.
        await #expect(throws: StoreError.self) {
            try await MigrateStore.run(
                configPath: nil, from: file, to: url, password: try PostgresTestServer.password())
        }
        onSQLite.lock?.release()
        let result = try await MigrateStore.run(
            configPath: nil, from: directory.appendingPathComponent("sqlite/db.sqlite").path, to: url,
            password: try PostgresTestServer.password())
        #expect(result.tables.count == StoreTable.all.count)
        #expect(result.tables.allSatisfy { $0.source == $0.copied })
        #expect(result.tables.first { $0.table == "message" }?.copied == Self.mails.count)

        let moved = try await gateway(store: "  url: \"\(url)\"", folder: "moved")
        let store = moved.store
        #expect(try decisions(store) == decisions(sqlite))
        for summary in try sqlite.ticketSummaries() {
            #expect(try store.ticket(publicID: summary.publicID) == sqlite.ticket(publicID: summary.publicID))
            #expect(try store.events(ticket: summary.publicID) == sqlite.events(ticket: summary.publicID))
            #expect(
                try store.messages(ticket: summary.publicID).map(\.raw)
                    == sqlite.messages(ticket: summary.publicID).map(\.raw))
        }
        #expect(try store.storedAccount(name: "ana")?.account.email == "ana@shop.example")
        #expect(try store.templateVersions(language: "en", name: "track_order").count == 1)
        #expect(try store.feedback(ticket: ticket.publicID).map(\.rating) == [5])
        #expect(try store.rollupCells() == sqlite.rollupCells())
        let words = TicketQuery(words: ["order"])
        #expect(
            try store.tickets(words).tickets.map(\.ticket.publicID)
                == sqlite.tickets(words).tickets.map(\.ticket.publicID))

        // The gateway goes on: the customer answers our automatic reply; it joins the copied ticket.
        let reply = try #require(
            try sent("sqlite").first { mail in mail.to.contains { $0.address.lowercased() == ticket.customer } })
        let subject = reply.subject ?? "Re: your message"
        let answer = """
            From: \(ticket.customer)
            To: support@shop.example
            Subject: \(subject)
            Message-ID: <after-the-move@example.com>
            In-Reply-To: \(reply.messageID.map { "<\($0)>" } ?? "")
            Date: \(RFC5322DateFormatter.string(from: Date()))

            Thank you, that answered it.

            """.replacingOccurrences(of: "\n", with: "\r\n")
        try Data(answer.utf8).write(to: directory.appendingPathComponent("moved/in/new/answer.eml"))
        let run = try await moved.runOnce()
        #expect(run.processed == 1)
        #expect(try store.ticketSummaries().count == sqlite.ticketSummaries().count)
        #expect(try store.messages(ticket: ticket.publicID).count == sqlite.messages(ticket: ticket.publicID).count + 1)
        // New rows get new identities after the copied ones.
        let account = try store.createAccount(name: "ben", role: .agent, email: nil, passwordHash: nil, now: Date())
        #expect(account.id > (try sqlite.storedAccount(name: "ana")?.account.id ?? 0))
    }
}
