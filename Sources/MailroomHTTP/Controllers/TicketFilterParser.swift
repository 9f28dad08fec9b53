import Foundation
import Hummingbird
import MailroomCore

/// The query parameters of `GET /api/v1/tickets`, checked: a bad value is a 400 naming the parameter.
enum TicketFilterParser {
    static func parse(_ request: Request) throws -> TicketFilter {
        try parse { request.query($0) }
    }

    /// The filter from named values (`query` answers nil for a parameter that is absent).
    static func parse(_ query: (String) -> String?) throws -> TicketFilter {
        var filter = TicketFilter()
        if let status = query("status") {
            guard let value = TicketStatus(rawValue: status) else {
                throw APIError.invalid(
                    "'status' must be one of \(TicketStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.status = value
        }
        filter.intent = try word(query, "intent")
        filter.language = try word(query, "language")
        if let customer = query("customer") {
            guard customer.utf8.count <= 254 else { throw APIError.invalid("'customer' is too long") }
            filter.customer = customer
        }
        if let q = query("q") {
            guard q.utf8.count <= 500 else { throw APIError.invalid("'q' is longer than 500 bytes") }
            filter.q = q
        }
        filter.since = try date(query, "since")
        filter.until = try date(query, "until")
        if let limit = query("limit") {
            guard let value = Int(limit), (1...200).contains(value) else {
                throw APIError.invalid("'limit' must be a number from 1 to 200")
            }
            filter.limit = value
        }
        if let cursor = query("cursor") {
            guard let value = Cursor.decode(cursor) else { throw APIError.invalid("'cursor' is not one we gave out") }
            filter.cursor = value
        }
        return filter
    }

    private static func word(_ query: (String) -> String?, _ name: String) throws -> String? {
        guard let value = query(name) else { return nil }
        guard (1...64).contains(value.utf8.count),
            value.unicodeScalars.allSatisfy({
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-".unicodeScalars.contains($0))
            })
        else { throw APIError.invalid("'\(name)' must be letters, digits, _ or -") }
        return value
    }

    /// `2026-11-21` or `2026-11-21T10:00:00Z`.
    static func date(_ query: (String) -> String?, _ name: String) throws -> Date? {
        guard let value = query(name) else { return nil }
        if let date = try? Date(value, strategy: .iso8601) { return date }
        if let date = try? Date(value, strategy: Date.ISO8601FormatStyle().year().month().day()) { return date }
        throw APIError.invalid("'\(name)' must be a date (2026-11-21) or a date and time (2026-11-21T10:00:00Z)")
    }
}

/// The opaque page cursor: the last ticket's row id, base64url-encoded with a prefix.
public enum Cursor {
    /// The cursor for a row id.
    public static func encode(_ id: Int64) -> String {
        Data("t:\(id)".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    /// The row id of a cursor, or nil for anything we did not give out.
    public static func decode(_ cursor: String) -> Int64? {
        guard cursor.utf8.count <= 40 else { return nil }
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.utf8.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("t:"), let id = Int64(text.dropFirst(2)), id > 0
        else { return nil }
        return id
    }
}

/// Web-form fields are hostile: sizes bounded, no control characters in one-line fields (no header injection),
/// a plausible address.
enum WebFormValidator {
    static func validate(_ form: WebFormRequest) throws -> WebFormRequest {
        var problems: [String] = []
        func oneLine(_ value: String, _ name: String, max: Int, required: Bool = true) {
            if required, value.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("'\(name)' is empty") }
            if value.utf8.count > max { problems.append("'\(name)' is longer than \(max) bytes") }
            if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                problems.append("'\(name)' must be one line without control characters")
            }
        }
        oneLine(form.name, "name", max: 200, required: false)
        oneLine(form.subject, "subject", max: 300)
        oneLine(form.email, "email", max: 254)
        if !isAddress(form.email) { problems.append("'email' is not an email address") }
        if form.message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append("'message' is empty")
        }
        if form.message.utf8.count > 64_000 { problems.append("'message' is longer than 64,000 bytes") }
        if form.message.unicodeScalars.contains(where: {
            $0.properties.generalCategory == .control && !["\n", "\r", "\t"].contains($0)
        }) {
            problems.append("'message' holds control characters")
        }
        guard problems.isEmpty else { throw APIError.unprocessable("the form cannot be accepted", details: problems) }
        return form
    }

    static func isAddress(_ value: String) -> Bool {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix(".")
        else { return false }
        return value.unicodeScalars.allSatisfy {
            $0.isASCII && $0.value > 0x20 && !"<>()[]\\,;:\"".unicodeScalars.contains($0)
        }
    }
}
