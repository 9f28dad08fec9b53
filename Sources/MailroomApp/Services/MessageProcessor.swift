import Foundation
import Logging
import MailroomCore
import MailroomStore
import ServiceLifecycle
import Synchronization

/// Processes stored messages in batches, each batch in one transaction (per message: thread, decide, render,
/// queue; parsing and classification are prepared before it, on every core; on SQLite the whole pipeline runs
/// before it too, against a read snapshot, and the transaction only checks what it read and writes). Reads
/// `received` messages; writes tickets, events, the outbox and counters. Before each batch (outside the
/// transaction) it reloads edited templates and, when approved knowledge changed, the similarity index. A message
/// whose processing throws is quarantined with the error and the agents are told; a store failure stops the batch
/// and is retried on the next wake-up.
final class MessageProcessor: Service {
    private let store: any MailroomStorage
    private let pipeline: MessagePipeline
    private let templates: TemplateLibrary
    private let similarity: SimilarityService
    private let bell: Doorbell
    private let senderBell: Doorbell
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let metrics: GatewayMetrics
    /// The language model asked while a batch is prepared (outside the transaction), when configured.
    private let llm: LLMTriage?
    /// Where the next batch is prepared: one thread for the processor's life.
    private let lookaheadThread = LookaheadThread(name: "mailroom.lookahead")
    /// Whether messages are processed ahead of their transaction against a read snapshot (``Speculation``): on
    /// SQLite, whose snapshots are cheap and whose one writer would otherwise run the pipeline for every message;
    /// not on PostgreSQL, whose lookups lock rows for the transaction that asks.
    private let speculative: Bool
    /// The time of the last batch written: a speculation older than it is not used, so the batches' times never
    /// go back.
    private let lastBatchAt = Mutex<Date>(.distantPast)

    init(
        store: any MailroomStorage, pipeline: MessagePipeline, templates: TemplateLibrary,
        similarity: SimilarityService,
        bell: Doorbell, senderBell: Doorbell, now: @escaping @Sendable () -> Date, logger: Logger,
        metrics: GatewayMetrics, llm: LLMTriage? = nil, speculative: Bool = false
    ) {
        self.speculative = speculative
        self.llm = llm
        self.store = store
        self.pipeline = pipeline
        self.templates = templates
        self.similarity = similarity
        self.bell = bell
        self.senderBell = senderBell
        self.now = now
        self.logger = logger
        self.metrics = metrics
    }

    /// Processes every message waiting now, `batchSize` per transaction; returns what each became. While one
    /// batch's transaction runs, the next batch is read and prepared (parsed, classified, the model asked) on
    /// another thread, so the single writer and the other cores work at the same time.
    @discardableResult
    func processAll() throws -> [ProcessResult] {
        var results: [ProcessResult] = []
        var rows = try store.receivedMessages(after: 0, limit: Self.batchSize)
        var ahead = rows.isEmpty ? nil : lookahead(rows)
        while let current = ahead {
            let batch = try current.wait()
            let next = try store.receivedMessages(after: rows.last ?? 0, limit: Self.batchSize)
            ahead = next.isEmpty ? nil : lookahead(next)
            let done = try commit(batch)
            results += done
            if done.contains(where: { $0.queued > 0 }) { senderBell.ring() }
            if let pending = ahead, done.contains(where: { $0.learned?.state == .approved }) {
                // The next batch searched the knowledge before this one approved an answer: it searches again.
                _ = try? pending.wait()
                ahead = lookahead(next)
            }
            rows = next
        }
        return results
    }

    /// How many messages share one transaction: one commit (and one sync of the log) per batch instead of one
    /// per message. Measured with bench/e2e (2,000 mails, SMTP connections claiming 4 at a time): a run wrote
    /// 29,500-29,700 log pages with batches of 8, 24,300-25,500 with 16, 20,100-20,800 with 32 and 17,600-18,600
    /// with 64; the gateway's CPU per mail fell with them. 32 keeps a batch's transaction to a few tens of
    /// milliseconds for the API's writes that wait behind it. (When each SMTP connection claimed one mail at a
    /// time and waited for the writer between any two, batches of 32 starved the senders.) A batch is prepared
    /// before its transaction: an answer an agent approves for reuse answers the questions of the next batch on,
    /// not those in its own.
    static let batchSize = 32

    /// Processes one stored message now (for the API: a web form, an agent's action) and wakes the sender when
    /// mail was queued. Safe beside the running loop: a message is processed once, by whoever takes it first.
    func process(row: Int64) throws -> ProcessResult? {
        let result = try commit(prepareBatch([row])).first
        if let result, result.queued > 0 { senderBell.ring() }
        return result
    }

    /// Wakes the processing loop (after a quarantined message was released).
    func wake() {
        bell.ring()
    }

    /// Stored messages read and prepared outside the transaction.
    private struct PreparedBatch: Sendable {
        var messages: [InboundMessage]
        var prepared: [Int64: PreparedMessage]
        /// The messages processed ahead against a read snapshot (all at one time), checked in the transaction.
        var speculations: [Int64: Speculation] = [:]
        var preparing: Duration
    }

    /// How old a speculation may be when its transaction starts (older: the pipeline runs again, so no outcome is
    /// written with a time from long before its transaction; a batch normally waits a few milliseconds).
    static let speculationLifetime: TimeInterval = 2

    /// Reads and prepares `rows` on the lookahead thread; ``Lookahead/wait()`` hands the batch over.
    private func lookahead(_ rows: [Int64]) -> Lookahead<PreparedBatch> {
        Lookahead(on: lookaheadThread) { [self] in try prepareBatch(rows) }
    }

    /// Reloads edited templates and changed knowledge, then reads `rows` (those still waiting) and parses and
    /// analyses them on every core (the single writer then only threads, decides and writes).
    private func prepareBatch(_ rows: [Int64]) throws -> PreparedBatch {
        let started = ContinuousClock.now
        templates.reloadIfDue()
        try similarity.refresh(from: store)
        let messages = try store.receivedMessages(rowIDs: rows)
        let prepared = Mutex([PreparedMessage?](repeating: nil, count: messages.count))
        DispatchQueue.concurrentPerform(iterations: messages.count) { index in
            let result = pipeline.prepare(messages[index])
            prepared.withLock { $0[index] = result }
        }
        var results = prepared.withLock { $0 }
        if let llm {
            // The model is asked for the whole batch at once (at most llm.maxConcurrent in flight), before the
            // transaction: the single writer never waits for it.
            let opinions = llm.opinions(results.map { $0.flatMap(pipeline.modelQuestion) })
            for index in results.indices { results[index]?.opinion = opinions[index] }
        }
        var byRow: [Int64: PreparedMessage] = [:]
        for (message, result) in zip(messages, results) { byRow[message.rowID] = result }
        var batch = PreparedBatch(messages: messages, prepared: byRow, preparing: .zero)
        if speculative { batch.speculations = speculate(messages, prepared: results) }
        batch.preparing = ContinuousClock.now - started
        return batch
    }

    /// The cores this process may use, read once: on Linux `activeProcessorCount` reads the cgroup's CPU quota and
    /// cpuset files on every call (0.28% of the CPU of a `run --once` when it was read per batch).
    private static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Processes `messages` ahead of their transaction on every core: one read snapshot per core, each for every
    /// n-th message (a snapshot costs a transaction of its own; any snapshot will do, as the transaction checks
    /// every answer again). A message whose pipeline throws (or whose snapshot cannot be read) has none: the
    /// transaction processes it.
    private func speculate(_ messages: [InboundMessage], prepared: [PreparedMessage?]) -> [Int64: Speculation] {
        let at = now()
        let speculations = Mutex([Speculation?](repeating: nil, count: messages.count))
        let lanes = min(messages.count, Self.cores)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            try? store.read { lookup in
                var random = BufferedSystemRandom()
                for index in stride(from: lane, to: messages.count, by: lanes) {
                    let speculation = try? pipeline.speculate(
                        messages[index], prepared: prepared[index], lookup: lookup, now: at, random: &random)
                    speculations.withLock { $0[index] = speculation }
                }
            }
        }
        var byRow: [Int64: Speculation] = [:]
        for (message, speculation) in zip(messages, speculations.withLock { $0 }) {
            byRow[message.rowID] = speculation
        }
        return byRow
    }

    /// Processes a prepared batch in one transaction; a message whose processing throws is quarantined with the
    /// error (in the same transaction) and the agents are told; a store error stops the batch, which is retried
    /// whole.
    private func commit(_ batch: PreparedBatch) throws -> [ProcessResult] {
        var random = BufferedSystemRandom()
        let started = ContinuousClock.now
        let fresh = now()
        // The batch is written at the time it was speculated at, unless that is too old or older than the last
        // batch's (then the pipeline runs again for every message, at the present time).
        let speculatedAt = batch.speculations.first?.value.now
        let at: Date = lastBatchAt.withLock { last in
            let usable = speculatedAt.flatMap {
                $0 >= last && fresh.timeIntervalSince($0) < Self.speculationLifetime ? $0 : nil
            }
            let at = usable ?? fresh
            last = max(last, at)
            return at
        }
        let speculations = at == speculatedAt ? batch.speculations : [:]
        var (held, failed) = (0, 0)
        let results = try store.process(
            messages: batch.messages, now: at,
            { message, lookup in
                if let speculation = speculations[message.rowID] {
                    if try speculation.holds(in: lookup) {
                        held += 1
                        return speculation.outcome
                    }
                    failed += 1
                }
                return try pipeline.process(
                    message, prepared: batch.prepared[message.rowID], lookup: lookup, now: at, random: &random)
            },
            fallback: { message, error in
                logger.error(
                    "processing failed; quarantining",
                    metadata: ["mailroom.message": "\(message.rowID)", "error": "\(error)"])
                return try pipeline.quarantine(
                    message, reason: .processingError, detail: String(describing: error).prefix(300).description,
                    now: at, random: &random)
            })
        if !speculations.isEmpty { metrics.speculations(held: held, failed: failed) }
        let each = (batch.preparing + (ContinuousClock.now - started)) / max(1, results.count)
        for result in results {
            if let entry = result.learned, entry.state == .approved { similarity.add(entry) }
            metrics.processed(summary: result.summary, duration: each)
            var metadata: Logger.Metadata = [
                "mailroom.message": "\(result.rowID)", "mailroom.outcome": "\(result.summary.label)",
            ]
            if let ticket = result.ticketPublicID { metadata["mailroom.ticket"] = "\(ticket)" }
            logger.debug("processed", metadata: metadata)
        }
        return results
    }

    /// Processes whenever the poller rings (or every few seconds), until a graceful shutdown, then drains
    /// what is already stored.
    func run() async throws {
        var seen = bell.current
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                // Whole batches of transactions: off the cooperative pool, which intake and sending need.
                _ = try await offload { [self] in try processAll() }
            } catch {
                logger.error("processing stopped by a store error; retrying", metadata: ["error": "\(error)"])
            }
            let wait = try? await cancelWhenGracefulShutdown { [bell, seen] in
                try await bell.wait(since: seen, timeout: .seconds(5))
            }
            guard let next = wait ?? nil else { break }
            seen = next
        }
        if !Task.isCancelled { _ = try? await offload { [self] in try processAll() } }
        logger.info("message processor stopped")
    }
}
