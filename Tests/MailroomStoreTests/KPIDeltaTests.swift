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

    /// Saving a ticket compares its two contributions as lists: every change of the facts a save makes gives the
    /// reference's delta, cell for cell.
    @Test func everyStepOfATicketsLifeMovesWhatTheReferenceMoves() {
        var steps = [Self.opened]
        var facts = Self.opened
        facts.confidence = 0.55
        facts.intent = "cancel"
        steps.append(facts)
        facts.escalatedAt = t0.addingTimeInterval(30)
        steps.append(facts)
        facts.firstResponseAt = t0.addingTimeInterval(7200)
        facts.firstHumanResponseAt = t0.addingTimeInterval(7200)
        facts.agentAnsweredAt = t0.addingTimeInterval(7200)
        steps.append(facts)
        facts.reopenCount = 2
        facts.feedbackYes = 1
        facts.feedbackNo = 2
        facts.ratingCount = 1
        facts.ratingSum = 4
        steps.append(facts)
        facts.resolvedAt = t0.addingTimeInterval(3 * Self.day)
        facts.status = .closed
        steps.append(facts)
        facts.receivedAt = t0.addingTimeInterval(Self.day)
        steps.append(facts)
        for before in steps {
            for after in steps where after != before {
                #expect(KPIRollup.delta(from: before, to: after) == Self.reference(before, after))
            }
            #expect(KPIRollup.delta(from: nil, to: before) == Self.reference(nil, before))
            #expect(KPIRollup.delta(from: before, to: nil) == Self.reference(before, nil))
        }
    }

    @Test func aRemovedTicketTakesAllItsCellsAway() {
        #expect(KPIRollup.delta(from: Self.opened, to: nil) == Self.reference(Self.opened, nil))
    }
}
