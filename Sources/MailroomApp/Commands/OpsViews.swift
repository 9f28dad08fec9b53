import Foundation
import MailroomCore
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
    private static func intake(_ store: SQLiteStore, silenceMinutes: Int) throws -> [String] {
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
        let store = try SQLiteStore(path: configuration.storePath)
        guard let ticket = try store.ticket(publicID: publicID.uppercased()) else {
            throw OpsViewError(message: "no ticket \(publicID) in \(configuration.storePath)")
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

    private static func kpis(_ store: SQLiteStore) -> [String] {
        guard let tickets = try? store.ticketSummaries(limit: 100_000), !tickets.isEmpty else {
            return ["no tickets yet"]
        }
        let automatic = tickets.filter { $0.status == TicketStatus.autoReplied.rawValue }.count
        let escalated = tickets.filter {
            [TicketStatus.escalated, .answered, .closed].map(\.rawValue).contains($0.status)
        }.count
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

/// A view that cannot be shown (no such ticket).
public struct OpsViewError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// What went wrong.
    public var message: String
    /// The message.
    public var description: String { message }
    /// The message, for the command line.
    public var errorDescription: String? { message }
}
