import Foundation

/// What the caller knows about recent automatic mail to one address (lower-cased, the address the
/// automatic answer would go to), read from its own records for the loop policy's sliding windows.
public struct SenderHistory: Hashable, Sendable {
    /// Automatic mails sent to the address in the hour before now (``LoopPolicy/hourWindowStart(now:)``).
    public var automaticLastHour: Int
    /// Automatic mails sent to the address in the day before now (``LoopPolicy/dayWindowStart(now:)``).
    public var automaticLastDay: Int
    /// When earlier messages from the address were suppressed with ``SuppressionReason/Code/rateLimited``
    /// within the day before now (any order); used to start a flood cool-down.
    public var rateLimitedAt: [Date]

    /// Creates a history; the default is a sender we have never answered.
    public init(automaticLastHour: Int = 0, automaticLastDay: Int = 0, rateLimitedAt: [Date] = []) {
        self.automaticLastHour = automaticLastHour
        self.automaticLastDay = automaticLastDay
        self.rateLimitedAt = rateLimitedAt
    }
}
