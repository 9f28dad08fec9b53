import Foundation
import GRDB
import MailroomCore

/// What `GET /api/v1/tickets` asks for.
public struct TicketQuery: Sendable, Hashable {
    /// Only tickets in this status.
    public var status: TicketStatus?
    /// Only tickets of this intent.
    public var intent: String?
    /// Only tickets in this language.
    public var language: String?
    /// Only tickets whose customer address contains this (any case).
    public var customer: String?
    /// Words that must all occur in the subject, the customer or the customers' text (prefixes match).
    public var words: [String]
    /// Received at or after.
    public var since: Date?
    /// Received before.
    public var until: Date?
    /// At most this many (1...200).
    public var limit: Int
    /// Only tickets with a smaller id than this (the page cursor).
    public var before: Int64?

    /// Creates a query; no filter, 50 tickets, newest first.
    public init(
        status: TicketStatus? = nil, intent: String? = nil, language: String? = nil, customer: String? = nil,
        words: [String] = [], since: Date? = nil, until: Date? = nil, limit: Int = 50, before: Int64? = nil
    ) {
        self.status = status
        self.intent = intent
        self.language = language
        self.customer = customer
        self.words = words
        self.since = since
        self.until = until
        self.limit = limit
        self.before = before
    }

    /// The words of a free-text query, without any search syntax: letters and digits only, at most 8 words of at
    /// most 40 characters. Quotes, operators and column filters in `q` are plain text, never FTS5 syntax.
    public static func words(of text: String) -> [String] {
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map { String($0.prefix(40)) }
        return Array(words.filter { !$0.isEmpty }.prefix(8))
    }
}

/// One page of tickets.
public struct TicketPage: Sendable, Hashable {
    /// The tickets, newest first, with their row ids.
    public var tickets: [(rowID: Int64, ticket: Ticket)]
    /// The cursor of the next page, when there is one.
    public var next: Int64?

    /// Two pages are equal when they hold the same rows and cursor.
    public static func == (lhs: TicketPage, rhs: TicketPage) -> Bool {
        lhs.tickets.map(\.rowID) == rhs.tickets.map(\.rowID) && lhs.next == rhs.next
    }

    /// Hashes the rows.
    public func hash(into hasher: inout Hasher) { hasher.combine(tickets.map(\.rowID)) }

    /// Creates a page.
    public init(tickets: [(rowID: Int64, ticket: Ticket)], next: Int64?) {
        self.tickets = tickets
        self.next = next
    }
}

extension SQLiteStore: SearchStore {
    /// Tickets matching `query`, newest first.
    public func tickets(_ query: TicketQuery) throws -> TicketPage {
        try StoreError.wrapping {
            try pool.read { db in
                var conditions: [String] = []
                var arguments: [any DatabaseValueConvertible] = []
                func add(_ condition: String, _ values: [any DatabaseValueConvertible]) {
                    conditions.append(condition)
                    arguments += values
                }
                if let status = query.status { add("t.status = ?", [status]) }
                if let intent = query.intent { add("t.intent = ?", [intent]) }
                if let language = query.language { add("t.language = ?", [language]) }
                if let customer = query.customer { add("instr(t.customerEmail, ?) > 0", [customer.lowercased()]) }
                if let since = query.since { add("t.receivedAt >= ?", [since]) }
                if let until = query.until { add("t.receivedAt < ?", [until]) }
                if let before = query.before { add("t.id < ?", [before]) }
                if !query.words.isEmpty {
                    let match = query.words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "") + "\"*" }
                        .joined(separator: " AND ")
                    add("t.id IN (SELECT rowid FROM ticketSearch WHERE ticketSearch MATCH ?)", [match])
                }
                let limit = min(max(query.limit, 1), 200)
                let sql =
                    "SELECT t.* FROM ticket t"
                    + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
                    + " ORDER BY t.id DESC LIMIT ?"
                arguments.append(limit + 1)
                let rows = try TicketRecord.fetchAll(
                    db.cachedStatement(sql: sql), arguments: StatementArguments(arguments))
                let page = rows.prefix(limit).map { ($0.id!, Ticket(record: $0)) }
                return TicketPage(tickets: Array(page), next: rows.count > limit ? page.last?.0 : nil)
            }
        }
    }
}
