import Configuration
import Foundation
import Testing

@testable import MailroomApp

/// Finding 7 of the trust issue (and the agents' authentication setting of finding 1): a configuration that
/// does not say what its author meant is refused, by key, with a suggestion; secrets in URLs are refused unseen.
@Suite struct ConfigurationTrustTests {
    private func check(_ yaml: String) async throws -> [ConfigProblem] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mr-trust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("mailroom.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return try await ConfigurationLoader.check(path: path, environment: [:]).1
    }

    private static let base = """
        mailroom: {supportAddress: support@shop.example, authservId: mx.shop.example}
        maildir: {inbox: in, outbox: out}
        agents: {inbox: agents@shop.example, allowed: [ana@shop.example]}
        tokens: {secret: 0123456789abcdef0123}
        """

    @Test func theBaseIsClean() async throws {
        #expect(try await check(Self.base).isEmpty)
    }

    @Test(arguments: [
        ("triage:\n  alwaysEscalte: [cancel_order]", "triage.alwaysEscalte", "triage.alwaysEscalate"),
        ("limits:\n  perhour: 5", "limits.perhour", "limits.perHour"),
        ("tokens2:\n  secrett: abc", "tokens2.secrett", "tokens.secret"),
        ("imap:\n  passwrod: x", "imap.passwrod", "imap.password"),
    ])
    func unknownKeysAreErrorsWithASuggestion(_ extra: String, _ key: String, _ suggestion: String) async throws {
        let problems = try await check(Self.base + "\n" + extra)
        let problem = try #require(problems.first { $0.key == key })
        #expect(problem.severity == .error)
        #expect(problem.message.contains("did you mean \(suggestion)?"), "\(problem)")
    }

    @Test func intentNamesMustBeTheModels() async throws {
        let problems = try await check(
            Self.base + "\ntriage:\n  alwaysEscalate: [cancel_ordr, complaint]\n  intentThresholds: [get_refnd=0.9]")
        #expect(problems.map(\.key) == ["triage.alwaysEscalate", "triage.intentThresholds"])
        #expect(problems[0].message.contains("'cancel_ordr'") && problems[0].message.contains("cancel_order"))
        #expect(problems[1].message.contains("'get_refnd'") && problems[1].message.contains("get_refund"))
    }

    @Test(arguments: ["imap", "smtp"])
    func credentialsInAURLAreRefusedAndNeverShown(_ scheme: String) async throws {
        let yaml = """
            mailroom: {supportAddress: support@shop.example, authservId: mx.shop.example}
            \(scheme): {url: "\(scheme)s://support:hunter2-secret@mail.shop.example", username: u, password: p}
            maildir: {\(scheme == "imap" ? "outbox: out" : "inbox: in")}
            agents: {inbox: agents@shop.example}
            tokens: {secret: 0123456789abcdef0123}
            """
        let problems = try await check(yaml)
        let problem = try #require(problems.first { $0.key == "\(scheme).url" })
        #expect(problem.message.contains("must not contain a user name or password"))
        #expect(!problems.description.contains("hunter2"))
    }

    @Test func agentsWithoutAReceivingServerMustSaySo() async throws {
        let silent = try await check(Self.base.replacingOccurrences(of: ", authservId: mx.shop.example", with: ""))
        #expect(silent.map(\.key) == ["agents.authentication"])
        #expect(silent.first?.severity == .error)
        let explicit = try await check(
            Self.base.replacingOccurrences(of: ", authservId: mx.shop.example", with: "")
                .replacingOccurrences(
                    of: "allowed: [ana@shop.example]", with: "allowed: [ana@shop.example], authentication: none"))
        #expect(explicit.map(\.severity) == [.warning])
        #expect(explicit.first?.message.contains("anyone who knows an agent's address") == true)
    }

    @Test func everyKnownKeyIsReadAndEveryReadKeyIsKnown() async throws {
        // config/mailroom.yaml documents the keys: none of them is unknown.
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/mailroom.yaml")
        let text = try String(contentsOf: example, encoding: .utf8)
        #expect(ConfigKeys.unknownKeyProblems(inYAML: text).isEmpty)
        #expect(ConfigKeys.unknownKeyProblems(inYAML: "tokens:\n  secret: x\n  typo: y").map(\.key) == ["tokens.typo"])
        // With IMAP and SMTP configured every reader runs: what they read is exactly the known keys.
        let reader = ConfigReader(providers: [try await FileProvider<YAMLSnapshot>(filePath: .init(example.path))])
        var fields = ConfigFields(reader: reader)
        _ = GatewayConfiguration(fields: &fields, baseDirectory: example.deletingLastPathComponent())
        #expect(fields.readKeys == ConfigKeys.all)
    }
}
