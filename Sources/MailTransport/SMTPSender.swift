/// Sends messages over one reused SMTP connection, through libcurl.
///
/// The envelope (sender and recipients) is given apart from the message's own headers. Each call returns what
/// happened to every recipient: delivered, deferred (4xx, connection failures: retry later) or rejected (5xx:
/// give up and tell a person). All libcurl calls run on the sender's own dedicated thread.
public actor SMTPSender {
    /// The configuration the sender was created with.
    public nonisolated let configuration: SMTPConfiguration
    /// The actor's executor: a dedicated thread for the blocking libcurl calls.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private let executor = DedicatedThreadExecutor(name: "smtp")
    private let server: String
    private var curl: CurlEasy?
    /// How many connections this sender has opened so far.
    public private(set) var connectionsOpened = 0

    /// Creates a sender; nothing is connected until the first message.
    ///
    /// Throws `TransportError.invalidConfiguration` when the URL is not an smtp:// or smtps:// server URL.
    public init(configuration: SMTPConfiguration) throws(TransportError) {
        self.configuration = configuration
        server = try configuration.serverURL()
    }

    /// Closes the connection (QUIT); the next message opens a new one.
    public func close() {
        curl = nil
    }

    /// Sends `message` (RFC 5322 bytes; bare LF line ends are turned into CRLF) from the envelope sender `from`
    /// (empty for the null sender `<>` of bounces) to each envelope recipient.
    public func send(from: String, recipients: [String], message: [UInt8]) async -> SMTPResult {
        if let problem = SMTPSender.envelopeProblem(from: from, recipients: recipients) {
            let error = TransportError(.invalidConfiguration, transient: false, message: "SMTP envelope: \(problem).")
            return SMTPResult(
                recipients: recipients.map { .init(address: $0, delivery: .rejected(error)) }, error: error)
        }
        let url = server + (configuration.heloName.map { "/" + ServerURL.percentEncode($0) } ?? "")
        var request = CurlRequest(url: url)
        request.mailFrom = "<\(from)>"
        request.mailRecipients = recipients.map { "<\($0)>" }
        request.upload = SMTPSender.normalizedLineEndings(message)
        var outcome = attempt(request, recipients: recipients)
        // A reused connection the server had closed fails before any recipient was answered: once more, afresh.
        if case .success(let first) = outcome, first.isSafeToRetry {
            outcome = attempt(request, recipients: recipients)
        }
        switch outcome {
        case .success(let finished): return finished.result()
        case .failure(let error):
            return SMTPResult(
                recipients: recipients.map { .init(address: $0, delivery: .deferred(error)) }, error: error)
        }
    }

    private func attempt(_ request: CurlRequest, recipients: [String]) -> Result<SMTPOutcome, TransportError> {
        let handle: CurlEasy
        if let curl {
            handle = curl
        } else {
            do throws(TransportError) {
                handle = try CurlEasy(settings: configuration.settings)
            } catch {
                return .failure(error)
            }
            curl = handle
        }
        let transfer = handle.perform(request)
        connectionsOpened += transfer.newConnections
        return .success(
            SMTPOutcome(
                server: server, username: configuration.credentials.username, recipients: recipients,
                transfer: transfer))
    }

    /// What is wrong with an envelope, or nil when it can be sent.
    static func envelopeProblem(from: String, recipients: [String]) -> String? {
        if recipients.isEmpty { return "there is no recipient" }
        if let invalid = ([from] + recipients).first(where: { !isValidAddress($0) }) {
            return "the address \"\(invalid)\" is not valid"
        }
        return nil
    }

    /// An address is usable in the envelope when it has no angle brackets, spaces or line breaks (LF, VT, FF, CR,
    /// NEL, U+2028, U+2029), and is shorter than 320 bytes. Read on the bytes; only text that is not ASCII is
    /// looked at again, for the line breaks outside ASCII. A bracket or space followed by a combining mark counts:
    /// the check read characters, and `<` with an accent on it was not `<`.
    static func isValidAddress(_ address: String) -> Bool {
        guard address.utf8.count < 320 else { return false }
        var ascii = true
        for byte in address.utf8 {
            switch byte {
            case 0x80...: ascii = false
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: " "), 0x0A...0x0D: return false
            default: continue
            }
        }
        return ascii || !address.unicodeScalars.contains { $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }

    /// Turns bare LF and bare CR into CRLF (libcurl dot-stuffs only after CRLF); CRLF input is returned as is.
    static func normalizedLineEndings(_ bytes: [UInt8]) -> [UInt8] {
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        var clean = true
        for index in bytes.indices where bytes[index] == cr || bytes[index] == lf {
            let isPairStart = bytes[index] == cr && index + 1 < bytes.count && bytes[index + 1] == lf
            let isPairEnd = bytes[index] == lf && index > 0 && bytes[index - 1] == cr
            if !isPairStart && !isPairEnd {
                clean = false
                break
            }
        }
        if clean { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 20)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == cr || byte == lf {
                output += [cr, lf]
                index += (byte == cr && index + 1 < bytes.count && bytes[index + 1] == lf) ? 2 : 1
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }
}
