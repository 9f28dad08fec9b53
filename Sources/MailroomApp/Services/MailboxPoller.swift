import Foundation
import Logging
import MailroomCore
import MailroomStore
import ServiceLifecycle
import Synchronization

/// Takes new mail from the source: raw bytes committed first (with the checkpoint, many messages per
/// transaction), then the committed messages moved out of the way (a backlog a thousand at a time). Reads the
/// source and its checkpoint; writes messages and the checkpoint. On a failure it logs, records the error for the
/// ops views, and retries with backoff; a message too large to download is stored as a header-only stub that the
/// processor quarantines.
final class MailboxPoller: Service {
    let source: any MailSource
    private let store: any MailroomStorage
    private let maxMessageBytes: Int
    private let pollInterval: Duration
    private let processorBell: Doorbell
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let metrics: GatewayMetrics
    private let silenceLimit: TimeInterval?
    private let lastSilenceWarning = Mutex<Date?>(nil)
    /// On a shared store: the mailbox's lease (one poller per mailbox across gateways); nil on SQLite.
    let lease: LeaseKeeper?
    /// The fencing token of the lease while this poller holds it.
    private let fencingToken = Mutex<Int64?>(nil)

    init(
        source: any MailSource, store: any MailroomStorage, maxMessageBytes: Int, pollInterval: Duration,
        processorBell: Doorbell, now: @escaping @Sendable () -> Date, logger: Logger, metrics: GatewayMetrics,
        silenceMinutes: Int = 0, lease: LeaseKeeper? = nil
    ) {
        self.lease = lease
        silenceLimit = silenceMinutes > 0 ? TimeInterval(silenceMinutes * 60) : nil
        self.source = source
        self.store = store
        self.maxMessageBytes = maxMessageBytes
        self.pollInterval = pollInterval
        self.processorBell = processorBell
        self.now = now
        var logger = logger
        logger[metadataKey: "mailroom.source"] = .string(source.identity)
        self.logger = logger
        self.metrics = metrics
    }

    /// Takes everything waiting now; returns how many new messages were stored. On a shared store only the
    /// holder of the mailbox's lease polls (renewed before every batch); the others return 0 at once.
    @discardableResult
    func pollOnce() async throws -> Int {
        guard try holdLease() else { return 0 }
        do {
            return try await pollHeld()
        } catch let error as StoreError where error.isLocked && lease != nil {
            // Fenced: the lease lapsed and another gateway polls now. What we stored is stored; stop here.
            lease?.lost()
            fencingToken.withLock { $0 = nil }
            logger.warning("mailbox taken over by another gateway", metadata: ["detail": "\(error.message)"])
            return 0
        }
    }

    /// Takes or renews the mailbox's lease (always true without one).
    private func holdLease() throws -> Bool {
        guard let lease else { return true }
        let token = try lease.hold(now: now())
        let was = fencingToken.withLock { previous in
            defer { previous = token }
            return previous
        }
        if token != nil, was == nil {
            logger.info("polling this mailbox (lease taken)", metadata: ["mailroom.lease.token": "\(token ?? 0)"])
        }
        return token != nil
    }

    private func pollHeld() async throws -> Int {
        try await moveLeftovers()
        var stored = 0
        // Committed messages still in the mailbox: moved out of the way together, every ``moveBatch`` messages (a
        // source without UIDs: every batch) and before returning (also after an error: what is committed is moved).
        var unmoved: [SourceItem] = []
        do {
            while true {
                guard try holdLease() else {
                    try await move(&unmoved)
                    return stored
                }
                let batch = try await pollBatch()
                stored += batch.stored
                unmoved += batch.committed
                if batch.stored > 0 { processorBell.ring() }
                // Only a listing past the checkpoint (by UID) leaves the unmoved out; a Maildir lists new/ again.
                let listedAgain = unmoved.contains { $0.uid == nil }
                if listedAgain || unmoved.count >= Self.moveBatch || !batch.more { try await move(&unmoved) }
                if !batch.more { break }
            }
        } catch {
            try? await move(&unmoved)
            throw error
        }
        try store.recordPoll(mailbox: source.identity, at: now(), error: nil)
        metrics.intakeSucceeded(at: now())
        try warnIfSilent()
        return stored
    }

    /// Warns (at most hourly) when no mail has arrived for longer than `alerts.silenceMinutes`: a mailbox that
    /// silently stopped receiving (an expired token, a changed forwarding rule) is found in hours, not days.
    private func warnIfSilent() throws {
        guard let limit = silenceLimit,
            let mailbox = try store.mailboxes().first(where: { $0.name == source.identity })
        else { return }
        let silence = IntakeSilence.seconds(
            lastMessageAt: mailbox.lastMessageAt, lastPollAt: mailbox.lastPollAt, now: now())
        metrics.intakeSilence(seconds: silence)
        guard
            IntakeSilence.isSilent(
                lastMessageAt: mailbox.lastMessageAt, lastPollAt: mailbox.lastPollAt, now: now(),
                minutes: Int(limit / 60))
        else { return }
        let due = lastSilenceWarning.withLock { warned -> Bool in
            guard warned.map({ now().timeIntervalSince($0) >= 3600 }) ?? true else { return false }
            warned = now()
            return true
        }
        if due {
            logger.warning(
                "no mail arrived for longer than the limit",
                metadata: [
                    "silenceMinutes": "\(Int(silence / 60))", "limitMinutes": "\(Int(limit / 60))",
                ])
        }
    }

    /// Moves `items` out of the way (one command for the lot where the server can) and empties the list.
    private func move(_ items: inout [SourceItem]) async throws {
        guard !items.isEmpty else { return }
        let moving = items
        items = []
        try await source.acknowledge(moving)
    }

    /// At most this many committed messages wait to be moved out of the mailbox. A move costs the server time in
    /// proportion to the whole mailbox, not only to what it moves: dovecot (Maildir) took 84 ms to move 200 with
    /// 2,000 waiting and 248 ms with 20,000, so a backlog moved 200 at a time spent 25 of its 35 s of intake
    /// moving. A crash leaves at most this many (and the batch in hand) for ``moveLeftovers()``.
    static let moveBatch = 1000

    /// Lists, fetches and stores the next batch; returns how many were new, which were committed (to be moved),
    /// and whether the listing was full (more may wait).
    private func pollBatch() async throws -> (stored: Int, committed: [SourceItem], more: Bool) {
        var checkpoint = try store.checkpoint(for: source.identity)
        var snapshot = try await source.pending(after: checkpoint, limit: 200)
        if let validity = snapshot.uidValidity, let known = checkpoint, known.uidValidity != validity {
            logger.warning(
                "UIDVALIDITY changed; fetching the mailbox again (duplicates are recognised)",
                metadata: ["mailroom.uidvalidity": "\(validity)"])
            try store.resetCheckpoint(for: source.identity, uidValidity: validity, at: now())
            checkpoint = Checkpoint(uidValidity: validity, lastUID: 0)
            snapshot = try await source.pending(after: checkpoint, limit: 200)
        }
        let (stored, committed) = try await take(snapshot.items, uidValidity: snapshot.uidValidity)
        // Entries left in place (unreadable) come back in every listing: only progress asks for another batch.
        return (stored, committed, snapshot.items.count >= 200 && !committed.isEmpty)
    }

    /// Messages committed just before a crash (or a failed move) are still in the mailbox at or below the
    /// checkpoint, where `pending` no longer looks: they are taken again (recognised by their UID, so never stored
    /// twice) and moved, so committed mail always ends up out of the inbox.
    ///
    /// Up to ``moveBatch`` (and a batch) can be left, so the oldest 200 are listed again until a listing is not full
    /// of leftovers; a bounded number of rounds per poll, in case a server keeps listing what it was asked to move.
    private func moveLeftovers() async throws {
        guard let checkpoint = try store.checkpoint(for: source.identity), checkpoint.lastUID > 0 else { return }
        for _ in 0..<(Self.moveBatch / 200 + 2) {
            let snapshot = try await source.pending(after: nil, limit: 200)
            guard snapshot.uidValidity == checkpoint.uidValidity else { return }
            let leftovers = snapshot.items.filter { item in item.uid.map { $0 <= checkpoint.lastUID } ?? false }
            guard !leftovers.isEmpty else { return }
            logger.warning("moving mail committed before an interruption", metadata: ["count": "\(leftovers.count)"])
            var (_, committed) = try await take(leftovers, uidValidity: snapshot.uidValidity)
            let complete = committed.count == leftovers.count
            try await move(&committed)
            guard complete, leftovers.count == snapshot.items.count else { return }
        }
    }

    /// Fetches and stores `items` (with the checkpoint; up to ``batchMessages`` messages or ``batchBytes`` bytes per
    /// transaction); returns how many were new and which were committed (for the caller to move). An
    /// unreadable entry is recorded once and left. A batch commits while the next is fetched (at most one commit
    /// in flight, so batches commit in order and the checkpoint only moves forward).
    private func take(_ items: [SourceItem], uidValidity: UInt32?) async throws -> (
        stored: Int, committed: [SourceItem]
    ) {
        var stored = 0
        var committed: [SourceItem] = []
        var pending: [(item: SourceItem, request: IngestRequest)] = []
        var pendingBytes = 0
        var inFlight: (items: [SourceItem], commit: Task<[IngestResult], any Error>)?
        func settle() async throws {
            guard let batch = inFlight else { return }
            inFlight = nil
            let results = try await batch.commit.value
            committed += batch.items
            for result in results {
                if case .stored = result {
                    stored += 1
                    metrics.ingested(source: sourceKind)
                }
            }
            processorBell.ring()
        }
        func flush() async throws {
            try await settle()
            guard !pending.isEmpty else { return }
            // The commit may wait for the single writer: off the cooperative pool, which fetching needs.
            let requests = pending.map(\.request)
            let store = store
            inFlight = (pending.map(\.item), Task { try await offload { try store.ingest(requests) } })
            pending = []
            pendingBytes = 0
        }
        let token = fencingToken.withLock { $0 }
        for chunk in Self.chunks(items) {
            for (item, fetched) in zip(chunk, try await source.fetch(chunk, maxSize: maxMessageBytes)) {
                let request: IngestRequest
                switch fetched {
                case .message(let bytes):
                    request = IngestRequest(
                        raw: bytes, source: sourceKind, mailbox: source.identity, uidValidity: uidValidity,
                        uid: item.uid, receivedAt: now(), fencingToken: token)
                case .tooLarge(let size, let header):
                    logger.warning(
                        "message over the size limit; quarantined", metadata: ["mailroom.uid": "\(item.key)"])
                    request = IngestRequest(
                        raw: header, source: sourceKind, mailbox: source.identity, uidValidity: uidValidity,
                        uid: item.uid, oversizedSize: size, receivedAt: now(), fencingToken: token)
                case .gone:
                    continue
                case .unreadable(let reason):
                    if try store.recordIntakeSkip(source: source.identity, entry: item.key, reason: reason, at: now()) {
                        logger.error(
                            "mail source entry cannot be read; skipped", metadata: ["mailroom.entry": "\(item.key)"])
                        metrics.intakeSkipped()
                    }
                    continue
                }
                pending.append((item, request))
                pendingBytes += request.raw.count
                if pending.count >= Self.batchMessages || pendingBytes >= Self.batchBytes {
                    try await flush()
                }
            }
        }
        try await flush()
        try await settle()
        return (stored, committed)
    }

    /// `items` in groups fetched together: at most ``batchMessages`` messages and ``batchBytes`` listed bytes each
    /// (a message of unknown or larger size alone in its group).
    static func chunks(_ items: [SourceItem]) -> [[SourceItem]] {
        var groups: [[SourceItem]] = []
        var current: [SourceItem] = []
        var bytes = 0
        for item in items {
            let size = item.size ?? batchBytes
            if !current.isEmpty, current.count >= batchMessages || bytes + size > batchBytes {
                groups.append(current)
                current = []
                bytes = 0
            }
            current.append(item)
            bytes += size
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    /// At most this many messages share one intake transaction...
    static let batchMessages = 50
    /// ...or this many bytes of them (what is held in memory before the commit).
    static let batchBytes = 2 << 20

    /// Records a failed poll (the ops views and the intake alert read it).
    func recordFailure(_ error: any Error) {
        try? store.recordPoll(mailbox: source.identity, at: now(), error: RunError.detail(error))
        metrics.intakeFailed()
    }

    private var sourceKind: String { source.identity.hasPrefix("maildir:") ? "maildir" : "imap" }

    /// Polls, then waits for new mail (IDLE or the poll interval), until a graceful shutdown; errors are
    /// retried with exponential backoff (1 s doubling to 5 min).
    func run() async throws {
        var failures = 0
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await pollOnce()
                failures = 0
                if let lease, !lease.isHeld {
                    // Standby: another gateway polls; try for the lease again well before it could lapse.
                    _ = try await cancelWhenGracefulShutdown { [lease] in try await Task.sleep(for: lease.duration / 3)
                    }
                    continue
                }
                let wait = lease.map { min(pollInterval, $0.duration / 3) } ?? pollInterval
                _ = try await cancelWhenGracefulShutdown { [source] in try await source.waitForNewMail(timeout: wait) }
            } catch is CancellationError {
                break
            } catch {
                failures += 1
                let delay = Int(RetrySchedule.intake.delay(afterFailures: failures))
                logger.error(
                    "intake failed; retrying", metadata: ["error": "\(RunError.detail(error))", "retryIn": "\(delay)s"])
                recordFailure(error)
                _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(delay)) }
            }
        }
        lease?.release()
        logger.info("mailbox poller stopped")
    }
}
