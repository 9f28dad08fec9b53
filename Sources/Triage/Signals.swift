/// How urgent a message is.
public enum Urgency: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Nothing suggests a hurry.
    case low
    /// Some time pressure (today, deadline, still waiting).
    case medium
    /// Explicit urgency (urgent, as soon as possible, immediately).
    case high
    /// Harm happening now (fraud, account hacked, outage, emergency).
    case critical

    /// Orders the levels from low to critical.
    public static func < (lhs: Urgency, rhs: Urgency) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The customer's tone.
public enum Sentiment: String, Sendable, Hashable, CaseIterable {
    /// Angry, disappointed, frustrated.
    case negative
    /// Neither.
    case neutral
    /// Thankful, pleased.
    case positive
}

/// How likely the customer is to leave.
public enum ChurnRisk: String, Sendable, Hashable, CaseIterable, Comparable {
    /// No sign of leaving.
    case low
    /// Some sign (asks to cancel, repeated trouble, strong displeasure).
    case medium
    /// Says they will leave, switch to a competitor, or close the account, or cancels in anger.
    case high

    /// Orders the levels from low to high.
    public static func < (lhs: ChurnRisk, rhs: ChurnRisk) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One signal: a level, a score in 0...1 (how strongly the evidence points there) and the evidence.
public struct Signal<Level: Sendable & Hashable>: Sendable, Hashable {
    /// The level.
    public var level: Level
    /// How strong the evidence is, 0...1.
    public var score: Double
    /// The words, phrases or features that produced the level, for the audit trail.
    public var evidence: [String]

    /// Creates a signal.
    public init(level: Level, score: Double, evidence: [String]) {
        self.level = level
        self.score = score
        self.evidence = evidence
    }
}

/// Everything besides the intent that is read from a message.
public struct Signals: Sendable, Hashable {
    /// How urgent.
    public var urgency: Signal<Urgency>
    /// The tone.
    public var sentiment: Signal<Sentiment>
    /// How likely the customer is to leave.
    public var churnRisk: Signal<ChurnRisk>
    /// The language (ISO 639-1 code, or `und` when unknown).
    public var language: Signal<String>

    /// Creates signals.
    public init(
        urgency: Signal<Urgency>, sentiment: Signal<Sentiment>, churnRisk: Signal<ChurnRisk>,
        language: Signal<String>
    ) {
        self.urgency = urgency
        self.sentiment = sentiment
        self.churnRisk = churnRisk
        self.language = language
    }

    /// Neutral signals (nothing found), e.g. for an empty message.
    public static let neutral = Signals(
        urgency: Signal(level: .low, score: 0, evidence: []),
        sentiment: Signal(level: .neutral, score: 0, evidence: []),
        churnRisk: Signal(level: .low, score: 0, evidence: []),
        language: Signal(level: "und", score: 0, evidence: [])
    )
}
