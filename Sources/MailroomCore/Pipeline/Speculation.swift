import Foundation

/// A message processed ahead of its transaction, against a read snapshot of the store: the outcome, and every
/// question the pipeline asked the store with the answer it got. The pipeline is a function of the message, its
/// preparation, those answers, the time and the randomness; so when the processing transaction asks the same
/// questions and gets the same answers, it would decide exactly the same, and ``ProcessingOutcome`` is written
/// as it is. Any difference (an earlier message of the batch, an agent's action or another writer changed what it
/// read since the snapshot) means the pipeline runs again inside the transaction. Time-bound questions (the
/// hourly limits, pauses) are asked again at the time of the speculation, which is also the time the outcome is
/// written with.
public struct Speculation: Sendable {
    /// What the pipeline decided.
    public let outcome: ProcessingOutcome
    /// The time it decided at (the transaction writes the outcome with it).
    public let now: Date
    /// The questions asked, in order, with their answers.
    let reads: [(question: LookupQuestion, answer: LookupAnswer)]

    /// How many questions the pipeline asked.
    public var questionCount: Int { reads.count }

    /// Whether `lookup` (the transaction's) gives every answer the speculation got; stops at the first that
    /// differs.
    public func holds(in lookup: any GatewayLookup) throws -> Bool {
        for read in reads where try read.question.ask(lookup) != read.answer { return false }
        return true
    }
}

/// One question of ``GatewayLookup``.
enum LookupQuestion: Hashable, Sendable {
    case ticket(publicID: String)
    case ticketForSentMessage(String)
    case automaticMailCount(address: String, since: Date)
    case rateLimitTimes(address: String, since: Date)
    case activePause(address: String, at: Date)
    case publicIDExists(String)
    case approvedKnowledge(ticketPublicID: String)

    func ask(_ lookup: any GatewayLookup) throws -> LookupAnswer {
        switch self {
        case .ticket(let publicID): .ticket(try lookup.ticket(publicID: publicID))
        case .ticketForSentMessage(let messageID): .ticket(try lookup.ticket(forSentMessageID: messageID))
        case .automaticMailCount(let address, let since):
            .count(try lookup.automaticMailCount(to: address, since: since))
        case .rateLimitTimes(let address, let since): .dates(try lookup.rateLimitTimes(for: address, since: since))
        case .activePause(let address, let at): .pause(try lookup.activePause(for: address, at: at))
        case .publicIDExists(let publicID): .flag(try lookup.publicIDExists(publicID))
        case .approvedKnowledge(let publicID): .knowledge(try lookup.approvedKnowledge(ticketPublicID: publicID))
        }
    }
}

/// The answer to a ``LookupQuestion``.
enum LookupAnswer: Hashable, Sendable {
    case ticket(Ticket?)
    case count(Int)
    case dates([Date])
    case pause(SenderPause?)
    case flag(Bool)
    case knowledge(KnowledgeEntry?)
}

/// A lookup that answers from `base` and writes down every question and answer (for one message, on one thread).
final class RecordingLookup: GatewayLookup {
    private let base: any GatewayLookup
    private(set) var reads: [(question: LookupQuestion, answer: LookupAnswer)] = []

    init(_ base: any GatewayLookup) {
        self.base = base
    }

    private func record(_ question: LookupQuestion) throws -> LookupAnswer {
        let answer = try question.ask(base)
        reads.append((question, answer))
        return answer
    }

    func ticket(publicID: String) throws -> Ticket? {
        guard case .ticket(let ticket) = try record(.ticket(publicID: publicID)) else { return nil }
        return ticket
    }

    func ticket(forSentMessageID messageID: String) throws -> Ticket? {
        guard case .ticket(let ticket) = try record(.ticketForSentMessage(messageID)) else { return nil }
        return ticket
    }

    func automaticMailCount(to address: String, since date: Date) throws -> Int {
        guard case .count(let count) = try record(.automaticMailCount(address: address, since: date)) else { return 0 }
        return count
    }

    func rateLimitTimes(for address: String, since date: Date) throws -> [Date] {
        guard case .dates(let dates) = try record(.rateLimitTimes(address: address, since: date)) else { return [] }
        return dates
    }

    func activePause(for address: String, at date: Date) throws -> SenderPause? {
        guard case .pause(let pause) = try record(.activePause(address: address, at: date)) else { return nil }
        return pause
    }

    func publicIDExists(_ publicID: String) throws -> Bool {
        guard case .flag(let exists) = try record(.publicIDExists(publicID)) else { return true }
        return exists
    }

    func approvedKnowledge(ticketPublicID: String) throws -> KnowledgeEntry? {
        guard case .knowledge(let entry) = try record(.approvedKnowledge(ticketPublicID: ticketPublicID)) else {
            return nil
        }
        return entry
    }
}

extension MessagePipeline {
    /// Processes `message` as ``process(_:prepared:lookup:now:random:)`` does, against `lookup` (a read snapshot,
    /// outside the processing transaction), and keeps what it asked: the transaction checks it with
    /// ``Speculation/holds(in:)`` and then writes the outcome without running the pipeline again.
    public func speculate<R: RandomNumberGenerator>(
        _ message: InboundMessage, prepared: PreparedMessage?, lookup: any GatewayLookup, now: Date, random: inout R
    ) throws -> Speculation {
        let recording = RecordingLookup(lookup)
        let outcome = try process(message, prepared: prepared, lookup: recording, now: now, random: &random)
        return Speculation(outcome: outcome, now: now, reads: recording.reads)
    }
}
