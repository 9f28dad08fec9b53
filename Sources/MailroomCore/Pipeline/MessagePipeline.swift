import Foundation
import MailMessage
import Triage

/// Processes one stored message: parse -> recognise automated mail -> thread -> classify -> decide ->
/// render -> queue. Pure: everything it reads comes from the message, the lookup, and its collaborators; the
/// store applies the returned ``ProcessingOutcome`` in the same transaction. The renderer must not read files:
/// the caller reloads templates before the transaction and hands in a snapshot.
public struct MessagePipeline: Sendable {
    let settings: PipelineSettings
    let messageIDs: MessageIDScheme
    let plusAddress: PlusAddress
    let bodyToken: BodyToken
    let resolver: ThreadResolver
    let authentication: SenderAuthentication?
    let agentCheck: AgentCheck
    let loopPolicy: LoopPolicy
    let loopHeaders: LoopHeaders
    let decisionPolicy: DecisionPolicy
    let classifier: (any Classifier)?
    let signalDetector = SignalDetector()
    let similarity: @Sendable ([Token]) -> [SimilarityIndex.Match]
    let renderer: any ReplyRenderer

    /// The intent labels of the classifier (nil without one).
    public var intentLabels: [String]? { classifier?.labels }

    /// Creates the pipeline. Throws when the secret, instance id or support address is unusable.
    public init(
        settings: PipelineSettings, secret: String, instanceID: String, authservID: String?,
        loopConfiguration: LoopPolicy.Configuration, decisionConfiguration: DecisionPolicy.Configuration,
        classifier: (any Classifier)?, similarity: @escaping @Sendable ([Token]) -> [SimilarityIndex.Match],
        renderer: any ReplyRenderer
    ) throws {
        self.settings = settings
        let signer = try TokenSigner(secret: secret)
        messageIDs = try MessageIDScheme(signer: signer, domain: settings.domain)
        plusAddress = try PlusAddress(supportAddress: settings.supportAddress, signer: signer)
        bodyToken = BodyToken(signer: signer)
        resolver = ThreadResolver(messageIDs: messageIDs, plusAddress: plusAddress, bodyToken: bodyToken)
        authentication = authservID.map(SenderAuthentication.init(authservID:))
        agentCheck = AgentCheck(allowed: settings.allowedAgents, authentication: settings.agentAuthentication)
        loopPolicy = LoopPolicy(configuration: loopConfiguration)
        loopHeaders = try LoopHeaders(instanceID: instanceID)
        decisionPolicy = DecisionPolicy(configuration: decisionConfiguration)
        self.classifier = classifier
        self.similarity = similarity
        self.renderer = renderer
    }

    /// Processes `message`; `random` supplies Message-ID and public-id randomness. `prepared`, the result of
    /// ``prepare(_:)`` for the same message, spares the work already done outside the transaction.
    public func process<R: RandomNumberGenerator>(
        _ message: InboundMessage, prepared: PreparedMessage? = nil, lookup: any GatewayLookup, now: Date,
        random: inout R
    ) throws -> ProcessingOutcome {
        let prepared = prepared.flatMap { $0.raw == message.raw ? $0 : nil }
        if let size = message.oversizedSize {
            return try quarantine(
                message, reason: .oversized, detail: "\(size) bytes, over the size limit", now: now,
                random: &random)
        }
        guard let parsed = prepared?.parsed ?? (try? MessageParser.parse(message.raw, limits: settings.parseLimits))
        else {
            return try quarantine(
                message, reason: .unparseable, detail: "no message could be read", now: now,
                random: &random)
        }
        let sender = parsed.from.first ?? parsed.sender
        guard let sender, sender.address.contains("@") else {
            // A delivery report or an auto-reply without a From header is still machine mail, never a person's.
            guard (prepared?.kind ?? parsed.kindVerdict).kind != .normal else {
                return try quarantine(
                    message, reason: .unparseable, detail: "no sender address", now: now, random: &random)
            }
            var work = Work(
                message: message, parsed: parsed, sender: Address(address: ""), now: now, prepared: prepared)
            try thread(&work, lookup: lookup)
            try handleMachineMail(&work, lookup: lookup)
            return work.outcome()
        }
        var work = Work(message: message, parsed: parsed, sender: sender, now: now, prepared: prepared)
        try route(&work, lookup: lookup, random: &random)
        return work.outcome()
    }

    /// Quarantines a message that cannot be processed (after a processing error, for instance) and tells the
    /// agents, with the original attached when it is not too large.
    public func quarantine<R: RandomNumberGenerator>(
        _ message: InboundMessage, reason: QuarantineReason, detail: String, now: Date, random: inout R
    ) throws -> ProcessingOutcome {
        let parsed = try? MessageParser.parse(message.raw, limits: settings.parseLimits)
        let from = parsed?.from.first?.address
        let subject = parsed?.subject.map { TextLimits.subject($0) }
        let notice = try composeQuarantineNotice(
            message, parsed: parsed, reason: reason, detail: detail, now: now, random: &random)
        return ProcessingOutcome(
            disposition: .quarantined(reason, detail: detail), kind: parsed?.kind.rawValue, fromAddress: from,
            subject: subject,
            events: [
                AuditEvent(
                    .quarantined, reason: reason.rawValue, "held for a person: \(detail)",
                    outboxMessageID: notice.messageID)
            ], outbox: [notice])
    }

    /// Routes a readable message to the machine-mail, agent or customer path.
    private func route<R: RandomNumberGenerator>(_ work: inout Work, lookup: any GatewayLookup, random: inout R)
        throws
    {
        if loopHeaders.isOwnMail(work.parsed, messageIDs: messageIDs) {
            work.summary = .ownMail
            work.events.append(
                AuditEvent(
                    .suppressed, reason: SuppressionReason.Code.ownMail.rawValue,
                    "our own mail came back (loop header or our signed Message-ID); nothing sent"))
            return
        }
        work.authentication = authentication?.verdict(for: work.parsed)
        let sender = work.sender.address
        work.fromOwnAddress = plusAddress.isOwnAddress(sender) || sender.lowercased() == settings.agentsInbox
        try thread(&work, lookup: lookup)
        if work.kind.kind != .normal || work.fromOwnAddress {
            try handleMachineMail(&work, lookup: lookup)
            return
        }
        if try handledAsAgentMail(&work, random: &random) { return }
        try handleCustomerMail(&work, lookup: lookup, random: &random)
    }

    /// Finds the ticket the message belongs to (each candidate ticket is read once).
    private func thread(_ work: inout Work, lookup: any GatewayLookup) throws {
        var fetched: [String: Ticket] = [:]
        let read = ThreadResolver.Read(
            textBody: work.textBody,
            agentTargets: plusAddress.agentTargets(in: work.parsed, envelopeRecipient: work.message.envelopeRecipient))
        let match = try resolver.resolve(
            work.parsed, envelopeRecipient: work.message.envelopeRecipient,
            dmarcFailed: work.authentication?.dmarcFailed ?? false, read: read
        ) { publicID in
            let ticket = try lookup.ticket(publicID: publicID)
            fetched[publicID] = ticket
            return ticket.map { KnownTicket(publicID: $0.publicID, customerAddress: $0.customerEmail) }
        }
        if let match { work.ticket = fetched[match.publicID] }
        work.threadMethod = match?.method
        work.agentTargets = read.agentTargets
    }
}
