/// Where a libcurl failure happened, for an error message a person can act on.
struct FailureContext: Sendable {
    /// "IMAP" or "SMTP".
    var protocolName: String
    /// The server URL (no credentials in it).
    var server: String
    /// The username, if any.
    var username: String?
    /// What was being done ("fetch UID 12 from INBOX").
    var operation: String
    /// The mailbox the operation addressed, if any.
    var mailbox: String?
}

extension TransportError {
    /// Maps a libcurl result, with the server's status lines, to a typed error.
    ///
    /// libcurl's codes mislead for IMAP (a missing mailbox is 67 LOGIN_DENIED; a NO to a custom command is 21
    /// QUOTE_ERROR), so the tagged answers in the transcript decide what really failed.
    static func fromCurl(code: Int, errorText: String, transcript: [TranscriptLine], context: FailureContext)
        -> TransportError
    {
        let what = "\(context.protocolName) \(context.operation) on \(context.server)"
        let detail = errorText.isEmpty ? "libcurl error \(code)" : errorText
        switch code {
        case 1, 3:
            return TransportError(
                .invalidConfiguration, transient: false,
                message: "\(what): the URL is not usable (\(detail)).", curlCode: code)
        case 5, 6, 7:
            return TransportError(
                .serverUnreachable, transient: true,
                message: "\(what): the server cannot be reached (\(detail)). Check the host name and port, and "
                    + "that the server is running.", curlCode: code)
        case 28:
            return TransportError(
                .timedOut, transient: true, message: "\(what) timed out (\(detail)).", curlCode: code)
        case 35:
            return TransportError(
                .tlsHandshakeFailed, transient: false,
                message: "\(what): the TLS handshake failed (\(detail)). Check that the URL scheme matches the "
                    + "port (imaps/smtps for implicit TLS ports, imap/smtp with STARTTLS otherwise).", curlCode: code)
        case 51, 60, 83, 90, 91:
            return TransportError(
                .tlsVerificationFailed, transient: false,
                message: "\(what): the server's TLS certificate could not be verified (\(detail)). If the server "
                    + "uses a private CA, set the CA file; never turn verification off.", curlCode: code)
        case 77:
            return TransportError(
                .invalidConfiguration, transient: false,
                message: "\(what): the CA file cannot be read (\(detail)).", curlCode: code)
        case 64:
            return TransportError(
                .tlsUnavailable, transient: false,
                message: "\(what): TLS is required but the server does not offer STARTTLS. Use the implicit-TLS "
                    + "URL (imaps://, smtps://) or ask the server's administrator to enable STARTTLS.",
                curlCode: code)
        case 52, 55, 56, 80:
            return TransportError(
                .connectionLost, transient: true, message: "\(what): the connection was lost (\(detail)).",
                curlCode: code)
        case 42:
            return TransportError(.cancelled, transient: true, message: "\(what) was cancelled.", curlCode: code)
        case 67, 94:
            return loginDenied(code: code, detail: detail, transcript: transcript, context: context)
        case 78 where errorText.uppercased().contains("UIDVALIDITY"):
            return TransportError(
                .uidValidityChanged, transient: false,
                message: "\(what): the mailbox's UIDVALIDITY changed; its stored UIDs are void and it must be "
                    + "scanned again.", curlCode: code)
        case 9, 21, 78:
            return commandRefused(code: code, detail: detail, transcript: transcript, context: context)
        case 8:
            return TransportError(
                .protocolError, transient: false,
                message: "\(what): the server's answer was not understood (\(detail)). Is this really an "
                    + "\(context.protocolName) server?", curlCode: code)
        default:
            return TransportError(
                .protocolError, transient: true, message: "\(what) failed (\(detail)).", curlCode: code)
        }
    }

    /// 67/94: the last refused command tells a refused login from a refused SELECT (a missing mailbox).
    private static func loginDenied(
        code: Int, detail: String, transcript: [TranscriptLine], context: FailureContext
    ) -> TransportError {
        let refusal = lastRefusal(transcript)
        let server = refusal.map { " The server said: \"\($0.answer)\"." } ?? ""
        if let refusal, ["SELECT", "EXAMINE"].contains(refusal.verb) || refusal.code == "NONEXISTENT" {
            return mailboxMissing(context: context, server: server, code: code, answer: refusal.answer)
        }
        let user = context.username.map { " as \"\($0)\"" } ?? ""
        let transient = refusal?.code == "UNAVAILABLE" || refusal?.answer.hasPrefix("454") == true
        return TransportError(
            .authenticationFailed, transient: transient,
            message: "\(context.protocolName) login to \(context.server)\(user) was refused.\(server) "
                + (transient
                    ? "The server reports a temporary problem; it will be retried."
                    : "Check the username and password (or renew the OAuth2 token)."),
            curlCode: code, serverResponse: refusal?.answer)
    }

    /// 9/21/78: a command answered NO or BAD (or a UID that is not there).
    private static func commandRefused(
        code: Int, detail: String, transcript: [TranscriptLine], context: FailureContext
    ) -> TransportError {
        let refusal = lastRefusal(transcript)
        let server = refusal.map { " The server said: \"\($0.answer)\"." } ?? " (\(detail))"
        if refusal?.code == "NONEXISTENT" || refusal?.code == "TRYCREATE" {
            return mailboxMissing(context: context, server: server, code: code, answer: refusal?.answer)
        }
        let transientCodes: Set<String> = ["UNAVAILABLE", "INUSE", "SERVERBUG", "LIMIT", "EXPUNGEISSUED"]
        let transient = refusal.flatMap(\.code).map(transientCodes.contains) ?? false
        let kind: Kind = refusal?.isBad == true ? .protocolError : .commandFailed
        return TransportError(
            kind, transient: transient,
            message: "\(context.protocolName) \(context.operation) on \(context.server) was refused.\(server)",
            curlCode: code, serverResponse: refusal?.answer)
    }

    private static func mailboxMissing(context: FailureContext, server: String, code: Int, answer: String?)
        -> TransportError
    {
        let name = context.mailbox.map { "\"\($0)\"" } ?? "the mailbox"
        return TransportError(
            .mailboxNotFound, transient: false,
            message: "\(context.protocolName) \(context.operation): \(name) does not exist on \(context.server)."
                + "\(server) Create it, or fix the folder name in the configuration.",
            curlCode: code, serverResponse: answer)
    }

    /// The last command the server refused: its verb (from the sent line with the same tag), response code and
    /// answer text. SMTP transcripts have no tags: the last 4xx/5xx line is the answer.
    static func lastRefusal(_ transcript: [TranscriptLine]) -> (
        verb: String?, code: String?, answer: String, isBad: Bool
    )? {
        for (index, line) in transcript.enumerated().reversed() where line.direction == .received {
            if let first = line.text.first, first == "4" || first == "5" {
                return (nil, nil, line.text, false)
            }
            guard let tagged = IMAPResponse.tagged(Substring(line.text)), tagged.status != .ok else { continue }
            let verb = transcript[..<index].last { $0.direction == .sent && $0.text.hasPrefix(tagged.tag + " ") }
                .map { String($0.text.dropFirst(tagged.tag.count + 1)) }
            let answer = "\(tagged.status.rawValue) \(tagged.text)"
            return (verb, tagged.code, answer, tagged.status == .bad)
        }
        return nil
    }
}
