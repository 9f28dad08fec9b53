import Foundation
import MailTransport
import MailroomCore
import Synchronization

/// ``MailSource`` over one IMAP mailbox: UID checkpoints, size-checked byte-exact fetches, committed mail moved
/// to the processed folder (never deleted), and IMAP IDLE for waiting (polling when the server has none).
final class IMAPMailSource: MailSource {
    let identity: String
    private let client: IMAPClient
    private let idler: IMAPIdler?
    /// Lists, fetches a batch and moves one, each in one command (after a failure, the listing and the fetches
    /// go through libcurl for a minute).
    private let bulk: IMAPBulkSession
    private let bulkPausedUntil = Mutex<ContinuousClock.Instant?>(nil)
    /// The UIDVALIDITY of the last listing: a batch is fetched only while the mailbox still has it.
    private let listedValidity = Mutex<UInt32?>(nil)
    private let processedMailbox: String
    private let pollInterval: Duration

    /// How many connections the source has opened for listing, fetching and moving (the idler has its own).
    var connectionsOpened: Int { get async { await client.connectionsOpened + bulk.sessionsOpened } }
    /// How many `UID MOVE` commands the bulk session has sent.
    var movesSent: Int { get async { await bulk.movesSent } }

    init(settings: IMAPSettings) throws {
        let configuration = Self.configuration(settings)
        client = try IMAPClient(configuration: configuration, mailbox: settings.mailbox)
        bulk = try IMAPBulkSession(configuration: configuration, mailbox: settings.mailbox)
        idler =
            settings.idle
            ? try IMAPIdler(
                configuration: configuration, mailbox: settings.mailbox,
                pollInterval: .seconds(settings.pollSeconds))
            : nil
        processedMailbox = settings.processedMailbox
        pollInterval = .seconds(settings.pollSeconds)
        identity = settings.url.trimmingSuffix("/") + "/" + settings.mailbox
    }

    /// The bulk session logs in and selects the mailbox on its own thread; the listing after it waits for that.
    func prepare() {
        let bulk = bulk
        Task { await bulk.prepare() }
    }

    static func configuration(_ settings: IMAPSettings) -> IMAPConfiguration {
        let credentials: Credentials =
            settings.oauth2Token.map { .oauth2(username: settings.username, bearerToken: $0) }
            ?? .password(username: settings.username, password: settings.password ?? "")
        return IMAPConfiguration(
            url: settings.url, credentials: credentials, tls: settings.tls == .none ? .none : .required,
            caFile: settings.caFile, connectTimeout: .seconds(settings.timeoutSeconds),
            operationTimeout: .seconds(max(settings.timeoutSeconds, 120)), maxMessageSize: settings.maxMessageBytes)
    }

    /// The listing on the bulk session (see ``IMAPBulkSession/list(after:limit:)``); after a failure there, on
    /// libcurl's session for a minute.
    func pending(after checkpoint: Checkpoint?, limit: Int) async throws -> SourceSnapshot {
        let listed: MailboxListing
        if let onBulk = await listOnBulk(after: checkpoint, limit: limit) {
            listed = onBulk
        } else {
            listed = try await listWithClient(after: checkpoint, limit: limit)
        }
        listedValidity.withLock { $0 = listed.uidValidity }
        return SourceSnapshot(
            uidValidity: listed.uidValidity,
            items: listed.uids.map { SourceItem(key: String($0), uid: $0, size: listed.sizes[$0]) })
    }

    private func listOnBulk(after checkpoint: Checkpoint?, limit: Int) async -> MailboxListing? {
        guard bulkIsAvailable else { return nil }
        do {
            return try await bulk.list(after: checkpoint.map { ($0.uidValidity, $0.lastUID) }, limit: limit)
        } catch {
            pauseBulk()
            return nil
        }
    }

    private func listWithClient(after checkpoint: Checkpoint?, limit: Int) async throws -> MailboxListing {
        let status = try await client.status()
        let after = checkpoint.flatMap { $0.uidValidity == status.uidValidity ? $0.lastUID : nil } ?? 0
        let uids = try await client.uids(after: after, limit: limit).sorted()
        // The sizes of the whole batch in as few commands as libcurl can read, not one per message.
        let sizes = uids.isEmpty ? [:] : try await client.messageSizes(uids: uids)
        return MailboxListing(uidValidity: status.uidValidity, uids: uids, sizes: sizes)
    }

    private var bulkIsAvailable: Bool {
        bulkPausedUntil.withLock { $0.map { ContinuousClock.now >= $0 } ?? true }
    }

    /// Leaves the bulk session alone for a minute (after it failed): libcurl's session lists, fetches and moves.
    func pauseBulk() {
        bulkPausedUntil.withLock { $0 = ContinuousClock.now + .seconds(60) }
    }

    /// One message through libcurl's session, brought up to date first: the listing ran on the bulk session, and
    /// a session that has not seen a UID answers its fetch with nothing, which would read as gone.
    func fetch(_ item: SourceItem, maxSize: Int) async throws -> FetchResult {
        try await client.synchronize()
        return try await fetchAlone(item, maxSize: maxSize)
    }

    private func fetchAlone(_ item: SourceItem, maxSize: Int) async throws -> FetchResult {
        guard let uid = item.uid else { return .gone }
        let outcome =
            if let size = item.size {
                try await client.fetch(uid: uid, size: size, maxSize: maxSize)
            } else {
                try await client.fetch(uid: uid, maxSize: maxSize)
            }
        switch outcome {
        case .message(let bytes): return .message(bytes)
        case .tooLarge(let size): return .tooLarge(size: size, header: try await client.header(uid: uid))
        case .notFound: return .gone
        }
    }

    /// The messages whose listed size is under the limit in one command (``IMAPBulkSession``); the others, and
    /// any the batch did not return, one by one (which tells a message gone from one too large).
    func fetch(_ items: [SourceItem], maxSize: Int) async throws -> [FetchResult] {
        let batch = items.filter { item in item.uid != nil && item.size.map { $0 <= maxSize } == true }
        var bodies: [UInt32: [UInt8]] = [:]
        if !batch.isEmpty, bulkIsAvailable {
            do {
                bodies = try await bulk.fetch(
                    uids: batch.compactMap(\.uid), maxSize: maxSize, uidValidity: listedValidity.withLock { $0 })
            } catch {
                pauseBulk()
            }
        }
        var results: [FetchResult] = []
        results.reserveCapacity(items.count)
        var synchronized = false
        for item in items {
            // A body is taken only at the size the listing gave for its UID; anything else is fetched alone.
            if let uid = item.uid, let body = bodies.removeValue(forKey: uid), body.count == item.size {
                results.append(.message(body))
            } else {
                if !synchronized { try await client.synchronize() }
                synchronized = true
                results.append(try await fetchAlone(item, maxSize: maxSize))
            }
        }
        return results
    }

    /// Moves committed mail to the processed folder, which is created when a move is refused and the folder
    /// turns out to be missing. Not created before every move: a refused command (CREATE of a folder that exists)
    /// makes libcurl close the connection, and each new one cost a TLS handshake, a login and dovecot's scan of
    /// the whole mailbox.
    func acknowledge(_ items: [SourceItem]) async throws {
        let uids = items.compactMap(\.uid)
        guard !uids.isEmpty else { return }
        let refusal: TransportError
        do {
            try await move(uids)
            return
        } catch {
            refusal = error
        }
        // A server may refuse without TRYCREATE: only a folder made now is a reason to try again.
        guard refusal == .mailboxNotFound || refusal == .commandFailed,
            try await client.createMailbox(processedMailbox) == .created
        else { throw refusal }
        try await move(uids)
    }

    /// One `UID MOVE` for the whole batch on the bulk session when the server has MOVE (each move costs dovecot a
    /// scan of the mailbox, and libcurl cannot read the answer to more than about 50); otherwise, or after the
    /// bulk session failed, through libcurl: `UID MOVE` or COPY, `\Deleted` and EXPUNGE, 50 at a time.
    private func move(_ uids: [UInt32]) async throws(TransportError) {
        if bulkIsAvailable, await bulkHasMove() {
            let failure: TransportError
            do {
                try await bulk.move(uids: uids, to: processedMailbox, uidValidity: listedValidity.withLock { $0 })
                return
            } catch {
                failure = error
            }
            // A missing folder or another UIDVALIDITY is the server's answer, not a failure of the session.
            if failure == .mailboxNotFound || failure == .uidValidityChanged { throw failure }
            pauseBulk()
        }
        // A UID the session has not seen yet is skipped without a word by the server: up to date first.
        try await client.synchronize()
        _ = try await client.move(uids: uids, to: processedMailbox)
    }

    private func bulkHasMove() async -> Bool {
        do {
            return try await bulk.capabilities().contains("MOVE")
        } catch {
            pauseBulk()
            return false
        }
    }

    func waitForNewMail(timeout: Duration) async throws -> Bool {
        guard let idler else {
            try await Task.sleep(for: min(timeout, pollInterval))
            return false
        }
        switch await idler.wait() {
        case .changed: return true
        case .renewed, .poll: return false
        case .cancelled: throw CancellationError()
        }
    }

    deinit {
        let client = client
        let idler = idler
        let bulk = bulk
        Task {
            await client.close()
            await idler?.close()
            await bulk.close()
        }
    }
}

extension String {
    func trimmingSuffix(_ suffix: Character) -> String {
        var result = Substring(self)
        while result.last == suffix { result = result.dropLast() }
        return String(result)
    }
}
