import Foundation
import Hummingbird
import MailroomCore

/// `/ops/dashboard`: the KPIs of a date range (managers and admins), each chart with the table of its numbers.
extension Console {
    func addDashboardRoutes(to router: Router<MailroomRequestContext>) {
        router.get("ops/dashboard", use: page(.manager, dashboard))
    }

    @Sendable func dashboard(_ request: Request, _ session: ConsoleSession) async throws -> Response {
        var page = Self.page(request, session, active: "dashboard")
        let today = Calendar.utc.startOfDay(for: Date())
        var until = today.addingTimeInterval(86_400)
        var since = today.addingTimeInterval(-29 * 86_400)
        do {
            if let value = try TicketFilterParser.date({ Self.nonEmpty(request.query($0)) }, "until") {
                until = Calendar.utc.startOfDay(for: value).addingTimeInterval(86_400)
            }
            if let value = try TicketFilterParser.date({ Self.nonEmpty(request.query($0)) }, "since") {
                since = Calendar.utc.startOfDay(for: value)
            }
            guard since < until, until.timeIntervalSince(since) <= 400 * 86_400 else {
                throw APIError.invalid("the range must start before it ends and span at most 400 days")
            }
        } catch let error as APIError {
            page.error = error.message
            until = today.addingTimeInterval(86_400)
            since = today.addingTimeInterval(-29 * 86_400)
        }
        let report = try await backend.insight.kpis(since: since, until: until)
        // Past three months a bar per day is unreadable (and a table of hundreds of rows): weeks instead.
        let weekly = until.timeIntervalSince(since) > 92 * 86_400
        let days = try await backend.insight.series(since: since, until: until, bucketDays: weekly ? 7 : 1)
        var data = ConsoleCharts.data(report: report, days: days, unit: weekly ? "week" : "day")
        data["since"] = ConsoleFormat.day(since)
        data["until"] = ConsoleFormat.day(until.addingTimeInterval(-86_400))
        return renderer.page("dashboard", title: "Dashboard", page: page, data: data)
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC (KPI days are UTC days).
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()
}

/// The dashboard's headline figures and charts.
enum ConsoleCharts {
    static func data(report: KPIReport, days: [KPIDay], unit: String) -> [String: Any] {
        let labels = days.map(\.day)
        let period = unit == "week" ? "Week of" : "Day"
        let percent: (Double) -> String = { ConsoleFormat.percent($0) }
        let headline: [[String: String]] = [
            ["name": "Tickets", "value": "\(report.tickets)"],
            ["name": "Answered automatically", "value": ConsoleFormat.percent(report.automationRate)],
            ["name": "Durable automatic resolution", "value": ConsoleFormat.percent(report.durableResolutionRate)],
            ["name": "Escalated", "value": ConsoleFormat.percent(report.escalationRate)],
            [
                "name": "First response p50 / p90",
                "value":
                    "\(ConsoleFormat.duration(report.firstResponseSeconds.p50)) / \(ConsoleFormat.duration(report.firstResponseSeconds.p90))",
            ],
            ["name": "Within SLA", "value": ConsoleFormat.percent(report.sla.withinRate)],
            ["name": "SLA breached", "value": "\(report.sla.breached)"],
            ["name": "Satisfied (feedback)", "value": ConsoleFormat.percent(report.csat.positiveRate)],
        ]
        var charts: [[String: Any]] = []
        charts.append(
            chart(
                "volume", "Volume per \(unit)",
                SVGChart.stackedBars(
                    labels: labels,
                    series: [
                        ("automatic", days.map { Double($0.autoReplied) }),
                        ("escalated", days.map { Double($0.escalated) }),
                        ("other", days.map { Double(max(0, $0.tickets - $0.autoReplied - $0.escalated)) }),
                    ], title: "Tickets per \(unit)"),
                head: [period, "Tickets", "Automatic", "Escalated"],
                rows: days.map { [$0.day, "\($0.tickets)", "\($0.autoReplied)", "\($0.escalated)"] }))
        charts.append(
            chart(
                "rates", "Automation and durable resolution",
                SVGChart.lines(
                    labels: labels,
                    series: [
                        ("automation", days.map(\.automationRate)),
                        ("durable resolution", days.map(\.durableResolutionRate)),
                    ], title: "Rates per \(unit)", maximum: 1, format: percent),
                head: [period, "Automation", "Durable resolution"],
                rows: days.map {
                    [$0.day, ConsoleFormat.percent($0.automationRate), ConsoleFormat.percent($0.durableResolutionRate)]
                }))
        charts.append(
            chart(
                "frt", "First response time",
                SVGChart.lines(
                    labels: labels,
                    series: [
                        ("p50", days.map(\.firstResponseSeconds.p50)), ("p90", days.map(\.firstResponseSeconds.p90)),
                    ], title: "First response p50 and p90", format: { ConsoleFormat.duration($0) }),
                head: [period, "p50", "p90"],
                rows: days.map {
                    [
                        $0.day, ConsoleFormat.duration($0.firstResponseSeconds.p50),
                        ConsoleFormat.duration($0.firstResponseSeconds.p90),
                    ]
                }))
        charts.append(
            chart(
                "sla", "SLA breaches",
                SVGChart.stackedBars(
                    labels: labels, series: [("breached", days.map { Double($0.slaBreached) })],
                    title: "SLA breaches per \(unit)"),
                head: [period, "Breached"], rows: days.map { [$0.day, "\($0.slaBreached)"] }))
        let suppressed = report.suppressed.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        charts.append(
            chart(
                "suppressed", "Why mail got no automatic answer",
                SVGChart.horizontalBars(
                    suppressed.map { ($0.key, Double($0.value)) }, title: "Suppression reasons",
                    format: { String(Int($0)) }),
                head: ["Reason", "Messages"], rows: suppressed.map { [$0.key, "\($0.value)"] }))
        let intents = report.byIntent.prefix(20)
        charts.append(
            chart(
                "confidence", "Confidence per intent",
                SVGChart.horizontalBars(
                    intents.map { ($0.intent, $0.meanConfidence ?? 0) }, title: "Mean confidence per intent",
                    maximum: 1, format: percent),
                head: ["Intent", "Tickets", "Mean confidence", "Automatic", "Precision estimate"],
                rows: intents.map {
                    [
                        $0.intent, "\($0.tickets)", ConsoleFormat.percent($0.meanConfidence),
                        ConsoleFormat.percent($0.automationRate), ConsoleFormat.percent($0.precisionEstimate),
                    ]
                }))
        let csat = report.csat
        charts.append(
            chart(
                "satisfaction", "Satisfaction",
                SVGChart.horizontalBars(
                    [
                        ("answered the question", csat.responseRate ?? 0), ("said it helped", csat.positiveRate ?? 0),
                        ("mean rating / 5", (csat.meanRating ?? 0) / 5),
                    ], title: "Customer satisfaction", maximum: 1,
                    format: percent),
                head: ["Figure", "Value"],
                rows: [
                    ["Feedback answers", "\(csat.responses)"],
                    ["Response rate", ConsoleFormat.percent(csat.responseRate)],
                    ["Positive", ConsoleFormat.percent(csat.positiveRate)],
                    ["Mean rating (1-5)", csat.meanRating.map { String(format: "%.1f", $0) } ?? "–"],
                ]))
        return ["headline": headline, "charts": charts]
    }

    static func chart(_ id: String, _ title: String, _ svg: String, head: [String], rows: [[String]]) -> [String: Any] {
        ["id": id, "title": title, "svg": svg, "head": head, "rows": rows.map { ["cells": $0] }]
    }
}
