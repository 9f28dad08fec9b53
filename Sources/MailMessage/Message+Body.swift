extension Message {
    /// The best readable text: text/plain preferred in multipart/alternative, else HTML turned into text;
    /// several inline text parts (multipart/mixed) are joined by a blank line. Line ends are `\n`.
    public var textBody: String { textBody(maximumBytes: nil) }

    /// Like ``textBody``, reading at most the first `maximumBytes` of each text part: for a huge mail, the start
    /// that people read and triage needs, at a cost that does not grow with the mail.
    public func textBody(maximumBytes: Int?) -> String {
        let selection = BodySelector(root: root)
        let texts = selection.textParts.compactMap { $0.readableText(maximumBytes: maximumBytes) }
            .map { $0.trimmedTrailingLines() }
        return texts.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    /// The customer's new text: ``textBody`` without quoted reply history and signature (see ``ReplyText``).
    public var newText: String { ReplyText.newText(textBody) }

    /// Like ``newText``, from ``textBody(maximumBytes:)``.
    public func newText(maximumBytes: Int?) -> String {
        ReplyText.newText(textBody(maximumBytes: maximumBytes))
    }

    /// The HTML of the body when the sender wrote one (the chosen or the alternative rendering), decoded.
    public var htmlBody: String? { htmlBody(maximumBytes: nil) }

    /// Like ``htmlBody``, reading at most the first `maximumBytes` of the HTML part.
    public func htmlBody(maximumBytes: Int?) -> String? {
        var found: String?
        visitLeaves(root) { part in
            if found == nil, BodySelector.isInlineText(part), part.contentType.subtype == "html" {
                found = part.decodedText(maximumBytes: maximumBytes)?.text
            }
        }
        return found
    }

    /// Every part that is not the readable body: files, inline images, embedded messages, report parts.
    public var attachments: [Attachment] {
        BodySelector(root: root).attachments
    }

    /// Calls `body` for every leaf and embedded-message part, depth first, in order.
    public func visitLeaves(_ part: MIMEPart, _ body: (MIMEPart) -> Void) {
        switch part.body {
        case .leaf, .message: body(part)
        case .multipart(let parts, _, _): for child in parts { visitLeaves(child, body) }
        }
    }

    /// Every defect: those found while parsing the structure, while reading header fields, and while decoding
    /// the body text's charset.
    public var allDefects: [Defect] {
        var found = defects + headerDefects
        for part in BodySelector(root: root).textParts {
            if let defect = part.decodedText?.defect { found.append(defect) }
        }
        return found
    }
}

extension String {
    /// The text without trailing spaces, tabs and non-breaking spaces on each line and without leading or
    /// trailing blank lines. One pass over the UTF-8 bytes.
    func trimmedTrailingLines() -> String {
        var text = self
        return text.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingBlankLines = 0
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                var contentEnd = end
                while contentEnd > start {
                    if bytes[contentEnd - 1] == 0x20 || bytes[contentEnd - 1] == 0x09 {
                        contentEnd -= 1
                    } else if contentEnd - 2 >= start, bytes[contentEnd - 2] == 0xC2, bytes[contentEnd - 1] == 0xA0 {
                        contentEnd -= 2
                    } else {
                        break
                    }
                }
                if contentEnd == start {
                    if !out.isEmpty { pendingBlankLines += 1 }
                } else {
                    if !out.isEmpty { out.append(contentsOf: repeatElement(0x0A, count: pendingBlankLines + 1)) }
                    pendingBlankLines = 0
                    out.append(contentsOf: bytes[start..<contentEnd])
                }
                start = end + 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
