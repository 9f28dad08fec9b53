import Foundation

/// Sliding-window limits per key (a client address, an email address): at most `limit` events in `window`.
actor RateLimiter {
    private let limit: Int
    private let window: TimeInterval
    private var events: [String: [Date]] = [:]
    private let now: @Sendable () -> Date

    init(limit: Int, window: TimeInterval, now: @escaping @Sendable () -> Date = { Date() }) {
        self.limit = limit
        self.window = window
        self.now = now
    }

    /// Counts an event for `key` when it is within the limit; otherwise returns the seconds until one is allowed.
    func take(_ key: String) -> Int? {
        let now = now()
        var recent = (events[key] ?? []).filter { now.timeIntervalSince($0) < window }
        guard recent.count < limit else {
            let oldest = recent.first ?? now
            events[key] = recent
            return max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
        }
        recent.append(now)
        events[key] = recent
        if events.count > 50_000 {
            events = events.filter { !$0.value.isEmpty && now.timeIntervalSince($0.value.last!) < window }
        }
        return nil
    }
}
