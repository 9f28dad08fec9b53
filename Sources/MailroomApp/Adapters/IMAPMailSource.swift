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
    /// Fetches a batch in one command (after a failure, messages are fetched one by one for a minute) and moves
    /// one in one command.
    private let bulk: IMAPBulkSession
    private let bulkPausedUntil = Mutex<ContinuousClock.Instant?>(nil)
    /// The UIDVALIDITY of the last listing: a batch is fetched only while the mailbox still has it.
    private let listedValidity = Mutex<UInt32?>(nil)
    private let processedMailbox: String
    private let pollInterval: Duration

    /// How many connections the source's client has opened (the bulk fetcher and the idler have their own).
    var connectionsOpened: Int { get async { await client.connectionsOpened } }
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

    static func configuration(_ settings: IMAPSettings) -> IMAPConfiguration {
        let credentials: Credentials =
            settings.oauth2Token.map { .oauth2(username: settings.username, bearerToken: $0) }
            ?? .password(username: settings.username, password: settings.password ?? "")
        return IMAPConfiguration(
            url: settings.url, credentials: credentials, tls: settings.tls == .none ? .none : .required,
            caFile: settings.caFile, connectTimeout: .seconds(settings.timeoutSeconds),
            operationTimeout: .seconds(max(settings.timeoutSeconds, 120)), maxMessageSize: settings.maxMessageBytes)
    }

    func pending(after checkpoint: Checkpoint?, limit: Int) async throws -> SourceSnapshot {
        let status = try await client.status()
        let after = checkpoint.flatMap { $0.uidValidity == status.uidValidity ? $0.lastUID : nil } ?? 0
        let uids = try await client.uids(after: after, limit: limit).sorted()
        // The sizes of the whole batch in one command, not one per message.
        let sizes = uids.isEmpty ? [:] : try await client.messageSizes(uids: uids)
        listedValidity.withLock { $0 = status.uidValidity }
        return SourceSnapshot(
            uidValidity: status.uidValidity,
            items: uids.map { SourceItem(key: String($0), uid: $0, size: sizes[$0]) })
    }

    func fetch(_ item: SourceItem, maxSize: Int) async throws -> FetchResult {
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
        if batch.count > 1, bulkPausedUntil.withLock({ $0.map { ContinuousClock.now >= $0 } ?? true }) {
            do {
                bodies = try await bulk.fetch(
                    uids: batch.compactMap(\.uid), maxSize: maxSize, uidValidity: listedValidity.withLock { $0 })
            } catch {
                bulkPausedUntil.withLock { $0 = ContinuousClock.now + .seconds(60) }
            }
        }
        var results: [FetchResult] = []
        results.reserveCapacity(items.count)
        for item in items {
            // A body is taken only at the size the listing gave for its UID; anything else is fetched alone.
            if let uid = item.uid, let body = bodies.removeValue(forKey: uid), body.count == item.size {
                results.append(.message(body))
            } else {
                results.append(try await fetch(item, maxSize: maxSize))
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
    /// scan of the mailbox, and libcurl cannot read the answer to more than about 50); otherwise libcurl's
    /// COPY, `\Deleted` and EXPUNGE, 50 at a time.
    private func move(_ uids: [UInt32]) async throws(TransportError) {
        if try await client.capabilities().contains("MOVE") {
            try await bulk.move(uids: uids, to: processedMailbox, uidValidity: listedValidity.withLock { $0 })
        } else {
            _ = try await client.move(uids: uids, to: processedMailbox)
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
