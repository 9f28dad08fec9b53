import Foundation

/// When to try again after failures: `base`, doubling with each further failure, never longer than `maximum`.
/// One schedule for every retry loop (intake after a mailbox error, the outbox after a deferred send), so they
/// behave alike and are tested once.
public struct RetrySchedule: Sendable, Hashable {
    /// The wait after the first failure, in seconds.
    public var base: TimeInterval
    /// The longest wait, in seconds.
    public var maximum: TimeInterval

    /// Creates a schedule.
    public init(base: TimeInterval, maximum: TimeInterval) {
        self.base = max(0, base)
        self.maximum = max(0, maximum)
    }

    /// Intake: 1 s after the first failure, doubling to 5 minutes.
    public static let intake = RetrySchedule(base: 1, maximum: 300)

    /// The wait after `failures` consecutive failures (1 = the first).
    public func delay(afterFailures failures: Int) -> TimeInterval {
        let exponent = Double(min(max(failures, 1) - 1, 30))
        return min(maximum, base * pow(2, exponent))
    }
}

/// The one rule for "intake is silent": no mail arrived (or, before the first mail, no poll succeeded) for
/// longer than `alerts.silenceMinutes`. Used by the poller's warning and by the status view.
public enum IntakeSilence {
    /// How long intake has been silent at `now`, from the last mail, else the last poll, else zero.
    public static func seconds(lastMessageAt: Date?, lastPollAt: Date?, now: Date) -> TimeInterval {
        guard let last = lastMessageAt ?? lastPollAt else { return 0 }
        return max(0, now.timeIntervalSince(last))
    }

    /// Whether that silence is over the limit (`minutes` 0 = the alarm is off).
    public static func isSilent(lastMessageAt: Date?, lastPollAt: Date?, now: Date, minutes: Int) -> Bool {
        minutes > 0 && seconds(lastMessageAt: lastMessageAt, lastPollAt: lastPollAt, now: now) > Double(minutes * 60)
    }
}
