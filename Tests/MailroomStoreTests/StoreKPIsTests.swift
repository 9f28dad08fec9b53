import Foundation
import GRDB
import MailroomCore
import Testing

@testable import MailroomStore

/// The daily rollups move with every change in the same transaction, and always equal the figures computed from
/// the tickets one by one (and a rebuild from scratch).
@Suite struct StoreKPIsTests {
    static func ticket(_ id: String, status: TicketStatus, at date: Date) -> Ticket {
        var ticket = Ticket(
            publicID: id, customerEmail: "\(id.lowercased())@example.com", customerName: nil, subject: "s",
            status: status, receivedAt: date)
        ticket.intent = "track_order"
        ticket.confidence = 0.9
        ticket.language = "en"
        ticket.firstResponseDueAt = date.addingTimeInterval(8 * 3600)
        ticket.resolutionDueAt = date.addingTimeInterval(72 * 3600)
        return ticket
    }

    static func draft(_ id: String, _ purpose: OutboxPurpose) -> OutboxDraft {
        OutboxDraft(
            purpose: purpose, envelopeFrom: "support@shop.example", recipients: ["x@example.com"],
            messageID: "\(id)@shop.example", subject: "s", raw: Array("x".utf8))
    }

    /// Processes stored message `row` into `ticket` with `events` and `outbox`.
    static func process(
        _ store: any MailroomStorage, row: Int64, ticket: Ticket, isNew: Bool, events: [AuditEvent] = [],
        outbox: [OutboxDraft] = [], at date: Date
    ) throws {
        _ = try store.process(rowID: row, now: date) { _, _ in
            var outcome = ProcessingOutcome(
                disposition: .processed(summary: .autoReplied), ticket: ticket, ticketIsNew: isNew, outbox: outbox)
            outcome.events = events
            return outcome
        }
    }

    /// A day of traffic: an automatic answer that holds, one the customer contradicts, an escalation answered
    /// by an agent, a suppressed bounce, feedback, and deliveries.
    static func traffic(_ store: any MailroomStorage) throws {
        let day = t0
        for (index, id) in ["k1", "k2", "k3", "k4", "k5"].enumerated() {
            _ = try store.ingest(
                IngestRequest(raw: mail(id), source: "test", receivedAt: day.addingTimeInterval(Double(index) * 600)))
        }
        var held = ticket("MR-AAAAA1", status: .autoReplied, at: day)
        held.autoAnsweredAt = day.addingTimeInterval(5)
        held.resolvedAt = held.autoAnsweredAt
        try process(store, row: 1, ticket: held, isNew: true, outbox: [draft("a1", .autoReply)], at: day)
        var contradicted = ticket("MR-AAAAA2", status: .autoReplied, at: day.addingTimeInterval(600))
        contradicted.autoAnsweredAt = day.addingTimeInterval(605)
        contradicted.resolvedAt = contradicted.autoAnsweredAt
        try process(store, row: 2, ticket: contradicted, isNew: true, outbox: [draft("a2", .autoReply)], at: day)
        var escalated = ticket("MR-AAAAA3", status: .escalated, at: day.addingTimeInterval(1200))
        escalated.escalatedAt = day.addingTimeInterval(1201)
        escalated.intent = "complaint"
        try process(
            store, row: 3, ticket: escalated, isNew: true,
            events: [AuditEvent(.escalated, reason: "lowConfidence,unhappyCustomerAtRisk", "escalated")],
            outbox: [draft("e3", .escalation)], at: day.addingTimeInterval(1201))
        _ = try store.process(rowID: 4, now: day.addingTimeInterval(1800)) { _, _ in
            var outcome = ProcessingOutcome(disposition: .processed(summary: .suppressed(.bounce)))
            outcome.events = [AuditEvent(.suppressed, reason: "bounce", "a bounce")]
            return outcome
        }
        for item in try store.claimDueOutbox(now: day.addingTimeInterval(1900), limit: 10) {
            try store.recordDelivery(outboxID: item.id, .sent, now: day.addingTimeInterval(1900))
        }
        // The contradicting follow-up (row 5), then an agent's answer, then feedback.
        contradicted.status = .escalated
        contradicted.customerFollowUpAt = day.addingTimeInterval(3600)
        contradicted.contradicted = true
        contradicted.reopenCount = 1
        contradicted.resolvedAt = nil
        contradicted.escalatedAt = day.addingTimeInterval(3600)
        try process(
            store, row: 5, ticket: contradicted, isNew: false,
            events: [
                AuditEvent(.followUp, reason: "didNotHelp", "did not help"),
                AuditEvent(.escalated, reason: "previousAnswerDidNotHelp", "again"),
            ], at: day.addingTimeInterval(3600))
        escalated.status = .answered
        escalated.agentAnsweredAt = day.addingTimeInterval(7200)
        escalated.resolvedAt = escalated.agentAnsweredAt
        try store.applyAction(
            ProcessingOutcome(
                disposition: .processed(summary: .agentAnswer), ticket: escalated, outbox: [draft("r3", .agentRelay)]),
            now: day.addingTimeInterval(7200))
        for item in try store.claimDueOutbox(now: day.addingTimeInterval(7300), limit: 10) {
            try store.recordDelivery(outboxID: item.id, .sent, now: day.addingTimeInterval(7300))
        }
        try store.recordFeedback(
            FeedbackRecord(ticketPublicID: "MR-AAAAA1", nonce: "n1", helpful: true, rating: 4), now: day)
        try store.recordFeedback(FeedbackRecord(ticketPublicID: "MR-AAAAA3", nonce: "n2", helpful: false), now: day)
        try store.recordFeedback(
            FeedbackRecord(ticketPublicID: "MR-AAAAA3", nonce: "n2", helpful: true, rating: 5), now: day)
    }

    static func rollupRows(_ store: any MailroomStorage) throws -> [String: Double] {
        var rows: [String: Double] = [:]
        for (day, cells) in try store.rollupCells() {
            for (cell, value) in cells { rows["\(day)|\(cell.name)|\(cell.key)"] = value }
        }
        return rows
    }

    @Test(arguments: Backend.available) func rollupsMoveWithEveryChangeAndMatchTheTicketsAndARebuild(_ backend: Backend)
        throws
    {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        try Self.traffic(database.store)
        let now = t0.addingTimeInterval(5 * 86_400)
        let since = t0.addingTimeInterval(-86_400)
        let until = t0.addingTimeInterval(2 * 86_400)
        let fromRollups = try database.store.kpis(since: since, until: until, now: now)
        let fromTickets = try database.store.kpis(
            since: since, until: until, now: now, quietHours: 72, source: .tickets)
        #expect(fromRollups == fromTickets)
        #expect(fromRollups.tickets == 3 && fromRollups.messages == 5)
        #expect(fromRollups.autoReplied == 2 && fromRollups.escalated == 2)
        #expect(fromRollups.contradictedRate == 0.5 && fromRollups.durableResolutionRate == 0.5)
        #expect(fromRollups.reopenRate == 1.0 / 3.0)
        #expect(fromRollups.suppressed == ["bounce": 1])
        #expect(
            fromRollups.escalationReasons
                == ["lowConfidence": 1, "unhappyCustomerAtRisk": 1, "previousAnswerDidNotHelp": 1])
        #expect(fromRollups.csat.responses == 3, "yes on one ticket, an answer changed to yes, a did-not-help reply")
        #expect(fromRollups.csat.positiveRate == 2.0 / 3.0 && fromRollups.csat.meanRating == 4.5)
        let frt = try #require(fromRollups.firstResponseSeconds.p90)
        #expect(abs(frt - 6100) / 6100 <= 0.025, "the agent's answer 6,100 s after receipt")
        #expect(fromRollups.backlog.values.reduce(0, +) == 1, "the contradicted ticket waits for an agent")
        let incremental = try Self.rollupRows(database.store)
        try database.store.rebuildKPIRollups()
        let rebuilt = try Self.rollupRows(database.store)
        #expect(Set(incremental.keys) == Set(rebuilt.keys))
        for (key, value) in rebuilt { #expect(abs((incremental[key] ?? 0) - value) < 1e-9, "\(key)") }
    }

    /// A ticket's facts are read from the statement's row by position; GRDB's `Row`, decoded as the facts were
    /// before, gives the same for every ticket of the traffic (feedback, ratings, reopens, a contradiction, NULLs).
    @Test func factsReadFromTheStatementAreWhatGRDBsRowGives() throws {
        let database = try Backend.sqlite.makeStore()
        defer { withExtendedLifetime(database) {} }
        try Self.traffic(database.store)
        let sqlite = try #require(database.store as? SQLiteStore)
        func decodedByRow(_ row: Row) -> KPIFacts {
            KPIFacts(
                receivedAt: row[1], status: TicketStatus(rawValue: row[2]) ?? .open, intent: row[3],
                confidence: row[4], language: row[5], autoAnsweredAt: row[6], firstResponseAt: row[7],
                firstAutoResponseAt: row[8], firstHumanResponseAt: row[9], escalatedAt: row[10],
                agentAnsweredAt: row[11], resolvedAt: row[12], closedAt: row[13], customerFollowUpAt: row[14],
                contradicted: row[15], reopenCount: row[16], firstResponseDueAt: row[17], resolutionDueAt: row[18],
                feedbackYes: row[19], feedbackNo: row[20], ratingSum: row[21], ratingCount: row[22],
                lowRating: row[23], didNotHelpReplies: row[24])
        }
        try sqlite.pool.read { db in
            let tickets = try Row.fetchAll(db, sql: "SELECT id, publicId FROM ticket")
            #expect(tickets.count == 3)
            var seen = Set<KPIFacts>()
            for ticket in tickets {
                let id: Int64 = ticket[0]
                let publicID: String = ticket[1]
                let expected = try #require(
                    try Row.fetchOne(db, sql: KPIRollup.factsByIDSQL, arguments: [id]).map(decodedByRow))
                #expect(try KPIRollup.facts(db, id: id) == expected)
                #expect(try KPIRollup.facts(db, publicID: publicID) == expected)
                #expect(
                    try Row.fetchOne(db, sql: KPIRollup.factsByIDSQL, arguments: [id]).map(KPIRollup.facts) == expected)
                seen.insert(expected)
            }
            #expect(seen.count == 3)
            #expect(seen.contains { $0.feedbackYes > 0 } && seen.contains { $0.ratingCount > 0 })
            #expect(seen.contains { $0.reopenCount > 0 } && seen.contains { $0.contradicted })
            #expect(seen.contains { $0.closedAt == nil } && seen.contains { $0.intent != nil })
            #expect(try KPIRollup.facts(db, id: 999) == nil)
            #expect(try KPIRollup.facts(db, publicID: "MR-NONE00") == nil)
        }
    }

    @Test(arguments: Backend.available) func aNewTicketsRollupsAreWhatItsStoredRowGives(_ backend: Backend) throws {
        // A ticket an outcome opens is not read back for its rollups: they come from the row it was inserted from.
        // Times between two milliseconds and a "did not help" event written with it must come out as a read gives.
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        let start = t0.addingTimeInterval(0.000_37)
        for (index, id) in ["n1", "n2"].enumerated() {
            _ = try database.store.ingest(
                IngestRequest(raw: mail(id), source: "test", receivedAt: start.addingTimeInterval(Double(index))))
        }
        var opened = Self.ticket("MR-NNNNN1", status: .escalated, at: start)
        opened.escalatedAt = start.addingTimeInterval(61.000_49)
        opened.firstResponseDueAt = start.addingTimeInterval(3_600.000_51)
        opened.confidence = 0.123_456_789_012_345_6
        try Self.process(
            database.store, row: 1, ticket: opened, isNew: true,
            events: [
                AuditEvent(.followUp, reason: "didNotHelp", "did not help"),
                AuditEvent(.escalated, reason: "lowConfidence", "escalated"),
            ], at: start)
        var answered = Self.ticket("MR-NNNNN2", status: .autoReplied, at: start.addingTimeInterval(1.000_5))
        answered.autoAnsweredAt = start.addingTimeInterval(2.999_5)
        answered.resolvedAt = answered.autoAnsweredAt
        try Self.process(database.store, row: 2, ticket: answered, isNew: true, at: start)
        if let sqlite = database.store as? SQLiteStore {
            // The facts made from the row as inserted are the facts a read gives, to the last bit of every time.
            let read = try sqlite.pool.read { db in try KPIRollup.facts(db, publicID: "MR-NNNNN1") }
            #expect(read == KPIRollup.facts(inserted: TicketRecord(ticket: opened, id: nil), didNotHelpReplies: 1))
            #expect(read?.escalatedAt != opened.escalatedAt, "the time as stored, to the millisecond")
        }
        let incremental = try Self.rollupRows(database.store)
        #expect(!incremental.isEmpty)
        try database.store.rebuildKPIRollups()
        let rebuilt = try Self.rollupRows(database.store)
        #expect(Set(incremental.keys) == Set(rebuilt.keys))
        for (key, value) in rebuilt { #expect(abs((incremental[key] ?? 0) - value) < 1e-9, "\(key)") }
    }

    @Test(arguments: Backend.available) func aBatchAndAGroupCommitMoveTheRollupsExactlyAsOneByOne(
        _ backend: Backend
    ) throws {
        // The same traffic twice: one message per transaction and one delivery per transaction, then a whole batch
        // in one transaction (a follow-up on a ticket opened earlier in the same batch) and deliveries recorded
        // together; the rollups written must be the same, and equal a rebuild.
        func run(_ store: any MailroomStorage, batched: Bool) throws -> [String: Double] {
            _ = try store.ingest(
                (1...5).map { IngestRequest(raw: mail("b\($0)"), source: "test", receivedAt: t0 + Double($0)) })
            var first = Self.ticket("MR-BBBBB1", status: .autoReplied, at: t0)
            first.autoAnsweredAt = t0 + 5
            first.resolvedAt = first.autoAnsweredAt
            var followUp = first
            followUp.status = .escalated
            followUp.customerFollowUpAt = t0 + 60
            followUp.contradicted = true
            followUp.reopenCount = 1
            followUp.resolvedAt = nil
            followUp.escalatedAt = t0 + 60
            var other = Self.ticket("MR-BBBBB2", status: .escalated, at: t0 + 2)
            other.escalatedAt = t0 + 3
            other.intent = "complaint"
            let outcomes: [Int64: ProcessingOutcome] = [
                1: ProcessingOutcome(
                    disposition: .processed(summary: .autoReplied), ticket: first, ticketIsNew: true,
                    outbox: [Self.draft("ba1", .autoReply)]),
                2: ProcessingOutcome(
                    disposition: .processed(summary: .escalated), ticket: other, ticketIsNew: true,
                    events: [AuditEvent(.escalated, reason: "lowConfidence,unhappyCustomerAtRisk", "escalated")],
                    outbox: [Self.draft("be2", .escalation), Self.draft("ba2", .autoReply)]),
                3: ProcessingOutcome(
                    disposition: .processed(summary: .suppressed(.bounce)),
                    events: [AuditEvent(.suppressed, reason: "bounce", "a bounce")]),
                4: ProcessingOutcome(
                    disposition: .processed(summary: .escalated), ticket: followUp, ticketIsNew: false,
                    events: [
                        AuditEvent(.followUp, reason: "didNotHelp", "did not help"),
                        AuditEvent(.escalated, reason: "previousAnswerDidNotHelp", "again"),
                    ]),
                5: ProcessingOutcome(
                    disposition: .processed(summary: .suppressed(.autoReply)),
                    events: [AuditEvent(.suppressed, reason: "autoReply", "an auto-reply")]),
            ]
            let body: (InboundMessage, any GatewayLookup) throws -> ProcessingOutcome = { message, _ in
                try #require(outcomes[message.rowID])
            }
            if batched {
                let results = try store.process(
                    messages: try store.receivedMessages(rowIDs: [1, 2, 3, 4, 5]), now: t0 + 60, body,
                    fallback: { _, error in throw error })
                #expect(results.count == 5)
                let claimed = try store.claimDueOutbox(now: t0 + 70, limit: 3)
                #expect(claimed.count == 3)
                _ = try store.recordDeliveries(claimed.map { ($0.id, .sent) }, claiming: 3, now: t0 + 70)
            } else {
                for row in Int64(1)...5 { #expect(try store.process(rowID: row, now: t0 + 60, body) != nil) }
                for item in try store.claimDueOutbox(now: t0 + 70, limit: 3) {
                    try store.recordDelivery(outboxID: item.id, .sent, now: t0 + 70)
                }
            }
            return try Self.rollupRows(store)
        }
        let single = try backend.makeStore()
        let batch = try backend.makeStore()
        defer { withExtendedLifetime((single, batch)) {} }
        let oneByOne = try run(single.store, batched: false)
        let together = try run(batch.store, batched: true)
        #expect(oneByOne["\(KPIContribution.day(t0))|escalationReason|previousAnswerDidNotHelp"] == 1)
        #expect(Set(together.keys) == Set(oneByOne.keys))
        for (key, value) in oneByOne { #expect(abs((together[key] ?? 0) - value) < 1e-9, "\(key)") }
        try batch.store.rebuildKPIRollups()
        #expect(try Self.rollupRows(batch.store) == together)
    }

    @Test(arguments: Backend.available) func theDailySeriesAddsUpToTheReportAndWeeksMergeDays(_ backend: Backend) throws
    {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        try Self.traffic(database.store)
        let now = t0.addingTimeInterval(5 * 86_400)
        let since = t0.addingTimeInterval(-3 * 86_400)
        let until = t0.addingTimeInterval(4 * 86_400)
        let report = try database.store.kpis(since: since, until: until, now: now)
        let days = try database.store.kpiSeries(since: since, until: until, now: now)
        #expect(days.count == 8, "from the day of `since` to the day of `until`")
        #expect(days.map(\.tickets).reduce(0, +) == report.tickets)
        #expect(days.map(\.autoReplied).reduce(0, +) == report.autoReplied)
        let day = try #require(days.first { $0.tickets > 0 })
        #expect(day.day == "2027-01-15" && day.automationRate == 2.0 / 3.0)
        #expect(day.durableResolutionRate == report.durableResolutionRate)
        let frt = try #require(day.firstResponseSeconds.p90)
        #expect(abs(frt - 6100) / 6100 <= 0.025)
        #expect(days.filter { $0.tickets == 0 }.allSatisfy { $0.automationRate == nil })
        let weeks = try database.store.kpiSeries(since: since, until: until, now: now, quietHours: 72, bucketDays: 7)
        #expect(weeks.map(\.day) == ["2027-01-12", "2027-01-19"])
        #expect(weeks.map(\.tickets).reduce(0, +) == report.tickets)
        #expect(weeks[0].firstResponseSeconds == day.firstResponseSeconds)
        // A day whose quiet period is not over has no durable rate yet.
        let early = try database.store.kpiSeries(since: since, until: until, now: t0.addingTimeInterval(3600))
        #expect(early.allSatisfy { $0.durableResolutionRate == nil })
    }

    @Test(arguments: Backend.available) func partialDaysAtTheEdgesAreReadFromTheTickets(_ backend: Backend) throws {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        try Self.traffic(database.store)
        let now = t0.addingTimeInterval(5 * 86_400)
        // t0 is 2027-01-15T08:00:00Z: a period starting at 08:05 leaves the first ticket out.
        let since = t0.addingTimeInterval(300)
        let until = t0.addingTimeInterval(3 * 86_400 + 3600)
        let fromRollups = try database.store.kpis(since: since, until: until, now: now)
        #expect(
            fromRollups
                == (try database.store.kpis(since: since, until: until, now: now, quietHours: 72, source: .tickets)))
        #expect(fromRollups.tickets == 2)
    }

    @Test func theMigrationBackfillsTimestampsFromTheAuditTrail() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-mig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try Migrations.migrator.migrate(queue, upTo: "v3-http")
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO ticket (id, publicId, customerEmail, subject, status, receivedAt, updatedAt,
                          firstResponseAt, resolvedAt)
                        VALUES (1, 'MR-OLD001', 'a@example.com', 's', 'escalated', ?, ?, NULL, NULL),
                               (2, 'MR-OLD002', 'b@example.com', 's', 'auto_replied', ?, ?, ?, ?)
                        """, arguments: [t0, t0, t0, t0, t0.addingTimeInterval(30), t0.addingTimeInterval(10)])
                try db.execute(
                    sql: """
                        INSERT INTO outbox (ticketId, purpose, envelopeFrom, recipients, messageIdHeader, subject, raw,
                          state, attempts, nextAttemptAt, createdAt, sentAt)
                        VALUES (2, 'auto_reply', 's@x', '[]', 'm1@x', 's', X'00', 'sent', 1, ?, ?, ?)
                        """, arguments: [t0, t0.addingTimeInterval(10), t0.addingTimeInterval(30)])
                try db.execute(
                    sql: """
                        INSERT INTO event (ticketId, at, type, reason, detail) VALUES
                          (1, ?, 'escalated', 'lowConfidence', 'e'), (2, ?, 'followUp', 'didNotHelp', 'f')
                        """, arguments: [t0.addingTimeInterval(5), t0.addingTimeInterval(3600)])
            }
        }
        let store = try SQLiteStore(path: path)
        let escalated = try #require(try store.ticket(publicID: "MR-OLD001"))
        #expect(escalated.escalatedAt == t0.addingTimeInterval(5))
        let auto = try #require(try store.ticket(publicID: "MR-OLD002"))
        #expect(auto.autoAnsweredAt == t0.addingTimeInterval(10))
        #expect(auto.firstAutoResponseAt == t0.addingTimeInterval(30))
        #expect(auto.customerFollowUpAt == t0.addingTimeInterval(3600) && auto.contradicted)
        let report = try store.kpis(
            since: t0.addingTimeInterval(-86_400), until: t0.addingTimeInterval(86_400),
            now: t0.addingTimeInterval(7200))
        #expect(report.tickets == 2 && report.autoReplied == 1 && report.escalated == 1)
        #expect(report.escalationReasons == ["lowConfidence": 1])
        #expect(try store.fillSLADueTimes(SLAPolicy()) == 2)
        #expect(try store.ticket(publicID: "MR-OLD001")?.firstResponseDueAt == t0.addingTimeInterval(8 * 3600))
        #expect(try store.fillSLADueTimes(SLAPolicy()) == 0)
    }
}
