import CCurl
import Foundation

/// One libcurl easy handle (RAII: cleaned up in deinit). Reusing it across `perform` calls reuses the open
/// server connection, so an IMAP session logs in and selects a mailbox once.
///
/// Not thread-safe: each instance is owned by one actor whose executor is a dedicated thread.
final class CurlEasy {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let settings: CurlSettings

    /// libcurl's process-wide initialisation, run once before the first handle.
    private static let globalInit: Int32 = Int32(curl_global_init(Int(CURL_GLOBAL_DEFAULT)).rawValue)

    init(settings: CurlSettings) throws(TransportError) {
        guard CurlEasy.globalInit == 0, let handle = curl_easy_init() else {
            throw TransportError(.invalidConfiguration, transient: true, message: "libcurl could not be initialised")
        }
        self.handle = handle
        self.settings = settings
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Runs one transfer to completion on the calling thread (it blocks).
    func perform(_ request: CurlRequest) -> CurlTransfer {
        curl_easy_reset(handle)  // clears options, keeps the live connection
        errorBuffer[0] = 0
        let state = TransferState(request: request)
        var recipients: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(recipients) }
        for recipient in request.mailRecipients { recipients = curl_slist_append(recipients, recipient) }

        var code = configure(request, state: state, recipients: recipients)
        if code == CURLE_OK { code = curl_easy_perform(handle) }
        detachCallbacks()
        withExtendedLifetime(state) {}

        var connects = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        let buffer = String(cString: errorBuffer)
        let details = ([buffer] + state.infoLines.suffix(3)).filter { !$0.isEmpty }
        return CurlTransfer(
            code: Int(code.rawValue),
            body: state.body,
            transcript: state.transcript,
            errorText: details.joined(separator: "; "),
            newConnections: connects,
            bodyLimitExceeded: state.limitExceeded
        )
    }

    private func configure(
        _ request: CurlRequest, state: TransferState, recipients: UnsafeMutablePointer<curl_slist>?
    ) -> CURLcode {
        var options = CurlOptionWriter(handle: handle)
        options.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        options.set(CURLOPT_URL, request.url)
        options.set(CURLOPT_NOSIGNAL, 1)
        options.set(CURLOPT_BUFFERSIZE, settings.receiveBufferSize)
        options.set(CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeout.milliseconds)
        options.set(
            CURLOPT_TIMEOUT_MS,
            request.connectOnly ? settings.connectTimeout.milliseconds : settings.operationTimeout.milliseconds)
        options.set(CURLOPT_MAXAGE_CONN, Int(settings.maxIdleReuse.components.seconds))
        options.set(CURLOPT_TCP_KEEPALIVE, 1)
        options.set(CURLOPT_TCP_KEEPIDLE, 60)
        options.set(CURLOPT_TCP_KEEPINTVL, 30)
        applyCredentials(&options)
        if settings.tls == .required { options.set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)) }
        if let caFile = settings.caFile { options.set(CURLOPT_CAINFO, caFile) }
        if let custom = request.customRequest { options.set(CURLOPT_CUSTOMREQUEST, custom) }
        if request.connectOnly { options.set(CURLOPT_CONNECT_ONLY, 1) }
        state.install(on: &options)
        if let mailFrom = request.mailFrom { options.set(CURLOPT_MAIL_FROM, mailFrom) }
        if let recipients {
            options.set(CURLOPT_MAIL_RCPT, list: recipients)
            options.set(CURLOPT_MAIL_RCPT_ALLLOWFAILS, 1)  // keep going past a refused recipient
        }
        return options.firstError
    }

    /// libcurl keeps calling callbacks after `perform` (the LOGOUT/QUIT in `curl_easy_cleanup`, raw send/recv on
    /// a CONNECT_ONLY connection): point them away from the finished transfer's state before it is freed.
    private func detachCallbacks() {
        var options = CurlOptionWriter(handle: handle)
        options.set(CURLOPT_VERBOSE, 0)
        options.set(debug: nil)
        options.set(CURLOPT_DEBUGDATA, pointer: nil)
        options.set(CURLOPT_WRITEFUNCTION, write: CurlEasy.discard)
        options.set(CURLOPT_WRITEDATA, pointer: nil)
        options.set(read: CurlEasy.endOfInput)
        options.set(CURLOPT_READDATA, pointer: nil)
    }

    private static let discard: curl_write_callback = { _, size, count, _ in size * count }
    private static let endOfInput: curl_read_callback = { _, _, _, _ in 0 }

    private func applyCredentials(_ options: inout CurlOptionWriter) {
        switch settings.credentials {
        case .password(let username, let password):
            options.set(CURLOPT_USERNAME, username)
            options.set(CURLOPT_PASSWORD, password)
        case .oauth2(let username, let token):
            options.set(CURLOPT_USERNAME, username)
            options.set(CURLOPT_XOAUTH2_BEARER, token)
        case .none:
            break
        }
        if let login = settings.loginOptions { options.set(CURLOPT_LOGIN_OPTIONS, login) }
    }

    // MARK: raw access on a CONNECT_ONLY connection (IMAP IDLE)

    /// The connection's socket (CURLINFO_ACTIVESOCKET), or -1.
    var activeSocket: Int32 {
        var socket = curl_socket_t(-1)
        _ = ccurl_getinfo_socket(handle, CURLINFO_ACTIVESOCKET, &socket)
        return socket
    }

    /// Sends bytes on a CONNECT_ONLY connection; returns a CURLcode (0 = all sent).
    func send(_ bytes: [UInt8], timeoutMilliseconds: Int32) -> Int {
        var offset = 0
        while offset < bytes.count {
            var sent = 0
            let code = bytes.withUnsafeBytes { raw in
                curl_easy_send(handle, raw.baseAddress! + offset, raw.count - offset, &sent)
            }
            if code == CURLE_AGAIN {
                guard waitForSocket(events: Int16(POLLOUT), timeoutMilliseconds: timeoutMilliseconds) else {
                    return Int(CURLE_OPERATION_TIMEDOUT.rawValue)
                }
                continue
            }
            guard code == CURLE_OK else { return Int(code.rawValue) }
            offset += sent
        }
        return 0
    }

    /// Receives what is available on a CONNECT_ONLY connection, waiting up to the timeout.
    enum ReceiveResult { case bytes([UInt8]), timedOut, closed, failed(Int) }

    /// Receives what is available on a CONNECT_ONLY connection, waiting up to `timeoutMilliseconds`.
    func receive(timeoutMilliseconds: Int32) -> ReceiveResult {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            var received = 0
            let code = buffer.withUnsafeMutableBytes { raw in
                curl_easy_recv(handle, raw.baseAddress!, raw.count, &received)
            }
            if code == CURLE_AGAIN {
                guard waitForSocket(events: Int16(POLLIN), timeoutMilliseconds: timeoutMilliseconds) else {
                    return .timedOut
                }
                continue
            }
            guard code == CURLE_OK else { return .failed(Int(code.rawValue)) }
            return received == 0 ? .closed : .bytes(Array(buffer[0..<received]))
        }
    }

    private func waitForSocket(events: Int16, timeoutMilliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: activeSocket, events: events, revents: 0)
        while true {
            let ready = poll(&descriptor, 1, timeoutMilliseconds)
            if ready < 0 && errno == EINTR { continue }
            return ready > 0
        }
    }
}

extension Duration {
    /// Whole milliseconds (rounded down), for libcurl's *_MS options.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
