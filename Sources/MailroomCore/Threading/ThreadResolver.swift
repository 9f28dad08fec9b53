import Foundation
import MailMessage

/// Finds the ticket an incoming message belongs to, trying in order: our signed Message-IDs in In-Reply-To
/// and References (newest first), an agents' reply address, a signed plus-address among the recipients, a signed body marker (text
/// and HTML, quoted history included), and last the unsigned `[#ID]` subject token, which is accepted only
/// from the ticket's customer and never when DMARC failed.
///
/// Every candidate must also exist according to the caller's lookup; a signed token for a ticket that no
/// longer exists falls through to the next candidate. The lookup is called at most once per public id.
public struct ThreadResolver: Sendable {
    /// The most candidates per method that are looked up, so a message naming many tickets (a long
    /// References chain, a subject full of `[#ID]`) costs a bounded number of lookups.
    public static let maximumCandidatesPerMethod = 16

    private let messageIDs: MessageIDScheme
    private let plusAddress: PlusAddress
    private let bodyToken: BodyToken

    /// Creates a resolver from the three signed schemes (all built on the same ``TokenSigner``).
    public init(messageIDs: MessageIDScheme, plusAddress: PlusAddress, bodyToken: BodyToken) {
        self.messageIDs = messageIDs
        self.plusAddress = plusAddress
        self.bodyToken = bodyToken
    }

    /// The candidates in the order they are tried, before any lookup: signed ones already verified,
    /// subject tokens only syntactically (and none when `dmarcFailed`).
    /// - Parameter read: what the caller has read of the message already (read here when nil).
    public func candidates(in message: Message, envelopeRecipient: String?, dmarcFailed: Bool, read: Read? = nil)
        -> [ThreadMatch]
    {
        let read = read ?? Read(message, envelopeRecipient: envelopeRecipient, plusAddress: plusAddress)
        var found: [ThreadMatch] = []
        func add(_ ids: [String], _ method: ThreadMethod) {
            found += ids.prefix(Self.maximumCandidatesPerMethod).map { ThreadMatch(publicID: $0, method: method) }
        }
        add(messageIDs.publicIDs(in: MessageIDScheme.replyIDs(of: message)), .messageID)
        var agentIDs: [String] = []
        for target in read.agentTargets where !agentIDs.contains(target.publicID) {
            agentIDs.append(target.publicID)
        }
        add(agentIDs, .agentAddress)
        add(plusAddress.publicIDs(in: message, envelopeRecipient: envelopeRecipient), .plusAddress)
        var bodyIDs = bodyToken.publicIDs(in: read.textBody)
        if let html = message.htmlBody(maximumBytes: TextLimits.maximumBodyBytes) {
            bodyIDs += bodyToken.publicIDs(in: html).filter { !bodyIDs.contains($0) }
        }
        add(bodyIDs, .bodyToken)
        if !dmarcFailed, let subject = message.subject {
            add(SubjectToken.publicIDs(in: subject), .subjectToken)
        }
        return found
    }

    /// The first candidate that the lookup confirms, or nil (a new ticket).
    /// - Parameters:
    ///   - envelopeRecipient: the RCPT TO address, when known.
    ///   - dmarcFailed: whether the trusted Authentication-Results reported `dmarc=fail`.
    ///   - lookup: public id -> the ticket, or nil when there is none.
    ///   - read: what the caller has read of the message already (read here when nil).
    public func resolve(
        _ message: Message, envelopeRecipient: String?, dmarcFailed: Bool, read: Read? = nil,
        lookup: (String) throws -> KnownTicket?
    ) rethrows -> ThreadMatch? {
        let sender = message.from.first?.address
        var known: [String: KnownTicket?] = [:]
        for candidate in candidates(
            in: message, envelopeRecipient: envelopeRecipient, dmarcFailed: dmarcFailed, read: read)
        {
            if known[candidate.publicID] == nil { known[candidate.publicID] = .some(try lookup(candidate.publicID)) }
            if Self.accepts(candidate, ticket: known[candidate.publicID] ?? nil, sender: sender) { return candidate }
        }
        return nil
    }

    /// The first candidate that the (asynchronous) lookup confirms, or nil (a new ticket).
    /// - Parameters:
    ///   - envelopeRecipient: the RCPT TO address, when known.
    ///   - dmarcFailed: whether the trusted Authentication-Results reported `dmarc=fail`.
    ///   - lookup: public id -> the ticket, or nil when there is none.
    public func resolve(
        _ message: Message, envelopeRecipient: String?, dmarcFailed: Bool,
        lookup: (String) async throws -> KnownTicket?
    ) async rethrows -> ThreadMatch? {
        let sender = message.from.first?.address
        var known: [String: KnownTicket?] = [:]
        for candidate in candidates(in: message, envelopeRecipient: envelopeRecipient, dmarcFailed: dmarcFailed) {
            if known[candidate.publicID] == nil {
                known[candidate.publicID] = .some(try await lookup(candidate.publicID))
            }
            if Self.accepts(candidate, ticket: known[candidate.publicID] ?? nil, sender: sender) { return candidate }
        }
        return nil
    }

    /// What threading reads of a message that the pipeline reads too, so each is read once: the text body
    /// (decoded, at most ``TextLimits/maximumBodyBytes``; the new text is taken from it) and the agents' reply
    /// addresses it was sent to.
    public struct Read: Sendable {
        /// The text body, as `Message.textBody(maximumBytes: TextLimits.maximumBodyBytes)` reads it.
        public let textBody: String
        /// The agents' reply addresses, as `PlusAddress.agentTargets(in:envelopeRecipient:)` finds them.
        public let agentTargets: [AgentTarget]

        /// What was read.
        public init(textBody: String, agentTargets: [AgentTarget]) {
            self.textBody = textBody
            self.agentTargets = agentTargets
        }

        /// Reads both of `message`.
        public init(_ message: Message, envelopeRecipient: String?, plusAddress: PlusAddress) {
            self.init(
                textBody: message.textBody(maximumBytes: TextLimits.maximumBodyBytes),
                agentTargets: plusAddress.agentTargets(in: message, envelopeRecipient: envelopeRecipient))
        }
    }

    /// Whether a looked-up candidate is accepted: the ticket exists, and for a subject token the sender
    /// is its customer.
    static func accepts(_ candidate: ThreadMatch, ticket: KnownTicket?, sender: String?) -> Bool {
        guard let ticket else { return false }
        guard candidate.method == .subjectToken else { return true }
        guard let sender = sender?.trimmingCharacters(in: .whitespaces), !sender.isEmpty else { return false }
        return sender.lowercased() == ticket.customerAddress.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
