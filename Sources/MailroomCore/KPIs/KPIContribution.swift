import Foundation

/// One figure of a day's rollup: a name (`tickets`, `frt`, `intentAuto`, ...) and a key within it (a bucket, an
/// intent, a reason; empty for plain counts).
public struct KPICell: Sendable, Hashable, Comparable {
    /// The figure.
    public var name: String
    /// The key within the figure.
    public var key: String

    /// Creates a cell.
    public init(_ name: String, _ key: String = "") {
        self.name = name
        self.key = key
    }

    /// Ordered by name, then key.
    public static func < (lhs: KPICell, rhs: KPICell) -> Bool {
        (lhs.name, lhs.key) < (rhs.name, rhs.key)
    }
}

/// What one ticket adds to the rollup of the day it was received: the same function feeds the rollups kept in
/// the store and a computation straight from the tickets, so both give the same figures. Saving a ticket
/// subtracts its old contribution and adds the new one.
public enum KPIContribution {
    /// Follow-up delays are counted in hours up to this many (longer ones in the last bucket).
    public static let maxFollowUpHours = 24 * 90

    /// The UTC day of `date`, `YYYY-MM-DD` (the rollups' day).
    public static func day(_ date: Date) -> String {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        let (year, month, day) = civil(fromDays: days)
        guard (0...9999).contains(year) else { return String(format: "%04d-%02d-%02d", year, month, day) }
        return DateDigits.day(year: year, month: month, day: day)
    }

    /// The start (UTC midnight) of a `YYYY-MM-DD` day.
    public static func start(ofDay text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return Date(timeIntervalSince1970: Double(days(year: parts[0], month: parts[1], day: parts[2])) * 86_400)
    }

    /// The cells of one ticket (docs/KPIS.md defines each).
    public static func cells(of facts: KPIFacts) -> [KPICell: Double] {
        Dictionary(cellList(of: facts), uniquingKeysWith: +)
    }

    /// The same cells as a list, each once (every figure has a name of its own), for callers that walk them:
    /// saving a ticket compares two such lists, where building two dictionaries of String pairs cost about
    /// 25,000 instructions a side.
    public static func cellList(of facts: KPIFacts) -> [(cell: KPICell, value: Double)] {
        var cells: [(cell: KPICell, value: Double)] = []
        cells.reserveCapacity(24)
        func add(_ name: String, _ key: String = "", _ value: Double = 1) {
            cells.append((KPICell(name, key), value))
        }
        let intent = facts.intent ?? "(none)"
        add("tickets")
        add("language", facts.language ?? "unknown")
        add("intent", intent)
        if let confidence = facts.confidence {
            add("intentConfidence", intent, confidence)
            add("intentConfidenceCount", intent)
        }
        if let auto = facts.autoAnsweredAt {
            add("autoReplied")
            add("intentAuto", intent)
            if facts.contradicted {
                add("contradicted")
                add("intentContradicted", intent)
            }
            if let hours = notDurableAfterHours(facts, autoAnsweredAt: auto) { add("notDurable", String(hours)) }
        }
        if facts.escalatedAt != nil { add("escalated") }
        if facts.handled { add("handled") }
        if facts.reopenCount > 0 {
            add("reopened")
            add("reopens", "", Double(facts.reopenCount))
        }
        func duration(_ name: String, _ end: Date?) {
            guard let end else { return }
            add(name, String(KPIHistogram.bucket(end.timeIntervalSince(facts.receivedAt))))
        }
        duration("frt", facts.firstResponseAt)
        duration("frtAuto", facts.firstAutoResponseAt)
        duration("frtHuman", facts.firstHumanResponseAt)
        duration("resolution", facts.resolvedAt)
        if facts.resolvedAt != nil {
            duration(facts.status == .autoReplied ? "resolutionAuto" : "resolutionHuman", facts.resolvedAt)
        }
        let sla = slaState(facts, now: nil)
        if let first = sla.firstResponse { add("slaFirstResponse", first ? "met" : "missed") }
        if let resolution = sla.resolution { add("slaResolution", resolution ? "met" : "missed") }
        if let within = sla.within { add("sla", within ? "met" : "missed") }
        let responses = facts.feedbackYes + facts.feedbackNo + facts.didNotHelpReplies
        if facts.firstResponseAt != nil { add("csatInvited") }
        if responses > 0 {
            add("csatTickets")
            add("csatResponses", "", Double(responses))
            add("csatPositive", "", Double(facts.feedbackYes))
        }
        if facts.ratingCount > 0 {
            add("ratingSum", "", Double(facts.ratingSum))
            add("ratingCount", "", Double(facts.ratingCount))
        }
        return cells
    }

    /// How many whole hours after the automatic answer the customer showed it had not resolved the question:
    /// 0 for negative feedback or a contradiction, else the hours to the first follow-up; nil when neither.
    static func notDurableAfterHours(_ facts: KPIFacts, autoAnsweredAt: Date) -> Int? {
        if facts.negativeFeedback || facts.contradicted { return 0 }
        guard let followUp = facts.customerFollowUpAt else { return nil }
        let hours = Int((max(0, followUp.timeIntervalSince(autoAnsweredAt)) / 3600).rounded(.down))
        return min(hours, maxFollowUpHours)
    }

    /// Whether the automatic answer failed within `quietHours` (nil when there was none).
    public static func failedWithin(_ quietHours: Int, _ facts: KPIFacts) -> Bool? {
        guard let auto = facts.autoAnsweredAt else { return nil }
        return notDurableAfterHours(facts, autoAnsweredAt: auto).map { $0 < quietHours } ?? false
    }

    /// A ticket's SLA: each target met (true), missed (false) or not yet decided (nil); `within` is false as
    /// soon as one target is missed and true once both are met. With `now`, a target still open whose due time
    /// has passed counts as missed. The first-response clock stops at the first answer or at resolution.
    public static func slaState(_ facts: KPIFacts, now: Date?) -> (
        firstResponse: Bool?, resolution: Bool?, within: Bool?
    ) {
        var first: Bool?
        if let due = facts.firstResponseDueAt {
            if let stop = facts.firstResponseAt ?? facts.resolvedAt {
                first = stop <= due
            } else if let now, now > due {
                first = false
            }
        }
        var resolution: Bool?
        if let due = facts.resolutionDueAt {
            if let resolved = facts.resolvedAt {
                resolution = resolved <= due
            } else if let now, now > due {
                resolution = false
            }
        }
        let within: Bool? =
            first == false || resolution == false ? false : (first == true && resolution == true ? true : nil)
        return (first, resolution, within)
    }

    /// The next due time of a ticket whose SLA is not decided (the first answer's, then the resolution's).
    public static func nextDue(_ facts: KPIFacts) -> Date? {
        if facts.firstResponseAt == nil, facts.resolvedAt == nil, let due = facts.firstResponseDueAt { return due }
        return facts.resolvedAt == nil ? facts.resolutionDueAt : nil
    }

    // Days since 1970-01-01 to a civil date and back (proleptic Gregorian; H. Hinnant's algorithms).
    /// The year, month and day of a count of days since 1970-01-01 (proleptic Gregorian calendar).
    public static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
