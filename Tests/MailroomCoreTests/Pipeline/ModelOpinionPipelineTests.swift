import Foundation
import MailMessage
import Testing
import Triage

@testable import MailroomCore

/// The language model's opinion in the pipeline: the model recommends, the policy decides. Each backend, the
/// fallback, the audit record, agreement, calibration, drafts for the agents, `#send-draft` and
/// `llm.autoSendDrafts`.
@Suite struct ModelOpinionPipelineTests {
    static let provenance = ModelOpinion.Provenance(
        model: "tiny-model", promptVersion: "intents@1,policy@1,language@1", promptHash: "ab12",
        schemaVersion: "triage-v1")

    static func answer(
        intent: String = "get_refund", stated: Double = 0.9, calibrated: Double? = 0.93, urgency: Urgency = .low,
        draft: String = "We have started your refund; it reaches your account within five working days."
    ) -> ModelOpinion {
        ModelOpinion(
            answer: ModelOpinion.Answer(
                intent: intent, urgency: urgency, sentiment: .neutral, churnRisk: .low, language: "en",
                statedConfidence: stated, calibratedConfidence: calibrated, replyDraft: draft,
                reason: "the customer asks for money back"),
            fallback: nil, provenance: provenance, latencyMilliseconds: 420, attempts: 1,
            raw: #"{"intent":"\#(intent)","confidence":\#(stated)}"#)
    }

    static let timedOut = ModelOpinion(
        answer: nil, fallback: "timeout", fallbackDetail: "no answer within 20.0 s", provenance: provenance,
        latencyMilliseconds: 20_000, attempts: 3, raw: nil)

    func pipeline(
        _ backend: TriageBackend, requireAgreement: Bool = false, autoSend: Bool = false,
        screen: DraftScreen = DraftScreen()
    ) throws -> MessagePipeline {
        var settings = PipelineSettings(
            supportAddress: "support@shop.example", companyName: "Shop", agentsInbox: "agents@shop.example",
            allowedAgents: ["ana@shop.example"])
        settings.opinions = OpinionSettings(backend: backend, autoSendDrafts: autoSend, screen: screen)
        var decision = DecisionPolicy.Configuration()
        decision.requireAgreement = requireAgreement
        return try MessagePipeline(
            settings: settings, secret: testSecret, instanceID: "shop.example", authservID: "mx.shop.example",
            loopConfiguration: LoopPolicy.Configuration(), decisionConfiguration: decision,
            classifier: KeywordClassifier(rules: [
                ("where is my order", "track_order", 0.97), ("refund", "get_refund", 0.95), ("penguin", "review", 0.2),
            ]), similarity: { _ in [] }, renderer: EchoRenderer())
    }

    /// Processes `raw` with `opinion` attached to its preparation, as the processor does.
    func run(
        _ raw: [UInt8], _ pipeline: MessagePipeline, opinion: ModelOpinion?, lookup: FakeLookup = FakeLookup(),
        row: Int64 = 1
    ) throws -> ProcessingOutcome {
        let message = InboundMessage(rowID: row, raw: raw, receivedAt: testNow, source: "test")
        var prepared = try #require(pipeline.prepare(message))
        prepared.opinion = opinion
        var random = SeededRandom(seed: UInt64(row))
        let outcome = try pipeline.process(message, prepared: prepared, lookup: lookup, now: testNow, random: &random)
        lookup.apply(outcome)
        return outcome
    }

    let refundMail = customerMail(subject: "Money back", body: "I would like a refund for the blue kettle, please.")
    let orderMail = customerMail()

    func triaged(_ outcome: ProcessingOutcome) throws -> AuditEvent {
        try #require(outcome.events.first { $0.type == .triaged })
    }

    @Test func theModelIsNotAskedAboutMachineMailAgentsOrWithTheLocalBackend() throws {
        func question(_ pipeline: MessagePipeline, _ raw: [UInt8]) throws -> String? {
            let prepared = try #require(
                pipeline.prepare(InboundMessage(rowID: 1, raw: raw, receivedAt: testNow, source: "t")))
            return pipeline.modelQuestion(prepared)
        }
        #expect(try question(try pipeline(.local), orderMail) == nil)
        let llm = try pipeline(.llm)
        let asked = try #require(try question(llm, orderMail))
        #expect(asked.hasPrefix("Subject: Where is my order?"))
        #expect(asked.contains("where is my order #A10-1234"))
        #expect(try question(llm, customerMail(from: "Ana <ana@shop.example>", body: "internal")) == nil)
        let bounce = Array(
            """
            From: MAILER-DAEMON@mx.example.com
            To: support@shop.example
            Subject: Undelivered Mail Returned to Sender
            Auto-Submitted: auto-replied
            Return-Path: <>

            could not be delivered

            """.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        #expect(try question(llm, bounce) == nil)
    }

    @Test func withTheLLMBackendTheCalibratedAnswerDecidesAndEverythingIsAudited() throws {
        // The local classifier says track_order (0.97); the model says get_refund, calibrated 0.93.
        let outcome = try run(orderMail, try pipeline(.llm), opinion: Self.answer())
        #expect(outcome.ticket?.intent == "get_refund")
        #expect(outcome.ticket?.confidence == 0.93)
        #expect(outcome.outbox.first?.parsed.textBody.contains("TEMPLATE intent:get_refund") == true)
        let event = try triaged(outcome)
        #expect(event.reason == "answered")
        let json = try #require(event.detail.firstIndex(of: "{").map { String(event.detail[$0...]) })
        let record = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(record["backend"] as? String == "llm")
        #expect(record["model"] as? String == "tiny-model")
        #expect(record["promptVersion"] as? String == "intents@1,policy@1,language@1")
        #expect(record["promptHash"] as? String == "ab12")
        #expect(record["schemaVersion"] as? String == "triage-v1")
        #expect(record["latencyMs"] as? Int == 420)
        #expect((record["raw"] as? String)?.contains("get_refund") == true)
        #expect(record["calibratedConfidence"] as? Double == 0.93)
        // The draft is kept on the ticket for #send-draft and shown in the console's classification.
        #expect(outcome.ticket?.signalsJSON?.contains("five working days") == true)
    }

    @Test func anUncalibratedModelNeverAnswersOnItsOwn() throws {
        let outcome = try run(orderMail, try pipeline(.llm), opinion: Self.answer(stated: 0.99, calibrated: nil))
        #expect(
            outcome.events.contains { $0.type == .decided && $0.reason?.contains("uncalibratedConfidence") == true })
        #expect(outcome.ticket?.status == .escalated)
    }

    @Test func unknownIntentEscalatesAndTheDraftReachesTheAgents() throws {
        let outcome = try run(orderMail, try pipeline(.llm), opinion: Self.answer(intent: "unknown", calibrated: 0.99))
        #expect(outcome.ticket?.status == .escalated)
        #expect(outcome.events.contains { $0.type == .decided && $0.reason?.contains("outOfScope") == true })
        let escalation = try #require(outcome.outbox.first { $0.purpose == .escalation })
        #expect(escalation.parsed.textBody.contains("DRAFT We have started your refund"))
    }

    @Test func aFailedModelLeavesTheLocalClassifierToDecideAndSaysWhy() throws {
        let outcome = try run(orderMail, try pipeline(.llm), opinion: Self.timedOut)
        #expect(outcome.ticket?.intent == "track_order")
        #expect(outcome.ticket?.status == .autoReplied)
        let event = try triaged(outcome)
        #expect(event.reason == "timeout")
        #expect(event.detail.contains("\"attempts\":3"))
        #expect(event.detail.contains("\"fallback\":\"timeout\""))
        // Not asked at all (no preparation): recorded too.
        let notAsked = try run(orderMail, try pipeline(.llm), opinion: nil)
        #expect(try triaged(notAsked).reason == "not_asked")
    }

    @Test func theModelRaisesSignalsButNeverLowersThem() throws {
        let outcome = try run(
            orderMail, try pipeline(.llm), opinion: Self.answer(intent: "track_order", urgency: .critical))
        #expect(outcome.ticket?.urgency == "critical")
        #expect(outcome.events.contains { $0.type == .decided && $0.reason?.contains("criticalUrgency") == true })
    }

    @Test func bothRecordsBothOpinionsAndCanRequireAgreement() throws {
        // Local: track_order 0.97. The model disagrees.
        let lenient = try run(orderMail, try pipeline(.both), opinion: Self.answer())
        #expect(lenient.ticket?.intent == "track_order")
        #expect(lenient.ticket?.status == .autoReplied)
        #expect(try triaged(lenient).detail.contains("\"backend\":\"both\""))
        let strict = try pipeline(.both, requireAgreement: true)
        let disagreed = try run(orderMail, strict, opinion: Self.answer())
        #expect(disagreed.ticket?.status == .escalated)
        #expect(disagreed.events.contains { $0.type == .decided && $0.reason?.contains("modelsDisagree") == true })
        let agreed = try run(orderMail, strict, opinion: Self.answer(intent: "track_order"))
        #expect(agreed.ticket?.status == .autoReplied)
        let failed = try run(orderMail, strict, opinion: Self.timedOut)
        #expect(failed.ticket?.status == .escalated)
        #expect(failed.events.contains { $0.detail.contains("gave no answer (timeout)") })
    }

    @Test func agentsSendTheDraftWithSendDraft() throws {
        let pipeline = try pipeline(.llm)
        let lookup = FakeLookup()
        let first = try run(orderMail, pipeline, opinion: Self.answer(calibrated: 0.1), lookup: lookup)
        let escalation = try #require(first.outbox.first { $0.purpose == .escalation })
        #expect(escalation.parsed.textBody.contains("DRAFT We have started your refund"))
        let reply = Array(
            """
            Authentication-Results: mx.shop.example; dkim=pass header.d=shop.example; dmarc=pass header.from=shop.example
            From: Ana <ana@shop.example>
            To: \(escalation.parsed.replyTo.first!.address)
            Subject: Re: \(escalation.subject)
            Message-ID: <agent-1@shop.example>
            In-Reply-To: <\(escalation.messageID)>

            #send-draft
            checked the order first

            """.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let sent = try run(reply, pipeline, opinion: nil, lookup: lookup, row: 2)
        let relay = try #require(sent.outbox.first)
        #expect(relay.purpose == .agentRelay)
        #expect(relay.recipients == ["ann@example.com"])
        #expect(relay.parsed.textBody.contains("ANSWER We have started your refund"))
        #expect(sent.ticket?.status == .answered)
        #expect(sent.knowledge == nil)
        #expect(sent.events.contains { $0.type == .note && $0.detail.contains("checked the order first") })
    }

    @Test func sendDraftWithoutADraftIsRefused() throws {
        let pipeline = try pipeline(.llm)
        let lookup = FakeLookup()
        let first = try run(
            customerMail(subject: "knees", body: "penguin knees?"), pipeline, opinion: Self.timedOut, lookup: lookup)
        let escalation = try #require(first.outbox.first { $0.purpose == .escalation })
        #expect(!escalation.parsed.textBody.contains("DRAFT"))
        let reply = Array(
            """
            Authentication-Results: mx.shop.example; dkim=pass header.d=shop.example; dmarc=pass header.from=shop.example
            From: Ana <ana@shop.example>
            To: \(escalation.parsed.replyTo.first!.address)
            Subject: Re: x
            Message-ID: <agent-2@shop.example>

            #send-draft

            """.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let refused = try run(reply, pipeline, opinion: nil, lookup: lookup, row: 2)
        #expect(refused.outbox.first?.recipients == ["ana@shop.example"])
        #expect(refused.events.contains { $0.type == .rejected && $0.reason == "noDraft" })
    }

    @Test func autoSendDraftsOnlyWhenThePolicyAnswersAndTheScreenPasses() throws {
        let screen = DraftScreen(allowedLinks: ["https://shop.example/help/"], allowedPhones: ["+44 20 7946 0000"])
        let auto = try pipeline(.llm, autoSend: true, screen: screen)
        let clean = Self.answer(
            draft: "Your refund is on its way. See https://shop.example/help/refunds or call +44 20 7946 0000.")
        let sent = try run(refundMail, auto, opinion: clean)
        #expect(sent.outbox.first?.parsed.textBody.contains("RESOLUTION Your refund is on its way") == true)
        // A link off the list: the template's own text goes instead, and the refusal is recorded.
        let linked = Self.answer(draft: "Claim it at https://evil.example/refund now.")
        let refused = try run(refundMail, auto, opinion: linked, row: 2)
        #expect(refused.outbox.first?.parsed.textBody.contains("RESOLUTION") == false)
        #expect(refused.events.contains { $0.type == .checked && $0.reason == "draftNotSent" })
        // Off by default, and never when the policy escalates.
        let off = try run(refundMail, try pipeline(.llm), opinion: clean, row: 3)
        #expect(off.outbox.first?.parsed.textBody.contains("RESOLUTION") == false)
        let escalated = try run(
            refundMail, auto, opinion: Self.answer(calibrated: 0.2, draft: clean.answer!.replyDraft), row: 4)
        #expect(escalated.ticket?.status == .escalated)
        #expect(
            !escalated.outbox.contains {
                $0.recipients == ["ann@example.com"] && $0.parsed.textBody.contains("RESOLUTION")
            })
    }
}

@Suite struct DraftScreenTests {
    let screen = DraftScreen(allowedLinks: ["https://shop.example/help/"], allowedPhones: ["+44 20 7946 0000"])

    @Test func allowedLinksAndPhonesPass() {
        #expect(screen.problems(in: "See https://shop.example/help/returns or call +44 (20) 7946-0000.").isEmpty)
        #expect(screen.problems(in: "Thank you, we will look into it today.").isEmpty)
    }

    @Test func otherLinksPhonesAndPersonalDataAreRefused() {
        #expect(screen.problems(in: "Go to https://shop.example.evil.io/x").count == 1)
        #expect(screen.problems(in: "Visit www.other.com today").count == 1)
        #expect(screen.problems(in: "open shop-refunds.com/claim").count == 1)
        #expect(screen.problems(in: "Call us on 0800 123 4567.").first?.contains("phone") == true)
        #expect(screen.problems(in: "Write to jane.doe@gmail.com").first?.contains("email") == true)
        #expect(!screen.problems(in: "Card 4111 1111 1111 1111 was charged").isEmpty)
    }
}
