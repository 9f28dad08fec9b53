import MailTransport
import MailroomCore

/// ``MailSender`` into a Maildir (the demo's embedded default, or a local MTA's pickup): one file per message,
/// named after its outbox row and Message-ID (`mailroom.000000000042.<id>`, in the order they were queued) so a
/// re-send after a crash is not written twice, written through tmp/ and linked
/// into new/, with the envelope as `X-Envelope-From`/`X-Envelope-To` lines on top. A folder we may not write is
/// our own setup's fault: the message is kept (`blocked`), not failed.
final class MaildirMailSender: MailSender {
    private let sink: MaildirSink

    init(path: String) throws {
        sink = try MaildirSink(directory: path)
    }

    func send(_ mail: OutgoingMail) async -> Delivery {
        let envelope = mail.envelope
        let head =
            "X-Envelope-From: <\(envelope.from)>\r\nX-Envelope-To: \(envelope.recipients.joined(separator: ", "))\r\n"
        do {
            let key =
                "\(String(repeating: "0", count: max(0, 12 - String(mail.outboxID).count)))\(mail.outboxID)."
                + mail.messageID
            try sink.deliverOnce(Array(head.utf8) + mail.raw, key: key, checkCurrent: mail.attempt > 1)
            return .sent
        } catch {
            if error.isConfigurationProblem { return .blocked(reason: error.message) }
            return error.isTransient ? .deferred(reason: error.message) : .failed(reason: error.message)
        }
    }
}
