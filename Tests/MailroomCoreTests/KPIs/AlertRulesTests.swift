import Foundation
import Testing

@testable import MailroomCore

@Suite struct AlertRulesTests {
    let now = try! Date("2026-12-01T12:00:00Z", strategy: .iso8601)

    @Test func intakeFailsOnlyAfterTenMinutesOfErrorsAndSilenceIsDegraded() {
        let rules = AlertRules(silenceMinutes: 120)
        var o = ChannelObservation()
        o.mailboxes = [
            .init(
                name: "imap:support", lastError: "login refused", failingSince: now.addingTimeInterval(-300),
                lastPollAt: now, lastMessageAt: now.addingTimeInterval(-600))
        ]
        #expect(rules.intake(o, now: now).0 == .healthy, "a five-minute blip is no alert")
        o.mailboxes[0].failingSince = now.addingTimeInterval(-660)
        let (health, detail) = rules.intake(o, now: now)
        #expect(health == .failing && detail.contains("login refused") && detail.contains("11 min"))
        o.mailboxes[0] = .init(name: "imap:support", lastPollAt: now, lastMessageAt: now.addingTimeInterval(-3 * 3600))
        #expect(rules.intake(o, now: now).0 == .degraded)
        #expect(AlertRules(silenceMinutes: 0).intake(o, now: now).0 == .healthy, "silence check off")
    }

    @Test func outboxQuarantineAndEscalationSpike() {
        let rules = AlertRules(spikeFactor: 3, spikeMinimum: 5, quarantinePerHour: 10)
        var o = ChannelObservation()
        #expect(rules.outbox(o).0 == .healthy)
        o.outboxRetrying = 2
        #expect(rules.outbox(o).0 == .degraded)
        o.outboxFailedLastHour = 40
        #expect(rules.outbox(o).0 == .failing)
        o = ChannelObservation()
        o.outboxBlocked = 1
        #expect(rules.outbox(o).0 == .failing)
        o.quarantineWaiting = 1
        #expect(rules.quarantine(o).0 == .degraded)
        o.quarantinedLastHour = 10
        #expect(rules.quarantine(o).0 == .failing)
        o.escalationsLastHour = 6
        o.escalationsSameHourBefore = [2, 2, 2, 2, 2, 2, 2]
        #expect(rules.escalations(o).0 == .healthy, "6 is not over 3 x 2")
        o.escalationsLastHour = 7
        #expect(rules.escalations(o).0 == .degraded)
        o.escalationsLastHour = 4
        o.escalationsSameHourBefore = [0, 0, 0, 0, 0, 0, 0]
        #expect(rules.escalations(o).0 == .healthy, "under the minimum count")
    }
}
