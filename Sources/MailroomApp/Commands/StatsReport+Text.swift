import Foundation
import MailroomCore

extension StatsReport {
    /// The report for people: the headline figures, then bar charts of volume, backlog and intents.
    public static func text(_ r: KPIReport) -> String {
        var lines: [String] = []
        let day = { (date: Date) in
            date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false))
        }
        lines.append("Mailroom KPIs, tickets received \(day(r.since)) to \(day(r.until)) (UTC; docs/KPIS.md)")
        lines.append("")
        lines.append("Volume        \(r.tickets) tickets, \(r.messages) messages")
        lines.append("Automation    \(r.autoReplied) answered automatically (\(percent(r.automationRate)))")
        lines.append(
            "Durable       \(percent(r.durableResolutionRate)) of automatic answers held for \(r.quietHours) h"
                + (r.durablePending > 0 ? " (\(r.durablePending) still in their quiet period)" : ""))
        lines.append("Contradicted  \(percent(r.contradictedRate)) of automatic answers")
        lines.append("Reopened      \(percent(r.reopenRate)) of answered tickets")
        lines.append("Escalated     \(r.escalated) (\(percent(r.escalationRate)))" + reasons(r.escalationReasons))
        lines.append(
            "First answer  p50 \(duration(r.firstResponseSeconds.p50)), p90 \(duration(r.firstResponseSeconds.p90))"
                + "  (automatic p50 \(duration(r.firstResponseSecondsAutomatic.p50)), "
                + "personal p50 \(duration(r.firstResponseSecondsHuman.p50)))")
        lines.append(
            "Resolution    p50 \(duration(r.resolutionSeconds.p50)), p90 \(duration(r.resolutionSeconds.p90))")
        lines.append(
            "SLA           \(percent(r.sla.withinRate)) within targets, \(r.sla.breached) breached, "
                + "\(r.sla.dueSoon) due within the hour")
        lines.append(
            "Satisfaction  \(r.csat.responses) responses (\(percent(r.csat.responseRate)) of answered tickets), "
                + "\(percent(r.csat.positiveRate)) positive, mean rating "
                + (r.csat.meanRating.map { String(format: "%.1f", $0) } ?? "-"))
        lines.append("Suppressed    " + (r.suppressed.isEmpty ? "none" : reasons(r.suppressed, lead: "")))
        lines.append("")
        lines.append("Tickets per day")
        lines += bars(r.byDay.suffix(31).map { ($0.day, Double($0.tickets)) })
        lines.append("")
        lines.append("Backlog now (open and escalated, by age)")
        lines += bars(KPIReport.backlogBuckets.map { ($0.name, Double(r.backlog[$0.name] ?? 0)) })
        if !r.byIntent.isEmpty {
            lines.append("")
            lines.append("Intents (tickets, automatic, mean confidence, contradicted)")
            for intent in r.byIntent.prefix(20) {
                lines.append(
                    "  \(pad(intent.intent, 28)) \(pad(String(intent.tickets), 7)) \(pad(String(intent.autoReplied), 7)) "
                        + "\(pad(intent.meanConfidence.map { String(format: "%.2f", $0) } ?? "-", 6)) "
                        + "\(intent.contradicted)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func percent(_ rate: Double?) -> String {
        rate.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
    }

    static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return "-" }
        if seconds < 120 { return "\(Int(seconds)) s" }
        if seconds < 7200 { return "\(Int((seconds / 60).rounded())) min" }
        if seconds < 172_800 { return String(format: "%.1f h", seconds / 3600) }
        return String(format: "%.1f d", seconds / 86_400)
    }

    private static func reasons(_ counts: [String: Int], lead: String = ": ") -> String {
        guard !counts.isEmpty else { return "" }
        return lead
            + counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }
            .joined(separator: ", ")
    }

    /// Horizontal bars scaled to the largest value (at most 40 characters).
    static func bars(_ values: [(String, Double)]) -> [String] {
        guard !values.isEmpty else { return ["  (none)"] }
        let top = max(values.map(\.1).max() ?? 0, 1)
        let width = values.map(\.0.count).max() ?? 0
        return values.map { label, value in
            let length = Int((value / top * 40).rounded())
            return
                "  \(pad(label, width)) \(String(repeating: "█", count: length))\(length > 0 ? " " : "")\(number(value))"
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
