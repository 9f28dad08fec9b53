import Foundation
import MailroomCore

/// How the console writes values: dates in UTC, shares as percentages, durations in words, query strings.
enum ConsoleFormat {
    static func time(_ date: Date?) -> String {
        guard let date else { return "" }
        return date.formatted(
            Date.VerbatimFormatStyle(
                format:
                    "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
                timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
    }

    static func day(_ date: Date) -> String {
        String(time(date).prefix(10))
    }

    static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.0f%%", value * 100)
    }

    static func score(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "–" }
        switch seconds {
        case ..<90: return String(format: "%.0f s", seconds)
        case ..<5400: return String(format: "%.0f min", seconds / 60)
        case ..<172_800: return String(format: "%.1f h", seconds / 3600)
        default: return String(format: "%.1f d", seconds / 86_400)
        }
    }

    /// `name=value&...` with values percent-encoded, names sorted.
    static func query(_ values: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~")
        return values.sorted { $0.key < $1.key }.map {
            "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    /// One row of the ticket list.
    static func row(_ ticket: TicketSummary) -> [String: Any] {
        // Every key is set (empty when unknown): Mustache would otherwise look a missing key up in the page.
        [
            "id": ticket.id, "subject": ticket.subject.isEmpty ? "(no subject)" : ticket.subject,
            "customer": ticket.customerName.map { "\($0) <\(ticket.customer)>" } ?? ticket.customer,
            "status": ticket.status.rawValue, "received": time(ticket.receivedAt), "updated": time(ticket.updatedAt),
            "intent": ticket.intent ?? "", "confidence": ticket.confidence.map { percent($0) } ?? "",
            "language": ticket.language ?? "", "urgency": ticket.urgency ?? "", "sla": ticket.sla ?? "",
            "due": ticket.firstResponseAt == nil ? time(ticket.firstResponseDueAt) : "",
        ]
    }
}
