/// How an incoming message was matched to a ticket, strongest first. The raw values are safe metric labels.
public enum ThreadMethod: String, Hashable, Sendable, CaseIterable, Codable {
    /// In-Reply-To or References holds a Message-ID we signed.
    case messageID
    /// A recipient is the agents' reply address of a ticket (given out only in mail to the agents).
    case agentAddress
    /// A recipient is the support address with a signed ticket token (`support+TOKEN@domain`).
    case plusAddress
    /// The body (quoted history included) holds a signed `[ref:TOKEN]` marker.
    case bodyToken
    /// The subject holds `[#ID]` and the sender is the ticket's customer (never on a DMARC failure).
    case subjectToken
}
