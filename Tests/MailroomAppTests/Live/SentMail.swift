import Foundation
import LiveServerSupport
import MailMessage

/// A message the SMTP sink received from the gateway, parsed.
struct SentMail: CustomStringConvertible {
    let file: SinkFile
    let message: Message

    init(_ file: SinkFile) throws {
        self.file = file
        message = try MessageParser.parse(file.message)
    }

    /// The envelope recipients.
    var recipients: [String] { file.envelopeTo }
    /// The Message-ID, without angle brackets.
    var messageID: String { message.messageID ?? "" }
    /// The decoded subject.
    var subject: String { message.subject ?? "" }
    /// A header field's value.
    func header(_ name: String) -> String? { message.header[name]?.trimmingCharacters(in: .whitespaces) }
    /// The text body.
    var text: String { message.textBody }

    /// Recipients, subject and Message-ID (failure messages stay readable).
    var description: String { "mail to \(recipients.joined(separator: ", ")): \"\(subject)\" <\(messageID)>" }

    /// The ticket named by the subject token `[#MR-XXXXXX]`.
    var ticketID: String? {
        guard let open = subject.range(of: "[#", options: .backwards),
            let close = subject[open.upperBound...].firstIndex(of: "]")
        else { return nil }
        return String(subject[open.upperBound..<close])
    }

    /// The bytes of every attached message/rfc822 part.
    var attachedMessages: [[UInt8]] {
        var found: [[UInt8]] = []
        func visit(_ part: MIMEPart) {
            if case .message(_, let raw) = part.body, part.contentType.mimeType == "message/rfc822" {
                found.append(raw)
            }
            part.parts.forEach(visit)
        }
        visit(message.root)
        return found
    }
}

extension Array where Element == SentMail {
    /// Bytes of a message that contain `text`.
    func containing(_ text: String) -> [SentMail] {
        filter { Data($0.file.message).range(of: Data(text.utf8)) != nil }
    }
}
