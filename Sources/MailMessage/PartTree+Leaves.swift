extension PartTree {
    /// The MIME structure for a message: text; or multipart/alternative (text, HTML), where the HTML part
    /// becomes multipart/related when inline attachments with a content id go with it; wrapped in
    /// multipart/mixed with the other attachments and the attached messages, when there are any.
    static func body(of message: OutgoingMessage) throws -> PartTree {
        var body = textLeaf(message.textBody, subtype: "plain")
        var related: [PartTree] = []
        var mixed: [PartTree] = []
        for (index, attachment) in message.attachments.enumerated() {
            let leaf = try attachmentLeaf(attachment, field: "attachment[\(index)]")
            let isInline = (attachment.disposition ?? "attachment").lowercased() == "inline"
            if message.htmlBody != nil, isInline, attachment.contentID != nil {
                related.append(leaf)
            } else {
                mixed.append(leaf)
            }
        }
        if let html = message.htmlBody {
            var htmlPart = textLeaf(html, subtype: "html")
            if !related.isEmpty {
                htmlPart = .multipart(
                    subtype: "related", parameters: ["type=\"text/html\""], parts: [htmlPart] + related)
            }
            body = .multipart(subtype: "alternative", parameters: [], parts: [body, htmlPart])
        }
        mixed += message.attachedMessages.map(messageLeaf)
        guard !mixed.isEmpty else { return body }
        return .multipart(subtype: "mixed", parameters: [], parts: [body] + mixed)
    }

    /// A UTF-8 text part: line endings made CR LF, then 7bit, quoted-printable or base64 by content.
    static func textLeaf(_ text: String, subtype: String) -> PartTree {
        let bytes = MessageBuilder.normalizedLines(Array(text.utf8), finalBreak: true)
        let choice = TransferEncoding.choose(for: bytes)
        let header =
            MessageBuilder.contentField("Content-Type", "text/\(subtype)", [["charset=utf-8"]])
            + MessageBuilder.contentField("Content-Transfer-Encoding", choice.rawValue)
        return .leaf(header: header, body: encode(bytes, choice))
    }

    /// A file: its bytes kept exactly (7bit only when already in canonical form, else QP or base64).
    static func attachmentLeaf(_ attachment: Attachment, field: String) throws -> PartTree {
        let mediaType = attachment.contentType.lowercased()
        guard isMediaType(mediaType) else { throw BuildError.invalidContentType("\(field).content-type") }
        let disposition = (attachment.disposition ?? "attachment").lowercased()
        guard disposition == "attachment" || disposition == "inline" else {
            throw BuildError.invalidDisposition("\(field).disposition")
        }
        if let id = attachment.contentID, !MessageID.isValid(id) {
            throw BuildError.invalidMessageID("\(field).content-id")
        }
        var typeParameters: [[String]] = []
        var dispositionParameters: [[String]] = []
        if mediaType.hasPrefix("text/"), attachment.bytes.contains(where: { $0 >= 0x80 }),
            Charset.validUTF8(attachment.bytes) != nil
        {
            typeParameters.append(["charset=utf-8"])
        }
        if let filename = attachment.filename, !filename.isEmpty {
            typeParameters.append(MIMEParameterWriter.nameTokens(filename))
            dispositionParameters += MIMEParameterWriter.filenameParameters(filename).map { [$0] }
        }
        let choice = TransferEncoding.choose(for: attachment.bytes)
        var header =
            MessageBuilder.contentField("Content-Type", mediaType, typeParameters)
            + MessageBuilder.contentField("Content-Transfer-Encoding", choice.rawValue)
            + MessageBuilder.contentField("Content-Disposition", disposition, dispositionParameters)
        if let id = attachment.contentID { header += "Content-ID: <\(id)>\r\n" }
        return .leaf(header: header, body: encode(attachment.bytes, choice))
    }

    /// An attached message as `message/rfc822`, 7bit or 8bit with CR LF line endings (RFC 2046 5.2.1 allows
    /// no other encoding). A message that cannot go that way (a line over 998 octets, or NUL) is attached
    /// as `application/octet-stream` named `original.eml`, base64 of its exact bytes, so nothing is lost.
    static func messageLeaf(_ raw: [UInt8]) -> PartTree {
        let bytes = MessageBuilder.normalizedLines(raw, finalBreak: false)
        guard TransferEncoding.canSendUnencoded(bytes, allowEightBit: true) else {
            let header =
                MessageBuilder.contentField("Content-Type", "application/octet-stream", [["name=\"original.eml\""]])
                + MessageBuilder.contentField("Content-Transfer-Encoding", "base64")
                + MessageBuilder.contentField("Content-Disposition", "attachment", [["filename=\"original.eml\""]])
            return .leaf(header: header, body: TransferEncoding.encodeBase64(raw))
        }
        let choice: TransferEncoding.Choice = bytes.allSatisfy { $0 < 0x80 } ? .sevenBit : .eightBit
        let header =
            MessageBuilder.contentField("Content-Type", "message/rfc822")
            + MessageBuilder.contentField("Content-Transfer-Encoding", choice.rawValue)
            + MessageBuilder.contentField("Content-Disposition", "attachment")
        return .leaf(header: header, body: bytes)
    }

    static func encode(_ bytes: [UInt8], _ choice: TransferEncoding.Choice) -> [UInt8] {
        switch choice {
        case .sevenBit, .eightBit: return bytes
        case .quotedPrintable: return TransferEncoding.encodeQuotedPrintable(bytes)
        case .base64: return TransferEncoding.encodeBase64(bytes)
        }
    }

    /// `type/subtype`, each a non-empty RFC 2045 token, at most 127 characters in all.
    static func isMediaType(_ text: String) -> Bool {
        let pieces = text.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard text.utf8.count <= 127, pieces.count == 2 else { return false }
        return pieces.allSatisfy { piece in
            !piece.isEmpty && piece.allSatisfy { $0 > 0x20 && $0 < 0x7F && !"()<>@,;:\\\"/[]?=".utf8.contains($0) }
        }
    }
}
