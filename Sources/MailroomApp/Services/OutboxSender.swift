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
    private let records: GroupCommit<(outboxID: Int64, update: OutboxUpdate), OutboxItem?>

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
        records = GroupCommit { [store, now] deliveries in
            try store.recordDeliveriesAndClaimNext(deliveries, now: now())
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
            for _ in 0..<workers { group.addTask { try await self.sendDueOneByOne() } }
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

    /// One worker: claims, sends and records one message at a time until nothing is due.
    private func sendDueOneByOne() async throws -> (attempts: Int, blocked: Int) {
        var attempts = 0
        // One row at a time: `sending` (and its attempt) then means this very message is on its way, so a
        // restart re-sends only what may really have reached the server, and counts no attempt that never was.
        var blocked = 0
        // The store waits for the single writer: off the cooperative pool, which the sends themselves need. The
        // result of one attempt is recorded with the claim of the next, through one group commit: the workers
        // that finish while the writer is busy (with a batch of processing, say) are recorded, and get their next
        // message, in one transaction.
        let store = store
        let now = now
        var next = try await offload { try store.claimDueOutbox(now: now(), limit: 1).first }
        while let item = next {
            let mail = OutgoingMail(
                raw: item.raw, envelope: item.envelope, messageID: item.messageID, attempt: item.attempts,
                outboxID: item.id)
            let update = shadow ? .shadow : outcome(for: item, await sender.send(mail))
            next = try await records.submit((item.id, update))
            metrics.delivery(purpose: item.purpose.rawValue, update: update)
            log(item, update)
            attempts += 1
            if case .blocked = update { blocked += 1 }
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
