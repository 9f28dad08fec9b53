/// Turns one finished libcurl SMTP transfer into per-recipient results (pure: unit-tested with transcripts).
struct SMTPOutcome {
    var server: String
    var username: String?
    var recipients: [String]
    var transfer: CurlTransfer

    /// A connection failure before any recipient got an answer: sending again cannot duplicate the message.
    var isSafeToRetry: Bool {
        [52, 55, 56].contains(transfer.code)
            && SMTPTranscript(transfer.transcript).recipientReplies.allSatisfy { $0 == nil }
    }

    func result() -> SMTPResult {
        let transcript = SMTPTranscript(transfer.transcript)
        let replies = transcript.recipientReplies
        // Failed before any RCPT was answered: connection, TLS, login or MAIL FROM. Every recipient shares it.
        guard replies.contains(where: { $0 != nil }) else {
            let error = envelopeError(transcript)
            return SMTPResult(recipients: recipients.map { .init(address: $0, delivery: fate(error)) }, error: error)
        }
        let messageError = self.messageError(transcript)
        var results: [SMTPRecipientResult] = []
        for (index, address) in recipients.enumerated() {
            let reply = index < replies.count ? replies[index] : nil
            results.append(.init(address: address, delivery: delivery(address, reply, messageError, transcript)))
        }
        return SMTPResult(recipients: results, error: messageError)
    }

    private func delivery(
        _ address: String, _ reply: SMTPTranscript.Reply?, _ messageError: TransportError?,
        _ transcript: SMTPTranscript
    ) -> SMTPDelivery {
        guard let reply else {
            return .deferred(
                messageError
                    ?? TransportError(
                        .connectionLost, transient: true,
                        message: "SMTP on \(server): no answer to RCPT TO:<\(address)>."))
        }
        guard reply.isPositive else {
            let verb = reply.isTransient ? "deferred" : "refused"
            return fate(
                TransportError(
                    .recipientRejected, transient: reply.isTransient,
                    message: "SMTP server \(server) \(verb) recipient <\(address)>: \(reply.text)",
                    replyCode: reply.code, serverResponse: reply.text))
        }
        if let messageError { return fate(messageError) }
        return .delivered(reply: transcript.dataReplies?.last?.text ?? "")
    }

    /// The failure after the recipients: DATA refused, the message refused, or the connection lost meanwhile.
    private func messageError(_ transcript: SMTPTranscript) -> TransportError? {
        if let data = transcript.dataReplies, let last = data.last, data.count == 2, last.isPositive,
            transfer.code == 0 || transfer.code == 55
        {
            return nil
        }
        if let data = transcript.dataReplies, let refusal = data.last(where: { !$0.isPositive }) {
            return TransportError(
                .messageRejected, transient: refusal.isTransient,
                message: "SMTP server \(server) refused the message after DATA: \(refusal.text)",
                curlCode: transfer.code, replyCode: refusal.code, serverResponse: refusal.text)
        }
        if transcript.dataReplies == nil, transcript.recipientReplies.allSatisfy({ $0?.isPositive != true }) {
            return nil  // every recipient refused: each carries its own reply
        }
        return curlError(transcript)
    }

    /// The failure before recipients: a refused MAIL FROM, or whatever libcurl reported.
    private func envelopeError(_ transcript: SMTPTranscript) -> TransportError {
        if let reply = transcript.mailFromReply, !reply.isPositive {
            return TransportError(
                .messageRejected, transient: reply.isTransient,
                message: "SMTP server \(server) refused the envelope sender: \(reply.text)",
                curlCode: transfer.code, replyCode: reply.code, serverResponse: reply.text)
        }
        return curlError(transcript)
    }

    private func curlError(_ transcript: SMTPTranscript) -> TransportError {
        let code = transfer.code == 0 ? 56 : transfer.code  // OK without a final reply: treat as lost
        return TransportError.fromCurl(
            code: code, errorText: transfer.errorText, transcript: transfer.transcript,
            context: FailureContext(
                protocolName: "SMTP", server: server, username: username, operation: "send", mailbox: nil))
    }

    private func fate(_ error: TransportError) -> SMTPDelivery {
        error.isTransient ? .deferred(error) : .rejected(error)
    }
}
