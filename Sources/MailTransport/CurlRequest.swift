/// The connection options shared by every request on one handle (they must stay identical for libcurl to reuse
/// the open connection).
struct CurlSettings: Sendable {
    var credentials: Credentials
    var authMechanism: AuthMechanism
    var tls: TLSPolicy
    var caFile: String?
    var connectTimeout: Duration
    var operationTimeout: Duration
    /// CURLOPT_MAXAGE_CONN: the longest an idle connection is reused (IMAP servers keep idle sessions for at least
    /// 30 minutes, RFC 3501; SMTP servers drop them after about 5, RFC 5321).
    var maxIdleReuse: Duration
    /// CURLOPT_BUFFERSIZE: libcurl's receive buffer, allocated per handle. IMAP needs 512 KiB: libcurl strips
    /// response lines longer than half of it (a long `* SEARCH` line). SMTP reply lines are at most 512 bytes
    /// (RFC 5321 4.5.3.1.5), so 64 KiB is ample and saves 448 KiB per SMTP connection.
    var receiveBufferSize = 512 * 1024

    /// CURLOPT_LOGIN_OPTIONS: forces a SASL mechanism (`AUTH=PLAIN`), or nil for libcurl's choice.
    var loginOptions: String? {
        if case .oauth2 = credentials { return "AUTH=XOAUTH2" }
        switch authMechanism {
        case .automatic: return nil
        case .plain: return "AUTH=PLAIN"
        case .login: return "AUTH=LOGIN"
        }
    }
}

/// One libcurl transfer to perform.
struct CurlRequest {
    var url: String
    /// CURLOPT_CUSTOMREQUEST: a raw IMAP command without its tag.
    var customRequest: String?
    /// Bytes to upload (SMTP DATA).
    var upload: [UInt8]?
    /// SMTP envelope sender, already in angle brackets.
    var mailFrom: String?
    /// SMTP envelope recipients, already in angle brackets.
    var mailRecipients: [String] = []
    /// Aborts the transfer once the body grows past this many bytes.
    var bodyLimit: Int?
    /// Bytes to reserve for the body (a known message size).
    var expectedBodySize: Int?
    /// CURLOPT_CONNECT_ONLY: connect (and, for IMAP, log in) and stop.
    var connectOnly = false

    init(url: String, customRequest: String? = nil) {
        self.url = url
        self.customRequest = customRequest
    }
}

/// One line of the protocol conversation, as libcurl's debug callback saw it.
///
/// Outgoing lines are recorded only as far as they carry no secret: the tag and verb of IMAP commands, and the
/// SMTP commands MAIL, RCPT, DATA, EHLO, HELO, STARTTLS, RSET and QUIT. Authentication exchanges are never kept.
struct TranscriptLine: Sendable, Equatable {
    enum Direction: Sendable { case sent, received }
    var direction: Direction
    var text: String
}

/// What a finished transfer produced.
struct CurlTransfer: Sendable {
    /// The CURLcode (0 = CURLE_OK).
    var code: Int
    /// The write-callback bytes: a fetched message, or the untagged lines of a custom IMAP command.
    var body: [UInt8]
    /// The protocol status lines and commands, in order (see `TranscriptLine`).
    var transcript: [TranscriptLine]
    /// libcurl's error buffer, and its last informational lines, for a person.
    var errorText: String
    /// CURLINFO_NUM_CONNECTS: how many new connections this transfer opened (0 = reused).
    var newConnections: Int
    /// The transfer was aborted because the body grew past `CurlRequest.bodyLimit`.
    var bodyLimitExceeded: Bool

    var succeeded: Bool { code == 0 }

    /// The received lines, most recent last.
    var receivedLines: [String] {
        transcript.filter { $0.direction == .received }.map(\.text)
    }
}
