import Foundation
import Logging
import MailroomCore
import MailroomStore
import ServiceLifecycle

/// Sends what the outbox holds: each message is claimed (`sending`), sent, and recorded as sent, deferred with
/// exponential backoff (``RetrySchedule``), or failed after `maxAttempts` or a permanent refusal, which the ops
/// views and logs show. A send stopped by our own configuration (a refused login, an untrusted certificate, an
/// outbox folder we may not write) is kept and retried without using up attempts, with an error log and the
/// `mailroom_outbox_blocked` gauge for alerting: the mail is fine, the setup is not. In shadow mode nothing is
/// sent: messages are recorded as `shadow`. Messages left `sending` by a crash are retried with the same
/// Message-ID on start.
final class OutboxSender: Service {
    private let store: any MailroomStorage
    private let sender: any MailSender
    private let settings: OutboxSettings
    private let shadow: Bool
    private let bell: Doorbell
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let metrics: GatewayMetrics
    private let records: GroupCommit<Record, [OutboxItem]>

    /// One attempt's result for the group commit, and how many due messages its transaction claims for the
    /// connection that sent it (0 while the connection still has claimed mail to send).
    private struct Record: Sendable {
        let outboxID: Int64
        let update: OutboxUpdate
        let claim: Int
    }

    init(
        store: any MailroomStorage, sender: any MailSender, settings: OutboxSettings, shadow: Bool, bell: Doorbell,
        now: @escaping @Sendable () -> Date, logger: Logger, metrics: GatewayMetrics
    ) {
        self.store = store
        self.sender = sender
        self.settings = settings
        self.shadow = shadow
        self.bell = bell
        self.now = now
        self.logger = logger
        self.metrics = metrics
        records = GroupCommit { [store, now] records in
            let claimed = try store.recordDeliveries(
                records.map { ($0.outboxID, $0.update) }, claiming: records.reduce(0) { $0 + $1.claim }, now: now())
            // Handed out in order: each record gets up to what it asked for.
            var rest = claimed[...]
            return records.map { record in
                let share = Array(rest.prefix(record.claim))
                rest = rest.dropFirst(share.count)
                return share
            }
        }
    }

    /// Puts back messages a crash left `sending`.
    func recover() throws {
        let count = try store.recoverInterruptedSends(now: now())
        if count > 0 { logger.warning("re-queued sends interrupted by a restart", metadata: ["count": "\(count)"]) }
    }

    /// Sends everything due now, on as many connections as the sender has (`smtp.connections`); returns how many
    /// attempts were made.
    @discardableResult
    func sendDue() async throws -> Int {
        let workers = max(1, sender.parallelism)
        let totals = try await withThrowingTaskGroup(of: (attempts: Int, blocked: Int).self) { group in
            for _ in 0..<workers { group.addTask { try await self.sendDueInBatches() } }
            var totals = (attempts: 0, blocked: 0)
            for try await part in group {
                totals.attempts += part.attempts
                totals.blocked += part.blocked
            }
            return totals
        }
        metrics.outboxPending(try store.outboxCount(states: OutboxState.pending))
        if totals.attempts > 0 { metrics.outboxBlocked(totals.blocked) }
        return totals.attempts
    }

    /// One worker: claims `outbox.claimBatch` messages, sends them one by one, and records their results; the
    /// last result's transaction claims the next batch. Until nothing is due.
    private func sendDueInBatches() async throws -> (attempts: Int, blocked: Int) {
        var attempts = 0
        var blocked = 0
        // A claimed message is `sending` with its attempt counted, so a restart sends it again (same Message-ID)
        // whether or not it had reached the server. The store waits for the single writer: off the cooperative
        // pool, which the sends themselves need. The results go through one group commit: each but a batch's
        // last is left for the next commit, which the connections that finish while the writer is busy (with a
        // batch of processing, say) share; the last waits for its commit, and gets the next batch from it.
        let store = store
        let now = now
        let batch = settings.claimBatch
        var claimed = try await offload { try store.claimDueOutbox(now: now(), limit: batch) }
        while !claimed.isEmpty {
            let current = claimed
            var updates: [OutboxUpdate] = []
            var earlier: [GroupCommit<Record, [OutboxItem]>.Pending] = []
            var next: [OutboxItem] = []
            for (index, item) in current.enumerated() {
                let mail = OutgoingMail(
                    raw: item.raw, envelope: item.envelope, messageID: item.messageID, attempt: item.attempts,
                    outboxID: item.id)
                let update = shadow ? .shadow : outcome(for: item, await sender.send(mail))
                updates.append(update)
                if index == current.count - 1 {
                    next = try await records.submit(Record(outboxID: item.id, update: update, claim: batch))
                } else {
                    earlier.append(records.submitWithNext(Record(outboxID: item.id, update: update, claim: 0)))
                }
            }
            // Committed with the last one at the latest.
            for pending in earlier { _ = try await pending.value }
            for (item, update) in zip(current, updates) {
                metrics.delivery(purpose: item.purpose.rawValue, update: update)
                log(item, update)
                attempts += 1
                if case .blocked = update { blocked += 1 }
            }
            claimed = next
        }
        return (attempts, blocked)
    }

    private func outcome(for item: OutboxItem, _ delivery: Delivery) -> OutboxUpdate {
        switch delivery {
        case .sent:
            return .sent
        case .failed(let reason):
            return .failed(reason: reason)
        case .blocked(let reason):
            let delay = schedule.delay(afterFailures: max(1, item.attempts))
            return .blocked(reason: reason, retryAt: now().addingTimeInterval(delay))
        case .deferred(let reason) where item.attempts >= settings.maxAttempts:
            return .failed(reason: "gave up after \(item.attempts) attempts: \(reason)")
        case .deferred(let reason):
            return .deferred(
                reason: reason, retryAt: now().addingTimeInterval(schedule.delay(afterFailures: item.attempts)))
        }
    }

    private var schedule: RetrySchedule {
        RetrySchedule(base: Double(settings.retryBaseSeconds), maximum: Double(settings.retryMaxSeconds))
    }

    private func log(_ item: OutboxItem, _ update: OutboxUpdate) {
        var metadata: Logger.Metadata = [
            "mailroom.outbox": "\(item.id)", "mailroom.purpose": "\(item.purpose.rawValue)",
        ]
        switch update {
        case .sent, .shadow:
            logger.debug("sent", metadata: metadata)
        case .deferred(let reason, _):
            metadata["reason"] = "\(reason)"
            logger.warning("delivery deferred", metadata: metadata)
        case .blocked(let reason, _):
            metadata["reason"] = "\(reason)"
            logger.error("sending is blocked by our configuration; the mail is kept and retried", metadata: metadata)
        case .failed(let reason):
            metadata["reason"] = "\(reason)"
            logger.error("delivery failed; a person must look", metadata: metadata)
        }
    }

    /// Sends when the processor rings or a deferred message falls due, until a graceful shutdown, then sends
    /// what is still due.
    func run() async throws {
        try recover()
        var seen = bell.current
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await sendDue()
            } catch {
                logger.error("sending stopped by an error; retrying", metadata: ["error": "\(error)"])
            }
            let nextDue = (try? store.nextOutboxAttempt()).flatMap { $0 }
            let wait = nextDue.map { max(0.05, min(30, $0.timeIntervalSince(now()))) } ?? 30
            let woke = try? await cancelWhenGracefulShutdown { [bell, seen] in
                try await bell.wait(since: seen, timeout: .milliseconds(Int(wait * 1000)))
            }
            guard let next = woke ?? nil else { break }
            seen = next
        }
        if !Task.isCancelled { _ = try? await sendDue() }
        logger.info("outbox sender stopped")
    }
}
