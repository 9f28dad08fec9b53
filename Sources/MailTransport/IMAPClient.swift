/// One long-lived IMAP connection to one mailbox, over libcurl.
///
/// All libcurl calls of a client run on its own dedicated thread (the actor's executor), never on the Swift
/// cooperative pool; the connection is opened on first use, logged in and the mailbox selected once, and reused.
/// An operation whose connection fails (dropped by the server, server restarting) is retried on a new connection
/// after `IMAPConfiguration.reconnect`'s backoff; other failures throw a `TransportError` at once.
///
/// Messages are fetched with `BODY[]`, which sets `\Seen`: Mailroom never relies on `\Seen` (it keeps its own
/// UIDVALIDITY/UID checkpoint); call `clearFlags` where people sharing the mailbox need the unread state back.
public actor IMAPClient {
    /// The configuration the client was created with.
    public nonisolated let configuration: IMAPConfiguration
    /// The mailbox every message operation addresses (`INBOX`, or a folder name in plain Unicode).
    public nonisolated let mailbox: String
    /// The actor's executor: a dedicated thread for this connection's blocking libcurl calls.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private let executor: DedicatedThreadExecutor
    let server: String
    private var curl: CurlEasy?
    private var cachedCapabilities: Set<String>?
    /// How many connections this client has opened so far (1 after the first operation).
    public private(set) var connectionsOpened = 0

    /// The most UIDs one command names when its answer has a line per message (sizes, moves, flags). Debian's
    /// libcurl counts an answer's bytes many times over as it reads it (about quadratically in its lines) and
    /// drops the connection past 300 KiB; 200 sizes tripped that at random, 50 stay under a fifth of it.
    static let uidsPerCommand = 50

    /// Creates a client for `mailbox`; nothing is connected until the first operation.
    ///
    /// Throws `TransportError.invalidConfiguration` when the URL is not an imap:// or imaps:// server URL.
    public init(configuration: IMAPConfiguration, mailbox: String = "INBOX") throws(TransportError) {
        self.configuration = configuration
        self.mailbox = mailbox
        server = try configuration.serverURL()
        executor = DedicatedThreadExecutor(name: "imap \(mailbox)")
    }

    /// Logs out and closes the connection; the next operation would open a new one.
    public func close() {
        curl = nil  // curl_easy_cleanup sends LOGOUT on a live connection
        cachedCapabilities = nil
    }

    /// The server's capabilities after login (upper-cased: `IDLE`, `MOVE`, `UIDPLUS`, `ESEARCH`, ...).
    public func capabilities() async throws(TransportError) -> Set<String> {
        if let cachedCapabilities { return cachedCapabilities }
        let transfer = try await perform(CurlRequest(url: server + "/", customRequest: "CAPABILITY"), "CAPABILITY")
        let capabilities = IMAPResponse.capabilities(String(decoding: transfer.body, as: UTF8.self))
        guard !capabilities.isEmpty else {
            throw TransportError(
                .protocolError, transient: false, message: "IMAP CAPABILITY on \(server) returned no capabilities.")
        }
        cachedCapabilities = capabilities
        return capabilities
    }

    /// Replaces the server's capabilities until the next connection (tests of the fallbacks for servers
    /// without MOVE, UIDPLUS or IDLE, against a server that has them).
    func overrideCapabilities(_ capabilities: Set<String>) async throws(TransportError) {
        _ = try await self.capabilities()  // connect first, so the override is not dropped by the first login
        cachedCapabilities = capabilities
    }

    var mailboxURL: String { ServerURL.mailbox(server, mailbox) }

    /// Runs one request, retrying on a new connection when the connection failed (unless `retry` is false: a
    /// command whose answer was lost may have run, and running it twice must be harmless).
    func perform(
        _ request: CurlRequest, _ operation: String, mailbox: String? = nil, retry: Bool = true
    ) async throws(TransportError) -> CurlTransfer {
        var failure: TransportError?
        for attempt in 0..<(retry ? configuration.reconnect.attempts : 1) {
            if attempt > 0 { try await pause(configuration.reconnect.delay(beforeRetry: attempt - 1)) }
            let handle = try connection()
            let transfer = handle.perform(request)
            if transfer.newConnections > 0 {
                connectionsOpened += transfer.newConnections
                cachedCapabilities = nil
            }
            if transfer.succeeded { return transfer }
            let error = failureError(transfer, operation, mailbox: mailbox)
            guard error == .connectionLost || error == .serverUnreachable else { throw error }
            failure = error
        }
        throw failure!
    }

    func failureError(_ transfer: CurlTransfer, _ operation: String, mailbox: String?) -> TransportError {
        TransportError.fromCurl(
            code: transfer.code, errorText: transfer.errorText, transcript: transfer.transcript,
            context: FailureContext(
                protocolName: "IMAP", server: server, username: configuration.credentials.username,
                operation: operation, mailbox: mailbox ?? self.mailbox))
    }

    private func connection() throws(TransportError) -> CurlEasy {
        if let curl { return curl }
        let handle = try CurlEasy(settings: configuration.settings)
        curl = handle
        return handle
    }

    private func pause(_ delay: Duration) async throws(TransportError) {
        do {
            try await Task.sleep(for: delay)
        } catch {
            throw TransportError(.cancelled, transient: true, message: "IMAP operation on \(server) was cancelled.")
        }
    }

    /// Runs a command whose answer is only OK or a refusal.
    func command(
        _ text: String, _ operation: String, url: String? = nil, mailbox: String? = nil, retry: Bool = true
    ) async throws(TransportError) {
        let request = CurlRequest(url: url ?? mailboxURL, customRequest: text)
        _ = try await perform(request, operation, mailbox: mailbox, retry: retry)
    }
}
