import Testing
import Triage

@testable import MailroomCore

@Suite struct DecisionPolicyTests {
    static func prediction(_ intent: String = "track_order", _ confidence: Double = 0.9) -> IntentPrediction {
        IntentPrediction(
            intent: intent, confidence: confidence, isOutOfScope: LabeledExample.outOfScopeLabels.contains(intent))
    }

    static func signals(
        urgency: Urgency = .low, sentiment: Sentiment = .neutral, churn: ChurnRisk = .low
    ) -> Signals {
        Signals(
            urgency: Signal(level: urgency, score: 0.5, evidence: urgency == .low ? [] : ["urgent"]),
            sentiment: Signal(level: sentiment, score: 0.5, evidence: []),
            churnRisk: Signal(level: churn, score: 0.5, evidence: churn == .low ? [] : ["switching to"]),
            language: Signal(level: "en", score: 0.9, evidence: [])
        )
    }

    static let similar = SimilarResolution(
        ticketID: "T-9", intent: "track_order", score: 0.92, resolution: "Your parcel was reshipped.", knowledgeID: 9)

    /// One row per rule: the input and the reason codes expected (empty: an automatic reply).
    static let table: [(String, DecisionInput, [Reason.Code])] = [
        ("confident", DecisionInput(prediction: prediction()), []),
        ("no model", DecisionInput(prediction: nil), [.modelUnavailable]),
        ("low confidence", DecisionInput(prediction: prediction("track_order", 0.6)), [.lowConfidence]),
        ("at the threshold", DecisionInput(prediction: prediction("track_order", 0.75)), []),
        ("out of scope", DecisionInput(prediction: prediction("oos", 0.95)), [.outOfScope]),
        ("always escalate", DecisionInput(prediction: prediction("complaint", 0.99)), [.alwaysEscalateIntent]),
        (
            "critical urgency", DecisionInput(prediction: prediction(), signals: signals(urgency: .critical)),
            [.criticalUrgency]
        ),
        ("high urgency alone", DecisionInput(prediction: prediction(), signals: signals(urgency: .high)), []),
        (
            "negative and high churn",
            DecisionInput(prediction: prediction(), signals: signals(sentiment: .negative, churn: .high)),
            [.unhappyCustomerAtRisk]
        ),
        (
            "negative, medium churn",
            DecisionInput(prediction: prediction(), signals: signals(sentiment: .negative, churn: .medium)), []
        ),
        (
            "DMARC fail", DecisionInput(prediction: prediction(), sender: SenderFacts(dmarc: .fail)),
            [.senderNotAuthenticated]
        ),
        ("DMARC none", DecisionInput(prediction: prediction(), sender: SenderFacts(dmarc: .none)), []),
        (
            "ticket with agent",
            DecisionInput(prediction: prediction(), ticket: TicketFacts(isFollowUp: true, status: .escalated)),
            [.ticketWithAgent]
        ),
        (
            "did not help",
            DecisionInput(
                prediction: prediction(), ticket: TicketFacts(isFollowUp: true, previousAnswerDidNotHelp: true)),
            [.previousAnswerDidNotHelp]
        ),
        (
            "auto-reply limit", DecisionInput(prediction: prediction(), ticket: TicketFacts(autoRepliesSent: 2)),
            [.autoReplyLimitReached]
        ),
        (
            "several at once",
            DecisionInput(
                prediction: prediction("complaint", 0.5), signals: signals(urgency: .critical),
                sender: SenderFacts(dmarc: .fail)),
            [.senderNotAuthenticated, .alwaysEscalateIntent, .lowConfidence, .criticalUrgency]
        ),
    ]

    @Test(arguments: table.indices)
    func rule(row: Int) {
        let (name, input, expected) = Self.table[row]
        let decision = DecisionPolicy().decide(input)
        if expected.isEmpty {
            guard case .autoReply(let reply) = decision else {
                Issue.record("\(name): expected an automatic reply, got \(decision.explanation)")
                return
            }
            #expect(reply.intent == input.prediction?.intent)
            #expect(reply.reasons.map(\.code) == [.confidentIntent])
        } else {
            guard case .escalate(let reasons) = decision else {
                Issue.record("\(name): expected escalation, got \(decision.explanation)")
                return
            }
            #expect(reasons.map(\.code) == expected, "\(name)")
        }
        #expect(!decision.explanation.isEmpty)
    }

    @Test func perIntentThresholdReplacesTheGlobalOne() {
        let policy = DecisionPolicy(
            configuration: .init(perIntentThresholds: ["get_refund": 0.95, "track_order": 0.5]))
        #expect(policy.decide(DecisionInput(prediction: Self.prediction("get_refund", 0.9))).kind == "escalate")
        #expect(policy.decide(DecisionInput(prediction: Self.prediction("track_order", 0.6))).kind == "autoReply")
        #expect(policy.decide(DecisionInput(prediction: Self.prediction("review", 0.7))).kind == "escalate")
    }

    @Test func knownResolutionIsReusedAboveTheSimilarityThreshold() {
        let decision = DecisionPolicy().decide(
            DecisionInput(prediction: Self.prediction(), similarResolution: Self.similar))
        guard case .autoReply(let reply) = decision else {
            Issue.record("expected an automatic reply")
            return
        }
        #expect(reply.reusedResolution?.ticketID == "T-9")
        #expect(reply.reasons.map(\.code) == [.confidentIntent, .knownResolution])
        #expect(decision.explanation.contains("T-9"))
        #expect(decision.explanation.contains("knowledge entry 9"))
    }

    /// Finding 2 of the trust issue: only an approved knowledge entry is reused.
    @Test func aResolutionWithoutAnApprovedEntryIsNeverReused() {
        var unapproved = Self.similar
        unapproved.knowledgeID = nil
        let decision = DecisionPolicy().decide(
            DecisionInput(prediction: Self.prediction(), similarResolution: unapproved))
        guard case .autoReply(let reply) = decision else {
            Issue.record("expected an automatic reply")
            return
        }
        #expect(reply.reusedResolution == nil)
    }

    @Test(arguments: [
        SimilarResolution(ticketID: "T-1", intent: "track_order", score: 0.6, resolution: "x"),
        SimilarResolution(ticketID: "T-2", intent: "get_refund", score: 0.99, resolution: "y"),
    ])
    func resolutionIsNotReusedWhenTooFarOrAboutAnotherIntent(similar: SimilarResolution) {
        let decision = DecisionPolicy().decide(DecisionInput(prediction: Self.prediction(), similarResolution: similar))
        guard case .autoReply(let reply) = decision else {
            Issue.record("expected an automatic reply")
            return
        }
        #expect(reply.reusedResolution == nil)
    }

    @Test func rulesCanBeSwitchedOff() {
        let configuration = DecisionPolicy.Configuration(
            alwaysEscalate: [], escalateOnCriticalUrgency: false, escalateOnUnhappyCustomerAtRisk: false,
            escalateOnDMARCFailure: false)
        let input = DecisionInput(
            prediction: Self.prediction("complaint", 0.9),
            signals: Self.signals(urgency: .critical, sentiment: .negative, churn: .high),
            sender: SenderFacts(dmarc: .fail))
        #expect(DecisionPolicy(configuration: configuration).decide(input).kind == "autoReply")
    }

    @Test func explanationsAreOneLine() {
        let decision = DecisionPolicy().decide(
            DecisionInput(prediction: Self.prediction("track_order", 0.42), signals: Self.signals(urgency: .critical)))
        #expect(
            decision.explanation
                == "Escalated: confidence 0.42 for track_order is below 0.75; critical urgency (urgent).")
        #expect(!decision.explanation.contains("\n"))
    }
}
