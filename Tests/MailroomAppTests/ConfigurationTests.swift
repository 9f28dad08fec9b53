import Foundation
import Testing

@testable import MailroomApp

@Suite struct ConfigurationTests {
    private func write(_ yaml: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mr-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("mailroom.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private let minimal = """
        mailroom:
          supportAddress: support@shop.example
          authservId: mx.shop.example
        maildir:
          inbox: in
          outbox: out
        agents:
          inbox: agents@shop.example
          allowed: [ana@shop.example]
        tokens:
          secret: 0123456789abcdef0123
        """

    @Test func minimalMaildirConfigurationWithDefaults() async throws {
        let path = try write(minimal)
        let configuration = try await ConfigurationLoader.load(path: path, environment: [:])
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(configuration.mailroom.supportAddress == "support@shop.example")
        #expect(configuration.mailroom.mode == .live)
        #expect(configuration.mailroom.domain == "shop.example")
        #expect(configuration.storePath == base + "/mailroom.sqlite")
        guard case .maildir(let inbox) = configuration.source, case .maildir(let outbox) = configuration.sink else {
            Issue.record("expected maildir source and sink")
            return
        }
        #expect(inbox == base + "/in")
        #expect(outbox == base + "/out")
        #expect(configuration.triage.threshold == 0.75)
        #expect(configuration.limits.perHour == 3)
        #expect(configuration.limits.perDay == 10)
        #expect(configuration.agents.allowed == ["ana@shop.example"])
    }

    @Test func smtpConnectionsDefaultAndRange() async throws {
        let smtp = minimal.replacingOccurrences(of: "  outbox: out\n", with: "smtp:\n  url: smtp://localhost\n")
        let configuration = try await ConfigurationLoader.load(path: try write(smtp), environment: [:])
        guard case .smtp(let settings) = configuration.sink else {
            Issue.record("expected an SMTP sink")
            return
        }
        #expect(settings.connections == SMTPSettings.defaultConnections)
        func with(_ connections: Int) -> String {
            smtp.replacingOccurrences(
                of: "smtp://localhost\n", with: "smtp://localhost\n  connections: \(connections)\n")
        }
        let two = try await ConfigurationLoader.load(path: try write(with(2)), environment: [:])
        if case .smtp(let settings) = two.sink { #expect(settings.connections == 2) }
        let (_, problems) = try await ConfigurationLoader.check(
            path: try write(with(40)), environment: [:])
        #expect(problems.map(\.key).contains("smtp.connections"))
    }

    @Test func everyProblemIsReportedByKeyAtOnce() async throws {
        let path = try write(
            """
            mailroom:
              supportAddress: not-an-address
              mode: loud
            imap:
              url: http://wrong
              tls: maybe
            smtp:
              url: smtp://localhost
            agents:
              inbox: agents@shop.example
            triage:
              threshold: 1.5
              intentThresholds: [get_refund=high]
            limits:
              perHour: lots
            tokens:
              secret: short
            """)
        let (_, problems) = try await ConfigurationLoader.check(path: path, environment: [:])
        let keys = Set(problems.map(\.key))
        for key in [
            "mailroom.supportAddress", "mailroom.mode", "imap.url", "imap.tls", "imap.username", "imap.password",
            "triage.threshold", "triage.intentThresholds", "limits.perHour", "tokens.secret",
        ] {
            #expect(keys.contains(key), "no problem reported for \(key): \(problems)")
        }
        await #expect(throws: ConfigurationError.self) {
            try await ConfigurationLoader.load(path: path, environment: [:])
        }
    }

    @Test func environmentOverridesTheFileForSecrets() async throws {
        let path = try write(minimal + "\nimap:\n  url: imaps://imap.example\n  username: u\n")
        let yaml = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: "maildir:\n  inbox: in\n  outbox: out\n", with: "maildir:\n  outbox: out\n")
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let environment = [
            "MAILROOM_IMAP_PASSWORD": "from-env", "MAILROOM_TOKENS_SECRET": "an-environment-secret-1234",
        ]
        let configuration = try await ConfigurationLoader.load(path: path, environment: environment)
        guard case .imap(let imap) = configuration.source else {
            Issue.record("expected imap")
            return
        }
        #expect(imap.password == "from-env")
        #expect(imap.mailbox == "INBOX")
        #expect(imap.processedMailbox == "Processed")
        #expect(imap.tls == .required)
        #expect(configuration.tokenSecret == "an-environment-secret-1234")
    }

    @Test func missingFileAndBrokenYAMLAreClearErrors() async throws {
        await #expect(throws: ConfigurationError.self) {
            try await ConfigurationLoader.load(path: "/nonexistent/mailroom.yaml", environment: [:])
        }
        let broken = try write("mailroom: [unclosed")
        await #expect(throws: ConfigurationError.self) {
            try await ConfigurationLoader.load(path: broken, environment: [:])
        }
    }

    @Test func theShippedExampleIsValidOnceTheSecretIsSet() async throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/mailroom.yaml").path
        let (_, problems) = try await ConfigurationLoader.check(
            path: example,
            environment: ["MAILROOM_TOKENS_SECRET": "a-real-secret-of-enough-length", "MAILROOM_IMAP_PASSWORD": "x"])
        #expect(problems.isEmpty, "\(problems)")
    }
}
