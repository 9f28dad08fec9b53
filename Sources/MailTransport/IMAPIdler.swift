/// Why `IMAPIdler.wait()` returned: in every case but `cancelled`, the caller checks the mailbox next.
public enum IdleWakeup: Sendable, Equatable {
    /// The mailbox may have changed: the server pushed EXISTS, EXPUNGE, RECENT or FETCH, or a new IDLE session
    /// started (changes since the caller's last check are unknown).
    case changed
    /// The IDLE period ended without news (it is re-issued at least every 29 minutes, RFC 2177).
    case renewed
    /// IDLE is not available (the server lacks it, or the connection failed: the error says which); the idler
    /// waited one poll interval instead.
    case poll(TransportError?)
    /// The waiting task was cancelled.
    case cancelled
}

/// Sub-second intake: a second IMAP connection, logged in by libcurl, that sits in IDLE (RFC 2177) on one
/// mailbox and wakes its caller when the server reports a change.
///
/// Use it beside an `IMAPClient` on the same mailbox: `while true { check with the client; await idler.wait() }`.
/// When the server has no IDLE, or the connection drops, `wait()` falls back to sleeping one poll interval, and
/// reconnects on a later call. All blocking calls run on the idler's own dedicated thread; cancel the waiting
/// task to stop it (it notices within a quarter of a second).
public actor IMAPIdler {
    /// The configuration the idler was created with.
    public nonisolated let configuration: IMAPConfiguration
    /// The mailbox watched.
    public nonisolated let mailbox: String
    /// How long to wait when IDLE is not available.
    public nonisolated let pollInterval: Duration
    /// How long one IDLE lasts before it is renewed (at most 29 minutes).
    public nonisolated let renewal: Duration
    /// The actor's executor: a dedicated thread for the blocking reads.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private let executor: DedicatedThreadExecutor
    private let server: String
    private var session: RawIMAPSession?
    private var ignoresIdleCapability = false
    /// How many IDLE sessions (connections) the idler has opened so far.
    public private(set) var sessionsOpened = 0

    /// Creates an idler; nothing is connected until the first `wait()`.
    public init(
        configuration: IMAPConfiguration, mailbox: String = "INBOX", pollInterval: Duration = .seconds(30),
        renewal: Duration = .seconds(29 * 60)
    ) throws(TransportError) {
        self.configuration = configuration
        self.mailbox = mailbox
        self.pollInterval = pollInterval
        self.renewal = min(renewal, .seconds(29 * 60))
        server = try configuration.serverURL()
        executor = DedicatedThreadExecutor(name: "imap idle \(mailbox)")
    }

    /// Behaves as if the server had no IDLE (tests of the polling fallback against a server that has it).
    func ignoreIdleCapability() {
        ignoresIdleCapability = true
    }

    /// Logs out and closes the IDLE connection.
    public func close() {
        if let session, let tag = try? session.send(command: "LOGOUT") {
            _ = try? session.awaitCompletion(of: tag, timeoutMilliseconds: 2000)
        }
        session = nil
    }

    /// Waits until the mailbox may have changed, the IDLE period ends, or (without IDLE) one poll interval passed.
    public func wait() async -> IdleWakeup {
        if Task.isCancelled { return .cancelled }
        let current: RawIMAPSession
        if let session {
            current = session
        } else {
            switch openSession() {
            case .success(nil): return await sleepOnePollInterval(nil)
            case .success(.some): return .changed
            case .failure(let error): return await sleepOnePollInterval(error)
            }
        }
        do {
            return try idle(current)
        } catch {
            session = nil
            return .poll(error)
        }
    }

    /// Connects, checks for IDLE and selects the mailbox. `nil` when the server has no IDLE.
    private func openSession() -> Result<RawIMAPSession?, TransportError> {
        do throws(TransportError) {
            let fresh = try RawIMAPSession(configuration: configuration, server: server)
            sessionsOpened += 1
            let capabilities = try fresh.awaitCompletion(of: fresh.send(command: "CAPABILITY")).untagged
            guard IMAPResponse.capabilities(capabilities.joined(separator: "\r\n")).contains("IDLE"),
                !ignoresIdleCapability
            else { return .success(nil) }
            let name = ServerURL.quoted(ModifiedUTF7.encode(mailbox))
            let selected = try fresh.awaitCompletion(of: fresh.send(command: "SELECT \(name)")).tagged
            guard selected.status == .ok else {
                return .failure(
                    TransportError(
                        .mailboxNotFound, transient: false,
                        message: "IMAP IDLE: \"\(mailbox)\" cannot be selected on \(server): \(selected.text)",
                        serverResponse: selected.text))
            }
            session = fresh
            return .success(fresh)
        } catch {
            return .failure(error)
        }
    }

    /// One IDLE period: IDLE, wait for a push, the deadline or cancellation, then DONE.
    private func idle(_ session: RawIMAPSession) throws(TransportError) -> IdleWakeup {
        let tag = try session.send(command: "IDLE")
        let deadline = ContinuousClock.now + renewal
        var wakeup = IdleWakeup.renewed
        waiting: while ContinuousClock.now < deadline {
            if Task.isCancelled {
                wakeup = .cancelled
                break
            }
            switch session.readLine(timeoutMilliseconds: 250) {
            case .timedOut:
                continue
            case .closed(let error):
                throw error
            case .line(let line):
                if let tagged = IMAPResponse.tagged(Substring(line)), tagged.tag == tag {
                    throw TransportError(
                        .commandFailed, transient: true, message: "IMAP IDLE on \(server) ended: \(line)")
                }
                if IMAPIdler.isChange(line) {
                    wakeup = .changed
                    break waiting
                }
                if line.uppercased().hasPrefix("* BYE") {
                    throw TransportError(.connectionLost, transient: true, message: "IMAP IDLE on \(server): \(line)")
                }
            }
        }
        try session.send(raw: "DONE\r\n")
        _ = try session.awaitCompletion(of: tag)
        return wakeup
    }

    /// Whether an untagged line reports a change of the mailbox (`* 12 EXISTS`, `* 3 EXPUNGE`, `* 4 FETCH ...`).
    static func isChange(_ line: String) -> Bool {
        let words = line.uppercased().split(separator: " ", maxSplits: 3)
        guard words.count >= 3, words[0] == "*", UInt32(words[1]) != nil else { return false }
        return ["EXISTS", "EXPUNGE", "RECENT", "FETCH"].contains(String(words[2]))
    }

    private func sleepOnePollInterval(_ reason: TransportError?) async -> IdleWakeup {
        do {
            try await Task.sleep(for: pollInterval)
        } catch {
            return .cancelled
        }
        return .poll(reason)
    }
}
