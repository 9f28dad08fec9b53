import Foundation
import MailroomCore
import MailroomHTTP
import MailroomStore

/// KPIs, readiness and metrics for the API.
struct InsightService: InsightBackend {
    let store: any MailroomStorage
    let metrics: GatewayMetrics
    /// How long since the last successful poll intake may be and still count as ready.
    let pollGrace: TimeInterval
    /// `kpis.quietHours`.
    let quietHours: Int
    let now: @Sendable () -> Date
    /// The language model's circuit breaker, when one is configured.
    var llmBreaker: (@Sendable () -> String?)? = nil

    func kpis(since: Date, until: Date) async throws -> KPIReport {
        try store.kpis(since: since, until: until, now: now(), quietHours: quietHours)
    }

    func series(since: Date, until: Date, bucketDays: Int) async throws -> [KPIDay] {
        try store.kpiSeries(since: since, until: until, now: now(), quietHours: quietHours, bucketDays: bucketDays)
    }

    func readiness() async -> Readiness {
        do {
            try store.checkReachable()
            let mailboxes = try store.mailboxes()
            let lastPoll = mailboxes.compactMap(\.lastPollAt).max()
            let recent = lastPoll.map { now().timeIntervalSince($0) <= pollGrace } ?? false
            let failing = mailboxes.contains { $0.lastError != nil }
            let intake = failing ? "failing" : (recent ? "ok" : "no recent poll")
            var readiness = Readiness(ready: recent && !failing, store: "ok", intake: intake, lastPollAt: lastPoll)
            readiness.database = database
            readiness.llm = llmBreaker?()
            return readiness
        } catch {
            var readiness = Readiness(ready: false, store: "unreachable", intake: "unknown", lastPollAt: nil)
            readiness.database = database
            return readiness
        }
    }

    /// `sqlite` or `postgresql`.
    private var database: String { store.isShared ? "postgresql" : "sqlite" }

    func metrics() async -> String {
        metrics.exposition()
    }
}
