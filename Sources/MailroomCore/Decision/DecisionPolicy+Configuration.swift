extension DecisionPolicy {
    /// The settings of the decision rules (config keys under `triage.`).
    public struct Configuration: Sendable, Hashable {
        /// The confidence an intent needs for an automatic reply (`triage.threshold`, default 0.75).
        public var globalThreshold: Double
        /// Thresholds that replace the global one for some intents (`triage.thresholds.<intent>`).
        public var perIntentThresholds: [String: Double]
        /// Intents that always go to a person, whatever the confidence (`triage.alwaysEscalate`).
        public var alwaysEscalate: Set<String>
        /// The similarity (cosine) at which a resolved ticket's resolution is reused (`triage.similarityThreshold`).
        public var similarityThreshold: Double
        /// Escalate when the message reads as critically urgent.
        public var escalateOnCriticalUrgency: Bool
        /// Escalate when the tone is negative and the churn risk high.
        public var escalateOnUnhappyCustomerAtRisk: Bool
        /// Escalate when the sender failed DMARC.
        public var escalateOnDMARCFailure: Bool
        /// Automatic replies allowed per ticket before a person takes over.
        public var maxAutoRepliesPerTicket: Int
        /// `triage.requireAgreement`: with `triage.backend: both`, an automatic reply only when the language
        /// model names the same intent (its failure counts as disagreement).
        public var requireAgreement = false

        /// The intents escalated by default: complaints, legal matters, cancellations, requests for a person,
        /// account deletion.
        public static let defaultAlwaysEscalate: Set<String> = [
            "complaint", "legal", "cancellation", "cancel_order", "contact_human_agent", "delete_account",
        ]

        /// Creates a configuration; the defaults are the product's safe defaults.
        public init(
            globalThreshold: Double = 0.75,
            perIntentThresholds: [String: Double] = [:],
            alwaysEscalate: Set<String> = Configuration.defaultAlwaysEscalate,
            similarityThreshold: Double = 0.8,
            escalateOnCriticalUrgency: Bool = true,
            escalateOnUnhappyCustomerAtRisk: Bool = true,
            escalateOnDMARCFailure: Bool = true,
            maxAutoRepliesPerTicket: Int = 2
        ) {
            self.globalThreshold = globalThreshold
            self.perIntentThresholds = perIntentThresholds
            self.alwaysEscalate = alwaysEscalate
            self.similarityThreshold = similarityThreshold
            self.escalateOnCriticalUrgency = escalateOnCriticalUrgency
            self.escalateOnUnhappyCustomerAtRisk = escalateOnUnhappyCustomerAtRisk
            self.escalateOnDMARCFailure = escalateOnDMARCFailure
            self.maxAutoRepliesPerTicket = maxAutoRepliesPerTicket
        }

        /// The threshold for an intent: its own, or the global one.
        public func threshold(for intent: String) -> Double {
            perIntentThresholds[intent] ?? globalThreshold
        }
    }
}
