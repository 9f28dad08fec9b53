import Foundation
import Logging
import MailMessage
import MailroomCore
import MailroomStore
import Testing

@testable import MailroomApp

/// On SQLite the processor decides each message ahead of its transaction against a read snapshot and checks in
/// the transaction that nothing it read has changed. The decisions must be exactly those of processing inside the
/// transaction: the same mail, run through a gateway each way, gives the same tickets and the same mail.
@Suite struct SpeculativeProcessingTests {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// What a run decided, without what is random (public ids, Message-IDs) or what depends on them.
    struct Decisions: Equatable {
        var tickets: [String]
        var mail: [String]
    }

    /// The 36 demo mails and four mails from one new customer that land in one batch: a gateway on a fresh store
    /// in its own folder, at a fixed time, processes them with or without speculation.
    private func run(speculative: Bool) async throws -> (decisions: Decisions, metrics: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailroom-spec-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        for folder in ["in/new", "in/cur", "in/tmp"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let demo = repository.appendingPathComponent("scripts/demo-mail")
        for name in try FileManager.default.contentsOfDirectory(atPath: demo.path) where name.hasSuffix(".eml") {
            try FileManager.default.copyItem(
                at: demo.appendingPathComponent(name), to: directory.appendingPathComponent("in/new/\(name)"))
        }
        for index in 1...4 {
            let mail = """
                Return-Path: <kim.novak@example.net>
                From: Kim Novak <kim.novak@example.net>
                To: support@shop.example
                Subject: Where is my order \(index)?
                Message-ID: <kim-\(index)@example.net>
                Date: Sat, 05 Dec 2026 10:0\(index):00 +0000

                Hello, where is my order #B20-\(index)000? It has not arrived yet. Kim

                """
            try Data(mail.replacingOccurrences(of: "\n", with: "\r\n").utf8).write(
                to: directory.appendingPathComponent("in/new/9\(index)-kim.eml"))
        }
        let yaml = """
            mailroom:
              supportAddress: support@shop.example
              companyName: Larkwood
              authservId: mx.shop.example
            store:
              path: db.sqlite
            maildir:
              inbox: in
              outbox: out
            agents:
              inbox: agents@shop.example
              allowed: [ana@shop.example]
            tokens:
              secret: speculation-test-secret-0123456789
            """
        let path = directory.appendingPathComponent("mailroom.yaml")
        try yaml.write(to: path, atomically: true, encoding: .utf8)
        let configuration = try await ConfigurationLoader.load(path: path.path, environment: [:])
        let at = Date(timeIntervalSince1970: 1_796_464_800)
        let gateway = try Gateway(
            configuration: configuration, logger: Logger(label: "test"), now: { at }, speculative: speculative)
        let summary = try await gateway.runOnce()
        #expect(summary.processed == 40)
        func masked(_ text: String) -> String {
            text.replacingOccurrences(of: #"MR-[0-9A-Z]+"#, with: "MR-#", options: .regularExpression)
        }
        let tickets = try gateway.store.ticketSummaries().map {
            [
                $0.customer, masked($0.subject), $0.status, $0.intent ?? "-", $0.confidence.map { "\($0)" } ?? "-",
                $0.language ?? "-", $0.decision ?? "-", $0.reason ?? "-",
            ].joined(separator: " | ")
        }
        let mail = try gateway.store.outboxSummaries().map {
            "\($0.purpose) -> \($0.recipients.sorted().joined(separator: ",")): \(masked($0.subject)) [\($0.state)]"
        }
        return (Decisions(tickets: tickets.sorted(), mail: mail.sorted()), gateway.metrics.exposition())
    }

    @Test func speculationDecidesWhatTheTransactionWouldHave() async throws {
        let inside = try await run(speculative: false)
        let ahead = try await run(speculative: true)
        #expect(inside.decisions.tickets.count >= 30)
        #expect(ahead.decisions.tickets == inside.decisions.tickets)
        #expect(ahead.decisions.mail == inside.decisions.mail)
        // The one customer's four mails in one batch: three automatic replies at most within the hour.
        #expect(ahead.decisions.mail.filter { $0.contains("-> kim.novak@example.net") }.count == 3)
        // Most were written as speculated; the later mails of the one customer were processed again.
        let held = try #require(Self.count(in: ahead.metrics, result: "held"))
        let failed = try #require(Self.count(in: ahead.metrics, result: "failed"))
        #expect(held >= 30 && failed >= 3 && held + failed == 40, "held \(held), failed \(failed)")
        #expect(!inside.metrics.contains("mailroom_processing_speculations_total"))
    }

    private static func count(in exposition: String, result: String) -> Int? {
        let prefix = "mailroom_processing_speculations_total{result=\"\(result)\"} "
        return exposition.split(separator: "\n").first { $0.hasPrefix(prefix) }
            .flatMap { Int($0.dropFirst(prefix.count)) }
    }
}
