import Foundation
import Yams

/// Every configuration key Mailroom reads, and the check that a file names no other: a typo such as
/// `alwaysEscalte` or `perhour` is an error with a suggestion, not a silently ignored line.
enum ConfigKeys {
    /// The keys, dotted (`section.key`). `ConfigurationTests` checks that this list and the readers agree.
    static let all: Set<String> = [
        "mailroom.supportAddress", "mailroom.authservId", "mailroom.mode", "mailroom.companyName",
        "mailroom.instanceId", "mailroom.defaultLanguage", "store.path", "store.url", "store.password",
        "store.leaseSeconds", "store.poolSize", "imap.url", "imap.username",
        "imap.password", "imap.oauth2Token", "imap.mailbox", "imap.processedMailbox", "imap.tls", "imap.caFile",
        "imap.pollSeconds", "imap.idle", "imap.maxMessageBytes", "imap.timeoutSeconds", "maildir.inbox",
        "maildir.outbox", "smtp.url", "smtp.username", "smtp.password", "smtp.oauth2Token", "smtp.tls",
        "smtp.caFile", "smtp.timeoutSeconds", "smtp.connections", "agents.inbox", "agents.allowed",
        "agents.authentication",
        "agents.maxAttachmentBytes", "triage.model", "triage.threshold", "triage.intentThresholds",
        "triage.alwaysEscalate", "triage.similarityThreshold", "templates.path", "tokens.secret",
        "outbox.maxAttempts", "outbox.retryBaseSeconds", "outbox.retryMaxSeconds", "outbox.claimBatch",
        "limits.perHour",
        "limits.perDay", "limits.floodCooldownHours", "limits.bouncePauseDays", "metrics.path",
        "alerts.silenceMinutes", "http.port", "http.host", "http.publicURL", "http.publicIntake", "http.sessionHours",
        "http.opsToken", "http.metricsToken", "http.intakePerMinute", "http.intakePerAddressPerHour",
        "kpis.quietHours", "sla.businessHours", "sla.firstResponseMinutes.low", "sla.firstResponseMinutes.medium",
        "sla.firstResponseMinutes.high", "sla.firstResponseMinutes.critical", "sla.resolutionHours.low",
        "sla.resolutionHours.medium", "sla.resolutionHours.high", "sla.resolutionHours.critical", "alerts.to",
        "alerts.spikeFactor", "alerts.spikeMinimum", "alerts.quarantinePerHour", "alerts.maxPerHour",
        "triage.backend", "triage.requireAgreement", "llm.baseURL", "llm.model", "llm.apiKey", "llm.timeoutSeconds",
        "llm.maxConcurrent", "llm.flavor", "llm.prompts", "llm.calibration", "llm.autoSendDrafts", "llm.allowedLinks",
        "llm.allowedPhones", "llm.breakerFailures", "llm.breakerSeconds", "llm.maxTokens",
    ]

    /// A problem for every key in the YAML text that Mailroom does not read, with the closest known key.
    static func unknownKeyProblems(inYAML text: String) -> [ConfigProblem] {
        guard let root = try? Yams.load(yaml: text) as? [String: Any] else { return [] }
        return flatten(root, prefix: "").filter { !all.contains($0) }.sorted().map { key in
            let hint = suggestion(for: key).map { "; did you mean \($0)?" } ?? ""
            return ConfigProblem(key: key, message: "unknown key\(hint)")
        }
    }

    /// The dotted keys of a YAML mapping (lists and scalars are values).
    static func flatten(_ mapping: [String: Any], prefix: String) -> [String] {
        mapping.flatMap { key, value -> [String] in
            let dotted = prefix.isEmpty ? key : prefix + "." + key
            if let nested = value as? [String: Any] { return flatten(nested, prefix: dotted) }
            return [dotted]
        }
    }

    /// The known key nearest to `key` (edit distance, ignoring case), when it is close enough to be a typo.
    static func suggestion(for key: String) -> String? {
        let scored = all.map { ($0, distance(key.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
        return best.1 <= max(2, key.count / 4) ? best.0 : nil
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
