/// Decides whether a mail from an address in `agents.allowed` is an agent's answer: it must come from an
/// allowed address (compared without regard to case), be proven by the trusted receiving server (an aligned
/// pass in the one Authentication-Results field it added; see
/// ``AuthenticationVerdict/alignedPassProblem(forDomain:)``), and arrive through the agents' reply address of
/// the ticket (``PlusAddress/agentAddress(for:scope:)``), which is only ever sent to the agents. Every check
/// fails closed: a mail that fails any of them is not relayed and not learned.
public struct AgentCheck: Sendable {
    /// How agents are authenticated (`agents.authentication`).
    public enum Authentication: String, Sendable, Hashable, CaseIterable {
        /// The trusted receiving server (`mailroom.authservId`) must report an aligned pass (the default).
        case required
        /// No receiving server checks senders: anyone who knows an agent's address and the agents' reply
        /// address can answer customers. Only for deployments that say so explicitly.
        case none
    }

    /// The verdict for one mail.
    public enum Verdict: Sendable, Hashable {
        /// Not from an allowed agent address: the customer or third-party path applies.
        case notAnAgent
        /// An agent's answer, through a reply address of this scope.
        case agent(AgentScope)
        /// From an allowed agent address, but not proven: recorded as an internal note, never relayed.
        case unauthenticated(reasons: [String])
    }

    /// The allowed addresses, lower case.
    public let allowed: Set<String>
    /// How agents are authenticated.
    public let authentication: Authentication

    /// Creates the check.
    public init(allowed: Set<String>, authentication: Authentication) {
        self.allowed = Set(allowed.map { $0.lowercased() })
        self.authentication = authentication
    }

    /// Whether `address` is an allowed agent address (ignoring case).
    public func isAllowed(_ address: String) -> Bool {
        allowed.contains(address.lowercased())
    }

    /// The verdict for a mail from `sender` on ticket `publicID`.
    /// - Parameters:
    ///   - verdict: what the trusted receiving server said (nil when no authserv-id is configured).
    ///   - targets: the agents' reply addresses the mail was sent to.
    public func evaluate(
        sender: String, publicID: String, verdict: AuthenticationVerdict?, targets: [AgentTarget]
    ) -> Verdict {
        guard isAllowed(sender) else { return .notAnAgent }
        var reasons: [String] = []
        if authentication == .required {
            let domain = sender.split(separator: "@").last.map(String.init) ?? ""
            if let verdict {
                if let problem = verdict.alignedPassProblem(forDomain: domain) { reasons.append(problem) }
            } else {
                reasons.append("no trusted receiving server is configured (mailroom.authservId)")
            }
        }
        let target = targets.first { $0.publicID == publicID.uppercased() }
        if target == nil {
            reasons.append("not sent to the agents' reply address of \(publicID)")
        }
        guard reasons.isEmpty, let target else { return .unauthenticated(reasons: reasons) }
        return .agent(target.scope)
    }
}
