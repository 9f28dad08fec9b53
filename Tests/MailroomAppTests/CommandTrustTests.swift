import Foundation
import MailMessage
import Testing

/// The trust issue's command-line parts, run as an operator would: `knowledge` review with the personal-data
/// screen (2), `outbox list|retry` (9), `check-config` and `run` on a configuration with a typo (7), `ticket` of an
/// unknown id (12), on a workspace from `mailroom init` with the built-in templates.
@Suite(.timeLimit(.minutes(2))) struct CommandTrustTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("mr-cli-\(UUID().uuidString)")
    var config: String { workspace.appendingPathComponent("mailroom.yaml").path }

    private func mailroom(_ arguments: [String], input: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: MailroomBinary.path)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "USER": "tester"]
        let (stdout, stderr, stdin) = (Pipe(), Pipe(), Pipe())
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        if let input { try stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
            errors: String(decoding: errors, as: UTF8.self))
    }

    private func deliver(_ name: String, _ text: String) throws {
        try Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .write(to: workspace.appendingPathComponent("maildir/inbox/new/\(name)"))
    }

    private func sent() throws -> [Message] {
        let folder = workspace.appendingPathComponent("maildir/outbox/new")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            try MessageParser.parse(Array(try Data(contentsOf: folder.appendingPathComponent($0))))
        }
    }

    @Test func anOperatorReviewsKnowledgeAndTheOutbox() throws {
        defer { try? FileManager.default.removeItem(at: workspace) }
        #expect(try mailroom(["init", workspace.path]).status == 0)
        #expect(
            FileManager.default.fileExists(
                atPath: workspace.appendingPathComponent("templates/en/fallback.txt.mustache").path))
        try deliver(
            "1",
            """
            Authentication-Results: mx.shop.example; dmarc=pass header.from=example.com
            From: Anna Schmidt <anna@example.com>
            To: support@shop.example
            Subject: Do penguins have knees?
            Message-ID: <knees-1@example.com>

            Do penguins have knees? My order 55821934 is a penguin book.
            """)
        #expect(try mailroom(["run", "--once", "--config", config]).status == 0)
        let escalation = try #require(try sent().first { $0.to.first?.address == "agents@shop.example" })
        try deliver(
            "2",
            """
            Authentication-Results: mx.shop.example; dmarc=pass header.from=shop.example
            From: Ana <ana@shop.example>
            To: \(escalation.replyTo.first?.address ?? "")
            Subject: Re: \(escalation.subject ?? "")
            Message-ID: <ana-1@shop.example>
            In-Reply-To: <\(escalation.messageID ?? "")>

            #kb
            Dear Anna, yes: penguins have knees, hidden under their feathers. Your order 55821934 ships Monday.
            """)
        #expect(try mailroom(["run", "--once", "--config", config]).status == 0)
        let list = try mailroom(["knowledge", "list", "--config", config])
        #expect(list.status == 0 && list.output.hasPrefix("1  pending"), "\(list)")
        let refused = try mailroom(["knowledge", "approve", "1", "--config", config])
        #expect(refused.status != 0)
        #expect(refused.errors.contains("customer's name") && refused.errors.contains("order, account"), "\(refused)")
        #expect(!refused.errors.contains("55821934"))
        let edited = try mailroom(
            ["knowledge", "edit", "1", "--config", config],
            input: "Hello {{customerName}}: yes, penguins have knees, hidden under their feathers.\n")
        #expect(edited.status == 0 && edited.output.contains("personal data found: none"), "\(edited)")
        let approved = try mailroom(["knowledge", "approve", "1", "--as", "manager-mia", "--config", config])
        #expect(approved.status == 0, "\(approved)")
        #expect(
            try mailroom(["knowledge", "list", "--state", "approved", "--config", config]).output.hasPrefix(
                "1  approved"))
        let trail = try mailroom([
            "ticket", escalation.subject?.components(separatedBy: "[#").last?.dropLast().description ?? "", "--config",
            config,
        ])
        #expect(trail.output.contains("approved for reuse by manager-mia"), "\(trail)")
        let outbox = try mailroom(["outbox", "list", "--state", "sent", "--config", config])
        #expect(outbox.status == 0 && outbox.output.contains("agent_relay"), "\(outbox)")
        let retry = try mailroom(["outbox", "retry", "999", "--config", config])
        #expect(retry.status != 0 && retry.errors.contains("999"))
        let unknown = try mailroom(["ticket", "MR-NOPE00", "--config", config])
        #expect(unknown.status != 0 && unknown.errors.contains("no ticket MR-NOPE00"))
    }

    @Test func aConfigurationWithATypoIsRefusedByCheckConfigAndRun() throws {
        defer { try? FileManager.default.removeItem(at: workspace) }
        #expect(try mailroom(["init", workspace.path]).status == 0)
        let text = try String(contentsOfFile: config, encoding: .utf8) + "limits:\n  perhour: 100\n"
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let check = try mailroom(["check-config", "--config", config])
        #expect(check.status != 0)
        #expect(check.output.contains("limits.perhour: unknown key; did you mean limits.perHour?"), "\(check)")
        let run = try mailroom(["run", "--once", "--config", config])
        #expect(run.status != 0 && run.errors.contains("limits.perhour"), "\(run)")
    }
}
