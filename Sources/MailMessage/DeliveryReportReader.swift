/// Extracts a ``DeliveryReport`` from a bounce: the DSN fields, X-Failed-Recipients, and the bounced
/// message's Message-ID (from an attached message, a text/rfc822-headers part, or headers quoted in the text).
enum DeliveryReportReader {
    static func read(_ message: Message) -> DeliveryReport {
        var recipients: [DeliveryReport.Recipient] = []
        var originalID: String?
        message.visitLeaves(message.root) { part in
            switch part.contentType.mimeType {
            case "message/delivery-status", "message/global-delivery-status":
                if let text = part.decodedText?.text { recipients += DeliveryReport.parseStatusFields(text) }
            case "text/rfc822-headers", "message/rfc822-headers", "text/rfc822-header":
                if originalID == nil, let text = part.decodedText?.text { originalID = messageID(inHeaders: text) }
            case "message/rfc822", "message/global":
                if originalID == nil, case .message(let inner, _) = part.body { originalID = inner.messageID }
            default:
                break
            }
        }
        if originalID == nil { originalID = messageID(inHeaders: message.textBody, quoted: true) }
        var failed = recipients.filter { $0.action == "failed" }.map(\.address)
        if let header = message.header["X-Failed-Recipients"] {
            failed += header.split(separator: ",").map { $0.trimmed() }.filter { !$0.isEmpty }
        }
        var seen: Set<String> = []
        failed = failed.filter { seen.insert($0.lowercased()).inserted }
        return DeliveryReport(recipients: recipients, failedRecipients: failed, originalMessageID: originalID)
    }

    /// The first `Message-ID:` line in header text; with `quoted`, anywhere in a body that quotes headers.
    private static func messageID(inHeaders text: String, quoted: Bool = false) -> String? {
        for line in text.split(separator: "\n") {
            let trimmed = quoted ? line.drop { $0 == " " || $0 == ">" || $0 == "\t" } : line[...]
            guard trimmed.count > 11, trimmed.prefix(11).lowercased() == "message-id:" else { continue }
            if let id = MessageIDParser.ids(in: String(trimmed.dropFirst(11))).first { return id }
        }
        return nil
    }
}

extension Message {
    /// For bounces and delay notices: the failed recipients and the bounced message's id; nil otherwise.
    public var deliveryReport: DeliveryReport? { deliveryReport(kind: kind) }

    /// The same for a message whose kind is known already (`kind` classifies the whole message again).
    public func deliveryReport(kind: MessageKind) -> DeliveryReport? {
        switch kind {
        case .bounce, .delayNotice: DeliveryReportReader.read(self)
        default: nil
        }
    }
}
