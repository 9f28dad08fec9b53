import Foundation
import MailroomStore

/// `mailroom status` and `mailroom ticket ID`: the ops views over the database.
public enum OpsViews {
    /// The status report: tickets with their decisions, KPIs, the outbox and the quarantine, as text lines.
    public static func status(configPath: String, limit: Int) async throws -> [String] {
        let configuration = try await ConfigurationLoader.load(path: configPath)
        let store = try SQLiteStore(path: configuration.storePath)
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
        lines += kpis(store)
        for mailbox in try store.mailboxes() {
            let silence = (mailbox.lastMessageAt ?? mailbox.lastPollAt).map { Date().timeIntervalSince($0) }
            var line =
                "intake \(mailbox.name) (checkpoint \(mailbox.checkpoint)): last poll "
                + "\(mailbox.lastPollAt?.formatted(.iso8601) ?? "never"), last mail \(mailbox.lastMessageAt?.formatted(.iso8601) ?? "never")"
            if let error = mailbox.lastError { line += ", FAILING: \(error)" }
            if let silence, configuration.silenceMinutes > 0, silence > Double(configuration.silenceMinutes * 60) {
                line += ", SILENT for \(Int(silence / 60)) min (limit \(configuration.silenceMinutes))"
            }
            lines.append(line)
        }
        let stuck = try store.outboxSummaries(states: ["deferred", "failed"])
        lines.append(
            "outbox: \(try store.outboxCount(states: ["queued", "sending"])) waiting, "
                + "\(stuck.filter { $0.state == "deferred" }.count) deferred, \(stuck.filter { $0.state == "failed" }.count) failed"
        )
        for item in stuck {
            lines.append(
                "  \(item.state) \(item.purpose) \(item.ticket ?? "-") after \(item.attempts): \(item.lastError ?? "")")
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

    /// One ticket and its audit trail.
    public static func ticket(configPath: String, publicID: String) async throws -> [String] {
        let configuration = try await ConfigurationLoader.load(path: configPath)
        let store = try SQLiteStore(path: configuration.storePath)
        guard let ticket = try store.ticket(publicID: publicID.uppercased()) else { return ["no ticket \(publicID)"] }
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

    private static func kpis(_ store: SQLiteStore) -> [String] {
        guard let tickets = try? store.ticketSummaries(limit: 100_000), !tickets.isEmpty else {
            return ["no tickets yet"]
        }
        let automatic = tickets.filter { $0.status == "auto_replied" }.count
        let escalated = tickets.filter { ["escalated", "answered", "closed"].contains($0.status) }.count
        let responses = tickets.compactMap { ticket in
            ticket.firstResponseAt.map { $0.timeIntervalSince(ticket.receivedAt) }
        }
        .sorted()
        let median = responses.isEmpty ? "-" : String(format: "%.0f s", responses[responses.count / 2])
        return [
            "KPIs: \(tickets.count) tickets, \(automatic) answered automatically "
                + "(\(Int((Double(automatic) / Double(tickets.count) * 100).rounded()))%), \(escalated) with agents, "
                + "median first response \(median)"
        ]
    }

    private static func pad(_ columns: [String], _ widths: [Int]) -> String {
        zip(columns, widths).map { column, width in
            guard width > 0 else { return column }
            return column.count >= width
                ? String(column.prefix(width - 1)) + " " : column + String(repeating: " ", count: width - column.count)
        }.joined()
    }
}
