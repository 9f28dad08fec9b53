import CoreMetrics
import Foundation
import MailroomCore
import MailroomStore
import Prometheus

/// The gateway's metrics through swift-metrics, exported in Prometheus text format (to a file the
/// node_exporter textfile collector reads, and by `mailroom status`). Label values come from closed sets.
final class GatewayMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    let factory: PrometheusMetricsFactory

    init() {
        factory = PrometheusMetricsFactory(registry: registry)
    }

    func ingested(source: String) {
        Counter(label: "mailroom_messages_ingested_total", dimensions: [("source", source)], factory: factory)
            .increment()
    }

    func intakeSucceeded(at date: Date) {
        Gauge(label: "mailroom_intake_last_success_timestamp_seconds", factory: factory)
            .record(date.timeIntervalSince1970)
    }

    func intakeSilence(seconds: TimeInterval) {
        Gauge(label: "mailroom_intake_silence_seconds", factory: factory).record(seconds)
    }

    func intakeFailed() {
        Counter(label: "mailroom_intake_failures_total", factory: factory).increment()
    }

    /// One language-model triage: `answered` or the fallback code (a closed set), and how long it took.
    func llmTriage(outcome: String, seconds: Double) {
        Counter(label: "mailroom_llm_requests_total", dimensions: [("outcome", outcome)], factory: factory).increment()
        Timer(label: "mailroom_llm_seconds", factory: factory).recordSeconds(seconds)
    }

    /// The language model's circuit breaker: 0 closed, 1 open, 0.5 half-open.
    func llmBreaker(_ state: String) {
        Gauge(label: "mailroom_llm_breaker_open", factory: factory).record(
            state == "closed" ? 0 : state == "open" ? 1 : 0.5)
    }

    func processed(summary: ProcessingSummary, duration: Duration) {
        Counter(
            label: "mailroom_messages_processed_total", dimensions: [("outcome", summary.label)], factory: factory
        ).increment()
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        Timer(label: "mailroom_processing_seconds", factory: factory).recordSeconds(seconds)
    }

    /// Messages processed ahead of their transaction: `held` written as speculated, `failed` processed again
    /// because what they read had changed.
    func speculations(held: Int, failed: Int) {
        for (result, count) in [("held", held), ("failed", failed)] where count > 0 {
            Counter(label: "mailroom_processing_speculations_total", dimensions: [("result", result)], factory: factory)
                .increment(by: count)
        }
    }

    func delivery(purpose: String, update: OutboxUpdate) {
        let result: String
        switch update {
        case .sent: result = "sent"
        case .deferred: result = "deferred"
        case .failed: result = "failed"
        case .blocked: result = "blocked"
        case .shadow: result = "shadow"
        }
        Counter(
            label: "mailroom_outbox_attempts_total", dimensions: [("purpose", purpose), ("result", result)],
            factory: factory
        ).increment()
    }

    func outboxPending(_ count: Int) {
        Gauge(label: "mailroom_outbox_pending", factory: factory).record(Double(count))
    }

    /// How many sends of the last round our own configuration stopped (alert when above zero).
    func outboxBlocked(_ count: Int) {
        Gauge(label: "mailroom_outbox_blocked", factory: factory).record(Double(count))
    }

    /// Mail source entries that could not be read (a folder, a FIFO, a link, no permission), by total.
    func intakeSkipped() {
        Counter(label: "mailroom_intake_skipped_total", factory: factory).increment()
    }

    /// A channel's health: 0 healthy, 1 degraded, 2 failing.
    func channelHealth(_ channel: String, _ health: ChannelHealth) {
        Gauge(label: "mailroom_channel_health", dimensions: [("channel", channel)], factory: factory)
            .record(Double(health.level))
    }

    /// An alert (a health change or an SLA digest), mailed or only recorded.
    func alert(channel: String, health: String, mailed: Bool) {
        Counter(
            label: "mailroom_alerts_total",
            dimensions: [("channel", channel), ("health", health), ("mailed", mailed ? "yes" : "no")], factory: factory
        ).increment()
    }

    /// An alert mail held back by `alerts.maxPerHour`.
    func alertRateLimited() {
        Counter(label: "mailroom_alerts_rate_limited_total", factory: factory).increment()
    }

    /// The Prometheus text exposition.
    func exposition() -> String {
        registry.emitToString()
    }

    /// Writes the exposition to `path` atomically (for the textfile collector).
    func write(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try OutputFile.write(Data(exposition().utf8), to: path)
    }
}
