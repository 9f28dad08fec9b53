import CoreMetrics
import Hummingbird

/// The HTTP side's metrics, through the same swift-metrics factory as the gateway's (so `/metrics` shows both).
public struct HTTPMetrics: Sendable {
    private let factory: any MetricsFactory

    /// Creates the metrics on `factory`.
    public init(factory: any MetricsFactory) {
        self.factory = factory
    }

    func record(_ method: HTTPRequest.Method, route: String?, status: Int, since started: ContinuousClock.Instant) {
        let dimensions = [
            ("method", method.rawValue), ("route", route ?? "unmatched"), ("status", "\(status / 100)xx"),
        ]
        Counter(label: "mailroom_http_requests_total", dimensions: dimensions, factory: factory).increment()
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        Timer(label: "mailroom_http_request_duration_seconds", dimensions: dimensions, factory: factory)
            .recordSeconds(seconds)
    }
}
