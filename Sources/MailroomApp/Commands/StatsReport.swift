import Foundation
import MailroomCore
import MailroomStore

/// `mailroom stats [--since DATE] [--until DATE] [--json] [--csv]`: the KPIs of docs/KPIS.md for a period.
public enum StatsReport {
    /// The output formats.
    public enum Format: String, Sendable, CaseIterable {
        /// A report for people, with bar charts.
        case text
        /// The JSON object of `GET /api/v1/kpis` (the keys are a contract).
        case json
        /// One `figure,key,value` row per number, for spreadsheets.
        case csv
    }

    /// The report of [since, until) (default: the 30 days up to now) from the configured store.
    public static func run(
        configPath: String, since: Date?, until: Date?, format: Format, source: KPISource = .rollups,
        rebuild: Bool = false, now: Date = Date()
    ) async throws -> String {
        let configuration = try await ConfigurationLoader.load(path: configPath)
        let store = try configuration.store.open()
        if rebuild { try store.rebuildKPIRollups() }
        let end = until ?? now
        let start = since ?? end.addingTimeInterval(-30 * 86_400)
        guard start < end else { throw StatsError(message: "--since must be before --until") }
        let report = try store.kpis(
            since: start, until: end, now: now, quietHours: configuration.kpis.quietHours, source: source)
        switch format {
        case .json: return try json(report)
        case .csv: return csv(report)
        case .text: return text(report)
        }
    }

    /// A date argument: `YYYY-MM-DD` (a UTC day; as `--until` the whole day is included) or an ISO 8601 time.
    public static func date(_ text: String, endOfDay: Bool) throws -> Date {
        if text.count == 10, let day = KPIContribution.start(ofDay: text), KPIContribution.day(day) == text {
            return endOfDay ? day.addingTimeInterval(86_400) : day
        }
        if let time = try? Date(text, strategy: .iso8601) { return time }
        throw StatsError(message: "'\(text)' is not a date (YYYY-MM-DD) or an ISO 8601 time (2026-12-01T09:00:00Z)")
    }

    /// The report as JSON, keys sorted, dates in ISO 8601.
    public static func json(_ report: KPIReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    /// Every number of the report as `figure,key,value` (empty value for an unknown one).
    public static func csv(_ report: KPIReport) -> String {
        var rows = ["figure,key,value"]
        func row(_ figure: String, _ key: String, _ value: Double?) {
            rows.append("\(field(figure)),\(field(key)),\(value.map(number) ?? "")")
        }
        row("tickets", "", Double(report.tickets))
        row("messages", "", Double(report.messages))
        row("autoReplied", "", Double(report.autoReplied))
        row("automationRate", "", report.automationRate)
        row("durableResolutionRate", "", report.durableResolutionRate)
        row("durablePending", "", Double(report.durablePending))
        row("reopenRate", "", report.reopenRate)
        row("escalated", "", Double(report.escalated))
        row("escalationRate", "", report.escalationRate)
        row("contradictedRate", "", report.contradictedRate)
        for (name, value) in [
            ("firstResponseSeconds", report.firstResponseSeconds),
            ("firstResponseSecondsAutomatic", report.firstResponseSecondsAutomatic),
            ("firstResponseSecondsHuman", report.firstResponseSecondsHuman),
            ("resolutionSeconds", report.resolutionSeconds),
            ("resolutionSecondsAutomatic", report.resolutionSecondsAutomatic),
            ("resolutionSecondsHuman", report.resolutionSecondsHuman),
        ] {
            row(name, "p50", value.p50)
            row(name, "p90", value.p90)
        }
        row("sla", "breached", Double(report.sla.breached))
        row("sla", "dueSoon", Double(report.sla.dueSoon))
        row("sla", "withinRate", report.sla.withinRate)
        row("csat", "responses", Double(report.csat.responses))
        row("csat", "responseRate", report.csat.responseRate)
        row("csat", "positiveRate", report.csat.positiveRate)
        row("csat", "meanRating", report.csat.meanRating)
        for (key, value) in report.suppressed.sorted(by: { $0.key < $1.key }) { row("suppressed", key, Double(value)) }
        for (key, value) in report.escalationReasons.sorted(by: { $0.key < $1.key }) {
            row("escalationReasons", key, Double(value))
        }
        for intent in report.byIntent {
            row("byIntent.tickets", intent.intent, Double(intent.tickets))
            row("byIntent.autoReplied", intent.intent, Double(intent.autoReplied))
            row("byIntent.meanConfidence", intent.intent, intent.meanConfidence)
            row("byIntent.contradicted", intent.intent, Double(intent.contradicted))
        }
        for (key, value) in report.byLanguage.sorted(by: { $0.key < $1.key }) { row("byLanguage", key, Double(value)) }
        for day in report.byDay {
            row("byDay.tickets", day.day, Double(day.tickets))
            row("byDay.messages", day.day, Double(day.messages))
        }
        for bucket in KPIReport.backlogBuckets { row("backlog", bucket.name, Double(report.backlog[bucket.name] ?? 0)) }
        return rows.joined(separator: "\n")
    }

    /// A CSV field: quoted when it holds a comma, quote or line break; a leading `=+-@` is defused.
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { ",\"\n\r".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.4f", value)
    }
}

/// A stats request that cannot be answered.
public struct StatsError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// What is wrong.
    public var message: String
    /// The message.
    public var description: String { message }
    /// The message, for the command line.
    public var errorDescription: String? { message }
}
