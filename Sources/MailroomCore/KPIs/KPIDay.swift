import Foundation

/// One day's figures for the dashboard's charts (tickets received that day, as in ``KPIReport``).
public struct KPIDay: Codable, Sendable, Hashable {
    /// `YYYY-MM-DD` (UTC).
    public var day: String
    /// Tickets received.
    public var tickets: Int
    /// Of those, answered automatically.
    public var autoReplied: Int
    /// Of those, handed to the agents.
    public var escalated: Int
    /// autoReplied / tickets.
    public var automationRate: Double?
    /// Durable automatic answers / decided ones; nil while the day's quiet period is not over.
    public var durableResolutionRate: Double?
    /// First response p50 and p90, in seconds.
    public var firstResponseSeconds: KPIReport.Percentiles
    /// Tickets that missed an SLA target (as far as the rollups know: answered or resolved late).
    public var slaBreached: Int

    /// The day's figures from its rollup cells; `quietOver` says whether its quiet period has ended.
    public init(day: String, cells a: KPIAggregate, quietHours: Int, quietOver: Bool) {
        func rate(_ part: Double, _ whole: Double) -> Double? { whole > 0 ? part / whole : nil }
        let histogram = a.histogram("frt")
        let auto = a.value("autoReplied")
        let failed = a.keyed("notDurable").filter { (Int($0.key) ?? 0) < quietHours }.values.reduce(0, +)
        self.day = day
        tickets = Int(a.value("tickets"))
        autoReplied = Int(auto)
        escalated = Int(a.value("escalated"))
        automationRate = rate(auto, a.value("tickets"))
        durableResolutionRate = quietOver ? rate(auto - failed, auto) : nil
        firstResponseSeconds = KPIReport.Percentiles(
            p50: KPIHistogram.percentile(0.5, of: histogram), p90: KPIHistogram.percentile(0.9, of: histogram))
        slaBreached = Int(a.value("sla", "missed"))
    }
}
