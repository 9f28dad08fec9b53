import Foundation
import MailroomCore
import Testing

@testable import MailroomStore

/// A ticket's move between two contributions: what the after adds less what the before had, by day, with the
/// cells that do not change left out.
@Suite struct KPIDeltaTests {
    static let day = 86_400.0

    /// The delta read straight from its definition, as the reference.
    static func reference(_ before: KPIFacts?, _ after: KPIFacts?) -> [String: [KPICell: Double]] {
        var delta: [String: [KPICell: Double]] = [:]
        for (facts, sign) in [(before, -1.0), (after, 1.0)] {
            guard let facts else { continue }
            for (cell, value) in KPIContribution.cells(of: facts) {
                delta[KPIContribution.day(facts.receivedAt), default: [:]][cell, default: 0] += sign * value
            }
        }
        return delta.mapValues { $0.filter { $0.value != 0 } }
    }

    static let opened = KPIFacts(
        receivedAt: t0, status: .open, intent: "refund", confidence: 0.8, language: "en",
        firstResponseDueAt: t0.addingTimeInterval(3600))

    @Test func aNewTicketAddsAllItsCellsToItsDay() {
        let delta = KPIRollup.delta(from: nil, to: Self.opened)
        #expect(delta == [KPIContribution.day(t0): KPIContribution.cells(of: Self.opened)])
    }

    @Test func anUnchangedTicketMovesNothing() {
        #expect(KPIRollup.delta(from: Self.opened, to: Self.opened).isEmpty)
    }

    @Test func anAnswerMovesOnlyTheCellsItChanges() {
        var answered = Self.opened
        answered.firstResponseAt = t0.addingTimeInterval(60)
        answered.firstAutoResponseAt = t0.addingTimeInterval(60)
        answered.autoAnsweredAt = t0.addingTimeInterval(60)
        answered.status = .autoReplied
        let delta = KPIRollup.delta(from: Self.opened, to: answered)
        #expect(delta == Self.reference(Self.opened, answered))
        let cells = delta[KPIContribution.day(t0)] ?? [:]
        #expect(cells[KPICell("tickets")] == nil)
        #expect(cells[KPICell("autoReplied")] == 1)
    }

    @Test func aTicketThatChangesDayLeavesOneAndEntersTheOther() {
        var moved = Self.opened
        moved.receivedAt = t0.addingTimeInterval(2 * Self.day)
        let delta = KPIRollup.delta(from: Self.opened, to: moved)
        #expect(delta == Self.reference(Self.opened, moved))
        #expect(delta[KPIContribution.day(t0)]?[KPICell("tickets")] == -1)
        #expect(delta[KPIContribution.day(moved.receivedAt)]?[KPICell("tickets")] == 1)
    }

    @Test func aRemovedTicketTakesAllItsCellsAway() {
        #expect(KPIRollup.delta(from: Self.opened, to: nil) == Self.reference(Self.opened, nil))
    }
}
