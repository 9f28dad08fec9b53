import Foundation

extension KPIReport {
    /// The report of a period from its aggregate and the live figures (the formulas of docs/KPIS.md).
    public init(
        aggregate a: KPIAggregate, live: KPILive, since: Date, until: Date, quietHours: Int, now: Date
    ) {
        func rate(_ part: Double, _ whole: Double) -> Double? { whole > 0 ? part / whole : nil }
        func percentiles(_ name: String) -> Percentiles {
            let histogram = a.histogram(name)
            return Percentiles(
                p50: KPIHistogram.percentile(0.5, of: histogram), p90: KPIHistogram.percentile(0.9, of: histogram))
        }
        func counts(_ name: String) -> [String: Int] { a.keyed(name).mapValues { Int($0.rounded()) } }

        let tickets = a.value("tickets")
        let auto = a.value("autoReplied")
        let failed = a.keyed("notDurable").filter { (Int($0.key) ?? 0) < quietHours }.values.reduce(0, +)
        let decided = auto - Double(live.durablePending)
        let met = a.value("sla", "met")
        let missed = a.value("sla", "missed") + Double(live.breachedOpen)
        let responses = a.value("csatResponses")

        self.since = since
        self.until = until
        generatedAt = now
        self.tickets = Int(tickets)
        messages = Int(a.value("messages", "in"))
        autoReplied = Int(auto)
        automationRate = rate(auto, tickets)
        durableResolutionRate = rate(decided - failed, decided)
        self.quietHours = quietHours
        durablePending = live.durablePending
        reopenRate = rate(a.value("reopened"), a.value("handled"))
        escalated = Int(a.value("escalated"))
        escalationRate = rate(a.value("escalated"), tickets)
        escalationReasons = counts("escalationReason")
        firstResponseSeconds = percentiles("frt")
        firstResponseSecondsAutomatic = percentiles("frtAuto")
        firstResponseSecondsHuman = percentiles("frtHuman")
        resolutionSeconds = percentiles("resolution")
        resolutionSecondsAutomatic = percentiles("resolutionAuto")
        resolutionSecondsHuman = percentiles("resolutionHuman")
        sla = SLA(
            breached: Int(missed), dueSoon: live.dueSoon, withinRate: rate(met, met + missed), met: Int(met),
            firstResponseWithinRate: rate(
                a.value("slaFirstResponse", "met"),
                a.value("slaFirstResponse", "met") + a.value("slaFirstResponse", "missed")),
            resolutionWithinRate: rate(
                a.value("slaResolution", "met"), a.value("slaResolution", "met") + a.value("slaResolution", "missed")))
        csat = CSAT(
            responses: Int(responses), responseRate: rate(a.value("csatTickets"), a.value("csatInvited")),
            positiveRate: rate(a.value("csatPositive"), responses),
            meanRating: rate(a.value("ratingSum"), a.value("ratingCount")))
        suppressed = counts("suppressed")
        let confidence = a.keyed("intentConfidence")
        let confidenceCount = a.keyed("intentConfidenceCount")
        let automatic = a.keyed("intentAuto")
        let contradicted = a.keyed("intentContradicted")
        byIntent = a.keyed("intent").map { intent, count in
            let autoCount = automatic[intent] ?? 0
            let contra = contradicted[intent] ?? 0
            return IntentFigures(
                intent: intent, tickets: Int(count), autoReplied: Int(autoCount),
                meanConfidence: rate(confidence[intent] ?? 0, confidenceCount[intent] ?? 0),
                contradicted: Int(contra), automationRate: rate(autoCount, count),
                precisionEstimate: rate(autoCount - contra, autoCount))
        }
        .sorted { ($0.tickets, $1.intent) > ($1.tickets, $0.intent) }
        byLanguage = counts("language")
        let days = Set(a.ticketsByDay.keys).union(a.messagesByDay.keys).sorted()
        byDay = days.map {
            Day(
                day: $0, tickets: Int((a.ticketsByDay[$0] ?? 0).rounded()),
                messages: Int((a.messagesByDay[$0] ?? 0).rounded()))
        }
        contradictedRate = rate(a.value("contradicted"), auto)
        backlog = Dictionary(uniqueKeysWithValues: Self.backlogBuckets.map { ($0.name, live.backlog[$0.name] ?? 0) })
    }
}
