import Foundation

/// The key figures of a period, as `mailroom stats --json` prints them and `GET /api/v1/kpis` returns them.
/// The JSON keys are a contract (docs/KPIS.md defines each figure).
public struct KPIReport: Codable, Sendable, Hashable {
    /// A median and a 90th percentile, in seconds (nil when there is nothing to measure).
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
    }

    /// The start of the period (inclusive).
    public var since: Date
    /// The end of the period (exclusive).
    public var until: Date
    /// Tickets opened in the period.
    public var tickets: Int
    /// Of those, tickets that got an automatic answer.
    public var autoReplied: Int
    /// Of those, tickets handed to the agents.
    public var escalated: Int
    /// Time from receipt to the first answer (automatic or personal).
    public var firstResponseSeconds: Percentiles

    /// Creates a report.
    public init(
        since: Date, until: Date, tickets: Int, autoReplied: Int, escalated: Int, firstResponseSeconds: Percentiles
    ) {
        self.since = since
        self.until = until
        self.tickets = tickets
        self.autoReplied = autoReplied
        self.escalated = escalated
        self.firstResponseSeconds = firstResponseSeconds
    }
}
