import Foundation
import Testing

@testable import MailroomCore

@Suite struct BusinessHoursTests {
    static func utc(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    @Test func readsDaysHoursAndZone() throws {
        let hours = try #require(BusinessHours("Mon-Fri 09:00-17:00 Europe/Berlin"))
        #expect(hours.weekdays == [2, 3, 4, 5, 6])
        #expect(hours.openMinute == 540 && hours.closeMinute == 1020)
        #expect(hours.timeZone.identifier == "Europe/Berlin")
        #expect(BusinessHours("Fri-Mon 08:00-12:00")?.weekdays == [6, 7, 1, 2])
        #expect(BusinessHours("Mon,Wed,Fri 10:00-24:00 UTC")?.closeMinute == 1440)
        for bad in [
            "", "Mon-Fri", "Mon-Fri 17:00-09:00", "Mon-Fry 09:00-17:00", "Mon-Fri 09:00-17:00 Mars/Olympus",
            "Mon-Fri 9-17", "Mon-Fri 09:00-25:00",
        ] {
            #expect(BusinessHours(bad) == nil, "\(bad)")
        }
    }

    @Test func aClockStartedFridayAfternoonRunsOnMondayMorning() throws {
        let hours = try #require(BusinessHours("Mon-Fri 09:00-17:00 Europe/Berlin"))
        // Friday 2026-11-27 16:00 CET (15:00 UTC): one working hour on Friday, one on Monday from 09:00 CET.
        let due = hours.adding(minutes: 120, to: Self.utc("2026-11-27T15:00:00Z"))
        #expect(due == Self.utc("2026-11-30T09:00:00Z"))
        // A start on Saturday waits for Monday's opening.
        #expect(hours.adding(minutes: 30, to: Self.utc("2026-11-28T12:00:00Z")) == Self.utc("2026-11-30T08:30:00Z"))
        #expect(
            hours.workingSeconds(from: Self.utc("2026-11-27T15:00:00Z"), to: Self.utc("2026-11-30T09:00:00Z"))
                == 7200)
    }

    @Test func theWindowKeepsItsLocalHoursAcrossTheChangeToSummerTime() throws {
        let hours = try #require(BusinessHours("Mon-Fri 09:00-17:00 Europe/Berlin"))
        // Friday 2026-03-27 16:00 CET = 15:00 UTC; the clocks go forward on Sunday the 29th; Monday 09:00 CEST is
        // 07:00 UTC, so the second working hour ends at 08:00 UTC (not 09:00 as in winter).
        #expect(hours.adding(minutes: 120, to: Self.utc("2026-03-27T15:00:00Z")) == Self.utc("2026-03-30T08:00:00Z"))
        // And back in October: Monday 2026-10-26 09:00 CET is 08:00 UTC.
        #expect(hours.adding(minutes: 120, to: Self.utc("2026-10-23T14:00:00Z")) == Self.utc("2026-10-26T09:00:00Z"))
    }

    @Test func aDayWithoutAnHourCountsTwentyThreeWorkingHours() throws {
        let always = try #require(BusinessHours("Sun-Sat 00:00-24:00 America/New_York"))
        // 2026-03-08: New York springs forward; local midnight to midnight is 23 hours.
        let seconds = always.workingSeconds(
            from: Self.utc("2026-03-08T05:00:00Z"), to: Self.utc("2026-03-09T04:00:00Z"))
        #expect(seconds == 23 * 3600)
        #expect(
            always.adding(minutes: 60 * 24, to: Self.utc("2026-03-08T05:00:00Z")) == Self.utc("2026-03-09T05:00:00Z"))
    }

    @Test func slaDueTimesFollowUrgencyAndBusinessHours() throws {
        let policy = SLAPolicy(
            firstResponseMinutes: ["critical": 15], businessHours: BusinessHours("Mon-Fri 09:00-17:00 UTC"))
        let friday = Self.utc("2026-11-27T16:50:00Z")
        #expect(policy.firstResponseDue(receivedAt: friday, urgency: "critical") == Self.utc("2026-11-30T09:05:00Z"))
        // Medium is the default (8 working hours) and the level of an unknown urgency.
        #expect(policy.firstResponseDue(receivedAt: friday, urgency: nil) == Self.utc("2026-11-30T16:50:00Z"))
        #expect(policy.firstResponseDue(receivedAt: friday, urgency: "whatever") == Self.utc("2026-11-30T16:50:00Z"))
        let always = SLAPolicy()
        #expect(always.resolutionDue(receivedAt: friday, urgency: "high") == friday.addingTimeInterval(24 * 3600))
    }
}
