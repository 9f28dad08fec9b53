import Foundation
import MailMessage
import Triage

@testable import MailroomCore

/// An in-memory ``GatewayLookup`` for pure pipeline tests.
final class FakeLookup: GatewayLookup {
    var tickets: [String: Ticket] = [:]
    var sent: [String: String] = [:]
    var automaticLastHour = 0
    var automaticLastDay = 0
    var rateLimited: [Date] = []
    var pause: SenderPause?
    var knowledge: [String: KnowledgeEntry] = [:]

    func ticket(publicID: String) throws -> Ticket? { tickets[publicID.uppercased()] }
    func ticket(forSentMessageID messageID: String) throws -> Ticket? { sent[messageID].flatMap { tickets[$0] } }
    func automaticMailCount(to address: String, since date: Date) throws -> Int {
        date > testNow.addingTimeInterval(-3601) ? automaticLastHour : automaticLastDay
    }
    func rateLimitTimes(for address: String, since date: Date) throws -> [Date] { rateLimited }
    func activePause(for address: String, at date: Date) throws -> SenderPause? { pause }
    func publicIDExists(_ publicID: String) throws -> Bool { tickets[publicID] != nil }
    func approvedKnowledge(ticketPublicID: String) throws -> KnowledgeEntry? {
        knowledge[ticketPublicID].flatMap { $0.state == .approved ? $0 : nil }
    }

    /// Stores what an outcome did, as the store would.
    func apply(_ outcome: ProcessingOutcome) {
        guard let ticket = outcome.ticket else { return }
        tickets[ticket.publicID] = ticket
        if var entry = outcome.knowledge {
            entry.id = Int64(knowledge.count + 1)
            knowledge[entry.ticketPublicID] = entry
        }
        for draft in outcome.outbox { sent[draft.messageID] = ticket.publicID }
    }
}

/// A classifier that maps keywords to intents with fixed confidences.
struct KeywordClassifier: Classifier {
    let rules: [(keyword: String, intent: String, confidence: Double)]
    var labels: [String] { rules.map(\.intent) }

    func predict(_ text: String) -> IntentPrediction {
        let lower = text.lowercased()
        for rule in rules where lower.contains(rule.keyword) {
            return IntentPrediction(intent: rule.intent, confidence: rule.confidence)
        }
        return IntentPrediction(intent: "track_order", confidence: 0.2)
    }
}

/// A renderer that writes which template it rendered and the variables that matter to the tests.
struct EchoRenderer: ReplyRenderer {
    func canRender(_ template: ReplyTemplate, language: String) -> Bool {
        if case .named(let name) = template { return name != "missing" }
        return true
    }

    func render(_ template: ReplyTemplate, language: String, context: TemplateContext) -> RenderedReply? {
        let name: String
        switch template {
        case .intent(let intent): name = "intent:\(intent)"
        case .acknowledgement: name = "acknowledgement"
        case .escalation: name = "escalation"
        case .agentRelay: name = "agent-relay"
        case .named(let template):
            guard template != "missing" else { return nil }
            name = "named:\(template)"
        }
        var lines = ["TEMPLATE \(name) \(language)"]
        if let answer = context.agent?.answer { lines.append("ANSWER \(answer)") }
        if let resolution = context.resolution { lines.append("RESOLUTION \(resolution.text)") }
        if let escalation = context.escalation {
            lines.append("REASONS \(escalation.reasons.joined(separator: " | "))")
            if let author = escalation.author { lines.append("AUTHOR \(author.line)") }
            if let draft = escalation.draft { lines.append("DRAFT \(draft)") }
        }
        lines.append("GREETING \(context.customer.firstName ?? "-")")
        lines.append(context.ticket.reference)
        return RenderedReply(text: lines.joined(separator: "\n"), html: nil, language: language)
    }
}

let testNow = Date(timeIntervalSince1970: 1_800_000_000)
let testSecret = "pipeline-test-secret-0123456789"

func makePipeline(
    classifier: (any Classifier)? = KeywordClassifier(rules: [
        ("where is my order", "track_order", 0.97), ("refund", "get_refund", 0.95), ("cancel", "cancel_order", 0.99),
        ("penguin", "review", 0.2),
    ]),
    similarity: @escaping @Sendable ([Token]) -> [SimilarityIndex.Match] = { _ in [] },
    agentAuthentication: AgentCheck.Authentication = .required, maxAttachmentBytes: Int = 10 << 20
) throws -> MessagePipeline {
    try MessagePipeline(
        settings: PipelineSettings(
            supportAddress: "support@shop.example", companyName: "Shop", agentsInbox: "agents@shop.example",
            allowedAgents: ["ana@shop.example"], agentAuthentication: agentAuthentication,
            maxAttachmentBytes: maxAttachmentBytes),
        secret: testSecret, instanceID: "shop.example", authservID: "mx.shop.example",
        loopConfiguration: LoopPolicy.Configuration(), decisionConfiguration: DecisionPolicy.Configuration(),
        classifier: classifier, similarity: similarity, renderer: EchoRenderer())
}

/// A customer mail; `extra` adds header lines.
func customerMail(
    from: String = "Ann Lee <ann@example.com>", subject: String = "Where is my order?",
    body: String = "Hello, where is my order #A10-1234? Thanks, Ann", id: String = "c1@example.com", extra: String = ""
) -> [UInt8] {
    Array(
        """
        From: \(from)
        To: support@shop.example
        Subject: \(subject)
        Message-ID: <\(id)>
        Date: Sat, 21 Nov 2026 10:00:00 +0000
        Return-Path: <ann@example.com>
        \(extra)
        \(body)

        """.replacingOccurrences(of: "\n", with: "\r\n").utf8)
}

func process(
    _ raw: [UInt8], pipeline: MessagePipeline, lookup: FakeLookup, envelopeRecipient: String? = nil, row: Int64 = 1
) throws -> ProcessingOutcome {
    var random = SeededRandom(seed: UInt64(row) &* 7919)
    let message = InboundMessage(
        rowID: row, raw: raw, receivedAt: testNow, source: "test", envelopeRecipient: envelopeRecipient)
    let outcome = try pipeline.process(message, lookup: lookup, now: testNow, random: &random)
    lookup.apply(outcome)
    return outcome
}

/// SplitMix64: reproducible randomness for Message-IDs and boundaries.
struct SeededRandom: RandomNumberGenerator {
    var seed: UInt64
    mutating func next() -> UInt64 {
        seed &+= 0x9E37_79B9_7F4A_7C15
        var value = seed
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

extension OutboxDraft {
    var parsed: Message { try! MessageParser.parse(raw) }
}
