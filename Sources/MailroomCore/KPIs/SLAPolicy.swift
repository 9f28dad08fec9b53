import Foundation

/// Service-level targets per urgency (`sla.firstResponseMinutes.low|medium|high|critical`,
/// `sla.resolutionHours.low|medium|high|critical`), counted in business hours when `sla.businessHours` is set.
public struct SLAPolicy: Sendable, Hashable {
    /// The urgency levels, mildest first.
    public static let levels = ["low", "medium", "high", "critical"]
    /// Minutes until the first answer is due, by urgency.
    public var firstResponseMinutes: [String: Double]
    /// Hours until the ticket should be resolved, by urgency.
    public var resolutionHours: [String: Double]
    /// Working hours, or nil for a clock that always runs.
    public var businessHours: BusinessHours?

    /// The defaults: first answer in 24 h / 8 h / 2 h / 30 min, resolution in 5 days / 3 days / 1 day / 8 h.
    public static let defaultFirstResponseMinutes: [String: Double] = [
        "low": 1440, "medium": 480, "high": 120, "critical": 30,
    ]
    /// The default resolution targets in hours.
    public static let defaultResolutionHours: [String: Double] = ["low": 120, "medium": 72, "high": 24, "critical": 8]

    /// Creates a policy; missing levels take the defaults.
    public init(
        firstResponseMinutes: [String: Double] = [:], resolutionHours: [String: Double] = [:],
        businessHours: BusinessHours? = nil
    ) {
        self.firstResponseMinutes = Self.defaultFirstResponseMinutes.merging(firstResponseMinutes) { $1 }
        self.resolutionHours = Self.defaultResolutionHours.merging(resolutionHours) { $1 }
        self.businessHours = businessHours
    }

    /// When the first answer of a ticket received at `receivedAt` with `urgency` is due.
    public func firstResponseDue(receivedAt: Date, urgency: String?) -> Date {
        due(receivedAt, minutes: firstResponseMinutes[Self.level(urgency)] ?? 480)
    }

    /// When such a ticket should be resolved.
    public func resolutionDue(receivedAt: Date, urgency: String?) -> Date {
        due(receivedAt, minutes: (resolutionHours[Self.level(urgency)] ?? 72) * 60)
    }

    private func due(_ start: Date, minutes: Double) -> Date {
        businessHours?.adding(minutes: minutes, to: start) ?? start.addingTimeInterval(minutes * 60)
    }

    private static func level(_ urgency: String?) -> String {
        urgency.flatMap { levels.contains($0) ? $0 : nil } ?? "medium"
    }
}
