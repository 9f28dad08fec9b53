import Foundation

/// A pause of automatic mail to one address, stored by the caller and passed back to the loop policy.
public struct SenderPause: Hashable, Sendable, Codable {
    /// Why automatic mail to the address is paused. The raw values are safe metric labels.
    public enum Reason: String, Hashable, Sendable, CaseIterable, Codable {
        /// Our mail to the address bounced (``LoopPolicy/Configuration/bouncePause``).
        case bounce
        /// The address flooded us (``LoopPolicy/Configuration/coolDown``).
        case floodCoolDown
    }

    /// The end of the pause (exclusive): from this instant automatic mail is allowed again.
    public var until: Date
    /// Why the address is paused.
    public var reason: Reason

    /// Creates a pause.
    public init(until: Date, reason: Reason) {
        self.until = until
        self.reason = reason
    }

    /// Whether the pause is in force at `now`.
    public func isActive(at now: Date) -> Bool {
        now < until
    }
}
