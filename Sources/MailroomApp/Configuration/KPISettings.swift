import Foundation
import MailroomCore

/// `kpis.*` and `sla.*` keys: how the figures are defined for this installation.
public struct KPISettings: Sendable {
    /// `kpis.quietHours` (default 72): an automatic answer counts as a durable resolution when the customer does
    /// not write again within this many hours (and never says it did not help).
    public var quietHours: Int
    /// `sla.firstResponseMinutes.low|medium|high|critical`, `sla.resolutionHours.low|medium|high|critical` and
    /// `sla.businessHours` (e.g. `Mon-Fri 09:00-17:00 Europe/Berlin`; default: the clock always runs).
    public var sla: SLAPolicy

    init(fields: inout ConfigFields) {
        quietHours = fields.int("kpis.quietHours", default: 72, range: 1...(24 * 90))
        var first: [String: Double] = [:]
        var resolution: [String: Double] = [:]
        for level in SLAPolicy.levels {
            first[level] = fields.double(
                "sla.firstResponseMinutes.\(level)", default: SLAPolicy.defaultFirstResponseMinutes[level] ?? 480,
                range: 1...525_600)
            resolution[level] = fields.double(
                "sla.resolutionHours.\(level)", default: SLAPolicy.defaultResolutionHours[level] ?? 72,
                range: 1...8_760)
        }
        for (mild, urgent) in zip(SLAPolicy.levels, SLAPolicy.levels.dropFirst())
        where (first[urgent] ?? 0) > (first[mild] ?? 0) {
            fields.warning(
                "sla.firstResponseMinutes.\(urgent)",
                "\(urgent) tickets get more time (\(first[urgent] ?? 0) min) than \(mild) ones (\(first[mild] ?? 0) min)"
            )
        }
        var hours: BusinessHours?
        if let text = fields.string("sla.businessHours") {
            hours = BusinessHours(text)
            if hours == nil {
                fields.problem(
                    "sla.businessHours",
                    "'\(text)' is not days, hours and an optional time zone, e.g. Mon-Fri 09:00-17:00 Europe/Berlin")
            }
        }
        sla = SLAPolicy(firstResponseMinutes: first, resolutionHours: resolution, businessHours: hours)
    }
}

/// `alerts.*` keys: who is told when something breaks, and when.
public struct AlertSettings: Sendable {
    /// `alerts.to`: the addresses that get alert mail (none: alerts are only recorded and counted).
    public var to: [String]
    /// `alerts.spikeFactor` (default 3): the last hour's escalations over this many times the trailing 7-day
    /// average for that hour of the day is a spike.
    public var spikeFactor: Double
    /// `alerts.spikeMinimum` (default 5): a spike needs at least this many escalations in the hour.
    public var spikeMinimum: Int
    /// `alerts.silenceMinutes` (default 0 = off): intake without new mail for this long is degraded.
    public var silenceMinutes: Int
    /// `alerts.quarantinePerHour` (default 10): this many messages quarantined within an hour is failing (one
    /// waiting for a person is degraded).
    public var quarantinePerHour: Int
    /// `alerts.maxPerHour` (default 6): at most this many alert mails in any hour; the rest is recorded only.
    public var maxPerHour: Int

    /// Settings with the given values (the defaults of the configuration otherwise).
    public init(
        to: [String] = [], spikeFactor: Double = 3, spikeMinimum: Int = 5, silenceMinutes: Int = 0,
        quarantinePerHour: Int = 10, maxPerHour: Int = 6
    ) {
        self.to = to
        self.spikeFactor = spikeFactor
        self.spikeMinimum = spikeMinimum
        self.silenceMinutes = silenceMinutes
        self.quarantinePerHour = quarantinePerHour
        self.maxPerHour = maxPerHour
    }

    init(fields: inout ConfigFields) {
        to = fields.strings("alerts.to").map { $0.lowercased() }
        for address in to where !MailroomSettings.isAddress(address) {
            fields.problem("alerts.to", "'\(address)' is not an email address")
        }
        spikeFactor = fields.double("alerts.spikeFactor", default: 3, range: 1...1000)
        spikeMinimum = fields.int("alerts.spikeMinimum", default: 5, range: 1...100_000)
        silenceMinutes = fields.int("alerts.silenceMinutes", default: 0, range: 0...100_000)
        quarantinePerHour = fields.int("alerts.quarantinePerHour", default: 10, range: 1...100_000)
        maxPerHour = fields.int("alerts.maxPerHour", default: 6, range: 1...1000)
    }
}
