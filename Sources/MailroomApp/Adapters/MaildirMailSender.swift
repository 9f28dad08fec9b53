import MailTransport
import MailroomCore

/// ``MailSender`` into a Maildir (the demo's embedded default, or a local MTA's pickup): one file per message,
/// written through tmp/ and renamed, with the envelope as `X-Envelope-From`/`X-Envelope-To` lines on top.
final class MaildirMailSender: MailSender {
    private let sink: MaildirSink

    init(path: String) throws {
        sink = try MaildirSink(directory: path)
    }

    func send(_ message: [UInt8], envelope: Envelope) async -> Delivery {
        let head =
            "X-Envelope-From: <\(envelope.from)>\r\nX-Envelope-To: \(envelope.recipients.joined(separator: ", "))\r\n"
        do {
            _ = try sink.deliver(Array(head.utf8) + message)
            return .sent
        } catch {
            return error.isTransient ? .deferred(reason: error.message) : .failed(reason: error.message)
        }
    }
}
