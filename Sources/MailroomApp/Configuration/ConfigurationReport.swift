import Foundation

/// `mailroom check-config`: every problem by key, or a summary of the effective settings (secrets hidden).
public enum ConfigurationReport {
    /// Checks `path`; writes the report through `output`; returns false when the configuration is unusable.
    public static func run(path: String, output: (String) -> Void) async -> Bool {
        do {
            let (configuration, problems) = try await ConfigurationLoader.check(path: path)
            let errors = problems.filter { $0.severity == .error }
            guard errors.isEmpty else {
                output("\(path): \(errors.count) problem\(errors.count == 1 ? "" : "s")")
                for problem in problems { output("  \(problem)") }
                return false
            }
            output(
                "\(path): OK"
                    + (problems.isEmpty ? "" : " with \(problems.count) warning\(problems.count == 1 ? "" : "s")"))
            for problem in problems { output("  \(problem)") }
            for line in summary(configuration) { output("  \(line)") }
            return true
        } catch let error as ConfigurationError {
            for problem in error.problems { output("\(problem.key): \(problem.message)") }
            return false
        } catch {
            output("\(path): \(error)")
            return false
        }
    }

    static func summary(_ configuration: GatewayConfiguration) -> [String] {
        var lines = [
            "support address  \(configuration.mailroom.supportAddress) (mode \(configuration.mailroom.mode.rawValue))",
            "store            \(configuration.store.description)",
        ]
        switch configuration.source {
        case .imap(let imap):
            let auth = imap.oauth2Token != nil ? "XOAUTH2" : "password"
            lines.append(
                "source           \(imap.url) \(imap.mailbox) -> \(imap.processedMailbox) as \(imap.username) (\(auth), tls \(imap.tls.rawValue))"
            )
        case .maildir(let path):
            lines.append("source           maildir \(path)")
        }
        switch configuration.sink {
        case .smtp(let smtp):
            lines.append("sink             \(smtp.url) (tls \(smtp.tls.rawValue))")
        case .maildir(let path):
            lines.append("sink             maildir \(path)")
        }
        lines.append(
            "agents           \(configuration.agents.inbox); answering: \(configuration.agents.allowed.joined(separator: ", ")) "
                + "(authentication \(configuration.agents.authentication.rawValue))"
        )
        lines.append(
            "triage           \(configuration.triage.modelPath ?? "built-in model"), threshold \(configuration.triage.threshold)"
        )
        let llm = configuration.llm
        if let client = llm.client, llm.isEnabled {
            lines.append(
                "triage.backend   \(llm.backend.rawValue): \(client.model) at \(client.baseURL.absoluteString) "
                    + "(\(client.flavor.rawValue); key \(client.apiKey == nil ? "not set" : "set"); "
                    + "\(Int(client.timeoutSeconds)) s; \(client.maxConcurrent) at once"
                    + (llm.requireAgreement ? "; agreement required" : "")
                    + (llm.autoSendDrafts ? "; drafts sent automatically when screened" : "; drafts to the agents")
                    + ")")
        } else {
            lines.append("triage.backend   local (no language model)")
        }
        lines.append("templates        \(configuration.templatesPath ?? "built-in")")
        lines.append("tokens.secret    set (\(configuration.tokenSecret.utf8.count) bytes)")
        return lines
    }
}
