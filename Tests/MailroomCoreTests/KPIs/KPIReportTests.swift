import Foundation
import Testing

@testable import MailroomCore

/// Every formula of docs/KPIS.md on hand-built ticket timelines.
@Suite struct KPIReportTests {
    static let start = try! Date("2026-11-02T00:00:00Z", strategy: .iso8601)
    static func at(_ hours: Double) -> Date { start.addingTimeInterval(hours * 3600) }

    static func report(_ tickets: [KPIFacts], now: Date = at(24 * 30), quietHours: Int = 72) -> KPIReport {
        var aggregate = KPIAggregate()
        var live = KPILive()
        for facts in tickets {
            aggregate.add(facts)
            if facts.status == .open || facts.status == .escalated {
                live.addBacklog(facts, now: now, inPeriod: true)
            }
            live.addRecentAutomatic(facts, now: now, quietHours: quietHours)
        }
        return KPIReport(
            aggregate: aggregate, live: live, since: start, until: at(24 * 31), quietHours: quietHours, now: now)
    }

    /// An automatic answer one minute after receipt, sent a second later.
    static func answered(at hours: Double, intent: String = "track_order", confidence: Double = 0.9) -> KPIFacts {
        KPIFacts(
            receivedAt: at(hours), status: .autoReplied, intent: intent, confidence: confidence, language: "en",
            autoAnsweredAt: at(hours).addingTimeInterval(60), firstResponseAt: at(hours).addingTimeInterval(61),
            firstAutoResponseAt: at(hours).addingTimeInterval(61), resolvedAt: at(hours).addingTimeInterval(60),
            firstResponseDueAt: at(hours + 8), resolutionDueAt: at(hours + 72))
    }

    @Test func automationEscalationAndVolume() {
        var escalated = KPIFacts(
            receivedAt: Self.at(30), status: .escalated, intent: "complaint", confidence: 0.5, language: "de",
            escalatedAt: Self.at(30), firstResponseDueAt: Self.at(30 + 24 * 40), resolutionDueAt: Self.at(30 + 24 * 40))
        escalated.reopenCount = 0
        let report = Self.report([Self.answered(at: 1), Self.answered(at: 2), Self.answered(at: 26), escalated])
        #expect(report.tickets == 4)
        #expect(report.autoReplied == 3 && report.automationRate == 0.75)
        #expect(report.escalated == 1 && report.escalationRate == 0.25)
        #expect(report.byLanguage == ["en": 3, "de": 1])
        #expect(report.byDay.map(\.day) == ["2026-11-02", "2026-11-03"])
        #expect(report.byDay.map(\.tickets) == [2, 2])
        #expect(report.backlog["1-3d"] == 0 && report.backlog["7d+"] == 1)
    }

    @Test func durableResolutionCountsFollowUpsWithinTheQuietPeriodAndNegativeFeedback() {
        var early = Self.answered(at: 0)
        early.customerFollowUpAt = Self.at(10)  // wrote again after 10 h: not durable
        var late = Self.answered(at: 1)
        late.customerFollowUpAt = Self.at(1 + 100)  // after 100 h: still durable under 72 h
        var unhappy = Self.answered(at: 2)
        unhappy.feedbackNo = 1  // "did not help", whenever
        var lowRating = Self.answered(at: 3)
        lowRating.feedbackYes = 1
        lowRating.ratingSum = 2
        lowRating.ratingCount = 1
        lowRating.lowRating = true
        let quiet = Self.answered(at: 4)
        let recent = Self.answered(at: 24 * 30 - 5)  // five hours before "now": still in its quiet period
        let report = Self.report([early, late, unhappy, lowRating, quiet, recent])
        #expect(report.autoReplied == 6)
        #expect(report.durablePending == 1)
        #expect(report.durableResolutionRate == 2.0 / 5.0)
        // With a quiet period of 120 h the late follow-up counts against it too.
        #expect(
            Self.report([early, late, unhappy, lowRating, quiet], quietHours: 120).durableResolutionRate == 1.0 / 5)
        #expect(Self.report([]).durableResolutionRate == nil, "no automatic answers: unknown, not 0 or 100%")
    }

    @Test func reopenAndContradictionPerIntent() {
        var reopened = Self.answered(at: 0, intent: "refund", confidence: 0.8)
        reopened.reopenCount = 2
        reopened.contradicted = true
        reopened.status = .escalated
        reopened.resolvedAt = nil
        reopened.escalatedAt = Self.at(5)
        let fine = Self.answered(at: 1, intent: "refund", confidence: 0.9)
        let other = Self.answered(at: 2, intent: "track_order", confidence: 0.95)
        let unanswered = KPIFacts(receivedAt: Self.at(3), status: .open, intent: "refund", confidence: 0.4)
        let report = Self.report([reopened, fine, other, unanswered])
        #expect(report.reopenRate == 1.0 / 3.0, "reopened tickets / tickets answered or closed")
        #expect(report.contradictedRate == 1.0 / 3.0)
        let refund = try! #require(report.byIntent.first { $0.intent == "refund" })
        #expect(refund.tickets == 3 && refund.autoReplied == 2 && refund.contradicted == 1)
        #expect(abs((refund.meanConfidence ?? 0) - 0.7) < 1e-9)
        #expect(refund.precisionEstimate == 0.5)
        #expect(report.byIntent.first?.intent == "refund", "most tickets first")
    }

    @Test func responseAndResolutionPercentilesAreWithinTwoAndAHalfPercent() {
        var tickets: [KPIFacts] = []
        for minutes in 1...100 {
            var facts = KPIFacts(
                receivedAt: Self.at(Double(minutes)), status: .answered, agentAnsweredAt: nil,
                resolvedAt: Self.at(Double(minutes)).addingTimeInterval(Double(minutes) * 3600))
            facts.firstResponseAt = Self.at(Double(minutes)).addingTimeInterval(Double(minutes) * 60)
            facts.firstHumanResponseAt = facts.firstResponseAt
            tickets.append(facts)
        }
        let report = Self.report(tickets)
        let p50 = try! #require(report.firstResponseSeconds.p50)
        let p90 = try! #require(report.firstResponseSeconds.p90)
        #expect(abs(p50 - 3000) / 3000 <= 0.025, "\(p50)")
        #expect(abs(p90 - 5400) / 5400 <= 0.025, "\(p90)")
        #expect(report.firstResponseSecondsHuman == report.firstResponseSeconds)
        #expect(report.firstResponseSecondsAutomatic.p50 == nil)
        #expect(abs((report.resolutionSeconds.p50 ?? 0) - 50 * 3600) / (50 * 3600) <= 0.025)
        #expect(report.resolutionSecondsHuman == report.resolutionSeconds)
    }

    @Test func slaBreachedDueSoonAndWithinRate() {
        let now = Self.at(100)
        let inTime = Self.answered(at: 0)
        var lateAnswer = Self.answered(at: 1)
        lateAnswer.firstResponseDueAt = Self.at(1.01)  // answered after 61 s, due after 36 s
        let overdue = KPIFacts(
            receivedAt: Self.at(90), status: .escalated, firstResponseDueAt: Self.at(98), resolutionDueAt: Self.at(200))
        let dueSoon = KPIFacts(
            receivedAt: Self.at(99), status: .open, firstResponseDueAt: Self.at(100.5), resolutionDueAt: Self.at(300))
        let later = KPIFacts(
            receivedAt: Self.at(99.5), status: .open, firstResponseDueAt: Self.at(110), resolutionDueAt: Self.at(300))
        let report = Self.report([inTime, lateAnswer, overdue, dueSoon, later], now: now)
        #expect(report.sla.breached == 2)
        #expect(report.sla.dueSoon == 1)
        #expect(report.sla.met == 1)
        #expect(report.sla.withinRate == 1.0 / 3.0, "met / (met + breached); open tickets not yet due are undecided")
        #expect(report.sla.firstResponseWithinRate == 0.5)
    }

    @Test func satisfactionFromLinksAndDidNotHelpReplies() {
        var happy = Self.answered(at: 0)
        happy.feedbackYes = 1
        happy.ratingSum = 5
        happy.ratingCount = 1
        var unhappy = Self.answered(at: 1)
        unhappy.feedbackNo = 1
        unhappy.ratingSum = 2
        unhappy.ratingCount = 1
        var replied = Self.answered(at: 2)
        replied.didNotHelpReplies = 1
        let silent = Self.answered(at: 3)
        let report = Self.report([happy, unhappy, replied, silent])
        #expect(report.csat.responses == 3)
        #expect(report.csat.responseRate == 0.75)
        #expect(report.csat.positiveRate == 1.0 / 3.0)
        #expect(report.csat.meanRating == 3.5)
    }

    @Test func theJSONHasEveryContractKeyEvenWhenUnknown() throws {
        let data = try JSONEncoder().encode(Self.report([]))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in [
            "tickets", "autoReplied", "automationRate", "durableResolutionRate", "reopenRate", "escalationRate",
            "firstResponseSeconds", "resolutionSeconds", "sla", "csat", "suppressed", "byIntent", "backlog",
        ] {
            #expect(object.keys.contains(key), "\(key)")
        }
        #expect(object["automationRate"] is NSNull)
        let first = try #require(object["firstResponseSeconds"] as? [String: Any])
        #expect(Set(first.keys) == ["p50", "p90"] && first["p50"] is NSNull)
        let sla = try #require(object["sla"] as? [String: Any])
        #expect(Set(["breached", "dueSoon", "withinRate"]).isSubset(of: Set(sla.keys)))
        let csat = try #require(object["csat"] as? [String: Any])
        #expect(Set(["responses", "positiveRate", "meanRating"]).isSubset(of: Set(csat.keys)))
        let decoded = try JSONDecoder().decode(KPIReport.self, from: data)
        #expect(decoded.tickets == 0 && decoded.automationRate == nil)
    }

    @Test func daysAreUTCCalendarDays() {
        #expect(KPIContribution.day(Date(timeIntervalSince1970: 0)) == "1970-01-01")
        #expect(KPIContribution.day(try! Date("2028-02-29T23:59:59Z", strategy: .iso8601)) == "2028-02-29")
        #expect(KPIContribution.day(try! Date("2100-03-01T00:00:00Z", strategy: .iso8601)) == "2100-03-01")
        for day in ["2026-01-01", "2024-02-29", "2026-12-31", "1999-12-31"] {
            #expect(KPIContribution.start(ofDay: day).map(KPIContribution.day) == day)
        }
    }

    @Test func histogramBucketsStayWithinTwoAndAHalfPercent() {
        var seconds = 1.0
        while seconds < 1e8 {
            let value = KPIHistogram.value(of: KPIHistogram.bucket(seconds))
            #expect(abs(value - seconds) / seconds <= 0.025, "\(seconds) -> \(value)")
            seconds *= 1.013
        }
        #expect(KPIHistogram.bucket(0.4) == 0 && KPIHistogram.value(of: 0) == 0)
        #expect(KPIHistogram.percentile(0.5, of: [:]) == nil)
    }

    @Test func aContributionMovesWhenTheTicketChanges() {
        var facts = Self.answered(at: 0)
        let before = KPIContribution.cells(of: facts)
        facts.customerFollowUpAt = Self.at(3)
        facts.reopenCount = 1
        let after = KPIContribution.cells(of: facts)
        #expect(before[KPICell("reopened")] == nil && after[KPICell("reopened")] == 1)
        #expect(after[KPICell("notDurable", "2")] == 1, "follow-up 2 h 59 min after the answer: hour bucket 2")
        #expect(before[KPICell("tickets")] == after[KPICell("tickets")])
    }
}
