import Foundation
import MailroomCore
import MailroomStore

/// `mailroom status` and `mailroom ticket ID`: the ops views over the database.
public enum OpsViews {
    /// The status report: tickets with their decisions, KPIs, the outbox and the quarantine, as text lines.
    public static func status(configPath: String, limit: Int) async throws -> [String] {
        let configuration = try await ConfigurationLoader.load(path: configPath)
        let store = try configuration.store.open()
        var lines = ["tickets (newest first)"]
        let widths = [10, 13, 24, 5, 5, 21, 29, 0]
        lines.append(pad(["ticket", "status", "intent", "conf", "lang", "decision", "customer", "why"], widths))
        for ticket in try store.ticketSummaries(limit: limit) {
            let confidence = ticket.confidence.map { String(format: "%.2f", $0) } ?? "-"
            let why = String((ticket.reason ?? "").prefix(90))
            let columns = [
                ticket.publicID, ticket.status, ticket.intent ?? "-", confidence, ticket.language ?? "-",
                ticket.decision ?? "-", ticket.customer, why,
            ]
            lines.append(pad(columns, widths))
        }
        lines.append("")
        lines += try kpis(store, quietHours: configuration.kpis.quietHours)
        lines += try alerts(store)
        lines += try intake(store, silenceMinutes: configuration.silenceMinutes)
        let stuck = try store.outboxSummaries(states: [.deferred, .failed])
        let blocked = stuck.filter { $0.errorClass == "configuration" }.count
        lines.append(
            "outbox: \(try store.outboxCount(states: [.queued, .sending])) waiting, "
                + "\(stuck.filter { $0.state == .deferred }.count) deferred, \(stuck.filter { $0.state == .failed }.count) failed"
                + (blocked > 0 ? ", \(blocked) BLOCKED by our configuration (fix it; the mail is kept)" : "")
        )
        for item in stuck {
            lines.append(
                "  \(item.id) \(item.state.rawValue) \(item.purpose) \(item.ticket ?? "-") after \(item.attempts): "
                    + "\(item.lastError ?? "")")
        }
        let pending = try store.knowledgeEntries(state: .pending).count
        if pending > 0 {
            lines.append("knowledge: \(pending) learned answers wait for review (mailroom knowledge list)")
        }
        let quarantined = try store.quarantined()
        lines.append("quarantine: \(quarantined.count)")
        for item in quarantined {
            lines.append(
                "  message \(item.messageRowID) \(item.reason): \(item.detail) (from \(item.from ?? "?"), \(item.subject ?? "-"))"
            )
        }
        return lines
    }

    /// Each mailbox's intake health (the one silence rule of ``IntakeSilence``) and the entries that could not
    /// be read.
    private static func intake(_ store: any MailroomStorage, silenceMinutes: Int) throws -> [String] {
        var lines: [String] = []
        for mailbox in try store.mailboxes() {
            var line =
                "intake \(mailbox.name) (checkpoint \(mailbox.checkpoint)): last poll "
                + "\(mailbox.lastPollAt?.formatted(.iso8601) ?? "never"), last mail \(mailbox.lastMessageAt?.formatted(.iso8601) ?? "never")"
            if let error = mailbox.lastError { line += ", FAILING: \(error)" }
            let now = Date()
            if IntakeSilence.isSilent(
                lastMessageAt: mailbox.lastMessageAt, lastPollAt: mailbox.lastPollAt, now: now, minutes: silenceMinutes)
            {
                let silence = IntakeSilence.seconds(
                    lastMessageAt: mailbox.lastMessageAt, lastPollAt: mailbox.lastPollAt, now: now)
                line += ", SILENT for \(Int(silence / 60)) min (limit \(silenceMinutes))"
            }
            lines.append(line)
        }
        for skip in try store.intakeSkips() {
            lines.append("  skipped \(skip.entry) in \(skip.source): \(skip.reason)")
        }
        return lines
    }

    /// One ticket and its audit trail.
    /// - Throws: ``OpsViewError`` when there is no such ticket (the command exits 1).
    public static func ticket(configPath: String, publicID: String) async throws -> [String] {
        let configuration = try await ConfigurationLoader.load(path: configPath)
        let store = try configuration.store.open()
        guard let ticket = try store.ticket(publicID: publicID.uppercased()) else {
            throw OpsViewError(message: "no ticket \(publicID) in \(configuration.store.description)")
        }
        var lines = [
            "\(ticket.publicID)  \(ticket.status.rawValue)  \(ticket.customerEmail)  \"\(ticket.subject)\"",
            "intent \(ticket.intent ?? "-") (\(ticket.confidence.map { String(format: "%.2f", $0) } ?? "-")), urgency "
                + "\(ticket.urgency ?? "-"), sentiment \(ticket.sentiment ?? "-"), churn risk \(ticket.churnRisk ?? "-"), "
                + "language \(ticket.language ?? "-")",
            "received \(ticket.receivedAt.formatted(.iso8601)), first response "
                + "\(ticket.firstResponseAt?.formatted(.iso8601) ?? "-"), resolved \(ticket.resolvedAt?.formatted(.iso8601) ?? "-")",
            "",
        ]
        for event in try store.events(ticket: ticket.publicID) {
            lines.append(
                "\(event.at.formatted(.iso8601))  \(event.type)\(event.reason.map { " [\($0)]" } ?? "")  \(event.detail)"
            )
        }
        return lines
    }

    /// The headline figures of the last 30 days (the definitions of docs/KPIS.md; `mailroom stats` has them all).
    private static func kpis(_ store: any MailroomStorage, quietHours: Int) throws -> [String] {
        let now = Date()
        let r = try store.kpis(
            since: now.addingTimeInterval(-30 * 86_400), until: now, now: now, quietHours: quietHours)
        guard r.tickets > 0 else { return ["KPIs (30 days): no tickets yet"] }
        return [
            "KPIs (30 days): \(r.tickets) tickets, \(r.autoReplied) answered automatically "
                + "(\(StatsReport.percent(r.automationRate)), durable \(StatsReport.percent(r.durableResolutionRate))), "
                + "\(r.escalated) escalated, first answer p50 \(StatsReport.duration(r.firstResponseSeconds.p50)), "
                + "SLA \(StatsReport.percent(r.sla.withinRate)) within, \(r.sla.breached) breached (mailroom stats)"
        ]
    }

    /// Channels that are not healthy, as the alerts last recorded them.
    private static func alerts(_ store: any MailroomStorage) throws -> [String] {
        try store.alertStates().filter { $0.value.health != .healthy }.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { channel, state in
                "ALERT \(channel.rawValue) \(state.health.rawValue) since \(state.since.formatted(.iso8601)): "
                    + (state.detail ?? "")
            }
    }

    private static func pad(_ columns: [String], _ widths: [Int]) -> String {
        zip(columns, widths).map { column, width in
            guard width > 0 else { return column }
            return column.count >= width
                ? String(column.prefix(width - 1)) + " " : column + String(repeating: " ", count: width - column.count)
        }.joined()
    }
}

/// A view that cannot be shown (no such ticket).
public struct OpsViewError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// What went wrong.
    public var message: String
    /// The message.
    public var description: String { message }
    /// The message, for the command line.
    public var errorDescription: String? { message }
}
