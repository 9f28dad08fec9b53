extension Message {
    /// The best readable text: text/plain preferred in multipart/alternative, else HTML turned into text;
    /// several inline text parts (multipart/mixed) are joined by a blank line. Line ends are `\n`.
    public var textBody: String {
        let selection = BodySelector(root: root)
        let texts = selection.textParts.compactMap(\.readableText).map { $0.trimmedTrailingLines() }
        return texts.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    /// The customer's new text: ``textBody`` without quoted reply history and signature (see ``ReplyText``).
    public var newText: String { ReplyText.newText(textBody) }

    /// The HTML of the body when the sender wrote one (the chosen or the alternative rendering), decoded.
    public var htmlBody: String? {
        var found: String?
        visitLeaves(root) { part in
            if found == nil, BodySelector.isInlineText(part), part.contentType.subtype == "html" {
                found = part.decodedText?.text
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
    /// The text without trailing white space on each line and without leading or trailing blank lines.
    func trimmedTrailingLines() -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmedTrailing() }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        return lines.joined(separator: "\n")
    }
}
