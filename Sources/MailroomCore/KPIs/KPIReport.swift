import Foundation

/// The key figures of tickets received in a period, as `mailroom stats --json` prints them and `GET
/// /api/v1/kpis` returns them. The JSON keys are a contract (docs/KPIS.md defines each figure); a rate whose
/// base is empty is `null`, never a made-up 0.
public struct KPIReport: Codable, Sendable, Hashable {
    /// A median and a 90th percentile, in seconds (null when there is nothing to measure).
    public struct Percentiles: Codable, Sendable, Hashable {
        /// The median.
        public var p50: Double?
        /// The 90th percentile.
        public var p90: Double?

        /// Creates percentiles.
        public init(p50: Double?, p90: Double?) {
            self.p50 = p50
            self.p90 = p90
        }

        /// Encodes both keys, null when unknown.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(p50, forKey: .p50)
            try container.encode(p90, forKey: .p90)
        }
    }

    /// SLA figures.
    public struct SLA: Codable, Sendable, Hashable {
        /// Tickets of the period that missed a target (answered or resolved late, or still waiting past due).
        public var breached: Int
        /// Open tickets (of any period) whose next target falls due within the hour.
        public var dueSoon: Int
        /// Tickets that met both targets / tickets whose SLA is decided (met, or missed).
        public var withinRate: Double?
        /// Tickets that met both targets.
        public var met: Int
        /// First answers in time / first answers decided.
        public var firstResponseWithinRate: Double?
        /// Resolutions in time / resolutions decided.
        public var resolutionWithinRate: Double?

        /// Encodes every key, null when unknown.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(breached, forKey: .breached)
            try container.encode(dueSoon, forKey: .dueSoon)
            try container.encode(withinRate, forKey: .withinRate)
            try container.encode(met, forKey: .met)
            try container.encode(firstResponseWithinRate, forKey: .firstResponseWithinRate)
            try container.encode(resolutionWithinRate, forKey: .resolutionWithinRate)
        }
    }

    /// Customer satisfaction from feedback links and "did not help" replies.
    public struct CSAT: Codable, Sendable, Hashable {
        /// Answers: feedback links clicked (yes or no) plus "did not help" replies.
        public var responses: Int
        /// Tickets with at least one answer / tickets that got an answer mail.
        public var responseRate: Double?
        /// "Yes" answers / responses.
        public var positiveRate: Double?
        /// The mean of the ratings given (1 to 5).
        public var meanRating: Double?

        /// Encodes every key, null when unknown.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(responses, forKey: .responses)
            try container.encode(responseRate, forKey: .responseRate)
            try container.encode(positiveRate, forKey: .positiveRate)
            try container.encode(meanRating, forKey: .meanRating)
        }
    }

    /// Triage health of one intent.
    public struct IntentFigures: Codable, Sendable, Hashable {
        /// The intent (`(none)` for tickets without one).
        public var intent: String
        /// Tickets classified with it.
        public var tickets: Int
        /// Of those, answered automatically.
        public var autoReplied: Int
        /// The mean calibrated confidence.
        public var meanConfidence: Double?
        /// Automatic answers later contradicted (the customer said it did not help, or an agent answered).
        public var contradicted: Int
        /// autoReplied / tickets.
        public var automationRate: Double?
        /// 1 - contradicted / autoReplied: an estimate of the automatic answers' precision.
        public var precisionEstimate: Double?

        /// Encodes every key, null when unknown.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(intent, forKey: .intent)
            try container.encode(tickets, forKey: .tickets)
            try container.encode(autoReplied, forKey: .autoReplied)
            try container.encode(meanConfidence, forKey: .meanConfidence)
            try container.encode(contradicted, forKey: .contradicted)
            try container.encode(automationRate, forKey: .automationRate)
            try container.encode(precisionEstimate, forKey: .precisionEstimate)
        }
    }

    /// The volume of one day.
    public struct Day: Codable, Sendable, Hashable {
        /// `YYYY-MM-DD` (UTC).
        public var day: String
        /// Tickets received.
        public var tickets: Int
        /// Messages received.
        public var messages: Int
    }

    /// The start of the period (inclusive).
    public var since: Date
    /// The end of the period (exclusive).
    public var until: Date
    /// When the figures were computed (live figures are as of then).
    public var generatedAt: Date
    /// Tickets received in the period.
    public var tickets: Int
    /// Messages received in the period (customers', agents', machines').
    public var messages: Int
    /// Of the tickets, those answered automatically.
    public var autoReplied: Int
    /// autoReplied / tickets.
    public var automationRate: Double?
    /// Automatic answers not followed within `quietHours` by the customer writing again, nor ever by negative
    /// feedback or a contradiction / automatic answers whose quiet period is over (or that already failed).
    public var durableResolutionRate: Double?
    /// The quiet period of durable resolution, in hours (`kpis.quietHours`).
    public var quietHours: Int
    /// Automatic answers still inside their quiet period (not counted in the durable rate yet).
    public var durablePending: Int
    /// Tickets reopened at least once / tickets answered or closed at least once.
    public var reopenRate: Double?
    /// Tickets handed to the agents.
    public var escalated: Int
    /// escalated / tickets.
    public var escalationRate: Double?
    /// Escalations in the period by reason code.
    public var escalationReasons: [String: Int]
    /// Time from receipt to the first answer accepted by the mail server, automatic or personal.
    public var firstResponseSeconds: Percentiles
    /// The same, for automatic first answers.
    public var firstResponseSecondsAutomatic: Percentiles
    /// The same, for personal first answers.
    public var firstResponseSecondsHuman: Percentiles
    /// Time from receipt to resolution (the last answer or closing), for tickets resolved now.
    public var resolutionSeconds: Percentiles
    /// The same, for tickets resolved by an automatic answer.
    public var resolutionSecondsAutomatic: Percentiles
    /// The same, for tickets resolved by a person.
    public var resolutionSecondsHuman: Percentiles
    /// SLA figures.
    public var sla: SLA
    /// Customer satisfaction.
    public var csat: CSAT
    /// Mail that got no automatic answer, by reason code (messages received in the period).
    public var suppressed: [String: Int]
    /// Triage health per intent, most tickets first.
    public var byIntent: [IntentFigures]
    /// Tickets by detected language.
    public var byLanguage: [String: Int]
    /// Volume by day, oldest first.
    public var byDay: [Day]
    /// Automatic answers contradicted / automatic answers.
    public var contradictedRate: Double?
    /// Open and escalated tickets now, by age.
    public var backlog: [String: Int]

    /// The backlog's age buckets, youngest first, with their upper bounds in seconds.
    public static let backlogBuckets: [(name: String, upTo: Double)] = [
        ("0-1h", 3600), ("1-4h", 4 * 3600), ("4-24h", 86_400), ("1-3d", 3 * 86_400), ("3-7d", 7 * 86_400),
        ("7d+", .infinity),
    ]

    /// The bucket of a backlog ticket's age.
    public static func backlogBucket(age: Double) -> String {
        backlogBuckets.first { age < $0.upTo }?.name ?? "7d+"
    }

    /// Encodes every key (null for unknown values), so the contract's keys are always present.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(since, forKey: .since)
        try container.encode(until, forKey: .until)
        try container.encode(generatedAt, forKey: .generatedAt)
        try container.encode(tickets, forKey: .tickets)
        try container.encode(messages, forKey: .messages)
        try container.encode(autoReplied, forKey: .autoReplied)
        try container.encode(automationRate, forKey: .automationRate)
        try container.encode(durableResolutionRate, forKey: .durableResolutionRate)
        try container.encode(quietHours, forKey: .quietHours)
        try container.encode(durablePending, forKey: .durablePending)
        try container.encode(reopenRate, forKey: .reopenRate)
        try container.encode(escalated, forKey: .escalated)
        try container.encode(escalationRate, forKey: .escalationRate)
        try container.encode(escalationReasons, forKey: .escalationReasons)
        try container.encode(firstResponseSeconds, forKey: .firstResponseSeconds)
        try container.encode(firstResponseSecondsAutomatic, forKey: .firstResponseSecondsAutomatic)
        try container.encode(firstResponseSecondsHuman, forKey: .firstResponseSecondsHuman)
        try container.encode(resolutionSeconds, forKey: .resolutionSeconds)
        try container.encode(resolutionSecondsAutomatic, forKey: .resolutionSecondsAutomatic)
        try container.encode(resolutionSecondsHuman, forKey: .resolutionSecondsHuman)
        try container.encode(sla, forKey: .sla)
        try container.encode(csat, forKey: .csat)
        try container.encode(suppressed, forKey: .suppressed)
        try container.encode(byIntent, forKey: .byIntent)
        try container.encode(byLanguage, forKey: .byLanguage)
        try container.encode(byDay, forKey: .byDay)
        try container.encode(contradictedRate, forKey: .contradictedRate)
        try container.encode(backlog, forKey: .backlog)
    }
}
