/// Exponential backoff between reconnection attempts: `initial`, then doubling, capped at `maximum`.
public struct Backoff: Sendable, Equatable {
    /// The wait after the first failure.
    public var initial: Duration
    /// The longest wait between two attempts.
    public var maximum: Duration
    /// How many attempts an operation makes before it reports the failure (at least 1).
    public var attempts: Int

    /// Creates a backoff policy; the defaults wait 0.25 s, 0.5 s, 1 s ... at most 30 s, 3 attempts.
    public init(initial: Duration = .milliseconds(250), maximum: Duration = .seconds(30), attempts: Int = 3) {
        self.initial = initial
        self.maximum = maximum
        self.attempts = max(1, attempts)
    }

    /// The wait before retry number `retry` (0 = the first retry after one failure).
    public func delay(beforeRetry retry: Int) -> Duration {
        var delay = initial
        for _ in 0..<max(0, retry) {
            delay = delay * 2
            if delay >= maximum { return maximum }
        }
        return min(delay, maximum)
    }
}
