/// Chooses which leaves of a MIME tree form the readable body, and which are attachments.
///
/// multipart/alternative prefers a non-empty text/plain (then HTML, then the last part); multipart/related
/// uses its root (the `start` part or the first); multipart/signed and multipart/report use their first part;
/// multipart/mixed takes every inline text part. Leaves not used as the body are attachments, except the
/// text renderings of an alternative that was not chosen.
struct BodySelector {
    private(set) var textParts: [MIMEPart] = []
    private(set) var attachments: [Attachment] = []

    private enum Mode {
        case body
        case attachment
        case discardedAlternative
    }

    init(root: MIMEPart) {
        walk(root, .body)
    }

    private mutating func walk(_ part: MIMEPart, _ mode: Mode) {
        switch part.body {
        case .leaf:
            if mode == .body, Self.isInlineText(part) {
                textParts.append(part)
            } else if mode == .discardedAlternative, part.contentType.type == "text",
                part.disposition?.isAttachment != true
            {
                return
            } else {
                attachments.append(Self.attachment(part))
            }
        case .message:
            attachments.append(Self.attachment(part))
        case .multipart(let parts, _, _):
            walkMultipart(part.contentType, parts, mode)
        }
    }

    private mutating func walkMultipart(_ type: MediaType, _ parts: [MIMEPart], _ mode: Mode) {
        guard !parts.isEmpty else { return }
        guard mode == .body else {
            for child in parts { walk(child, mode) }
            return
        }
        switch type.subtype {
        case "alternative":
            let chosen = Self.preferredAlternative(parts)
            for (index, child) in parts.enumerated() {
                walk(child, index == chosen ? .body : .discardedAlternative)
            }
        case "related":
            let start = type.parameters["start"].map { $0.trimmed(["<", ">", " "]) }
            let root = parts.firstIndex { start != nil && $0.contentID == start } ?? 0
            for (index, child) in parts.enumerated() { walk(child, index == root ? .body : .attachment) }
        case "signed", "report", "encrypted":
            for (index, child) in parts.enumerated() { walk(child, index == 0 ? .body : .attachment) }
        default:
            var tookMultipart = false
            for child in parts {
                if Self.isInlineText(child) {
                    walk(child, .body)
                } else if child.contentType.isMultipart, !tookMultipart {
                    tookMultipart = true
                    walk(child, .body)
                } else {
                    walk(child, .attachment)
                }
            }
        }
    }

    /// The index of the alternative to read: a non-empty text/plain, else HTML, else the last part.
    private static func preferredAlternative(_ parts: [MIMEPart]) -> Int {
        func has(_ subtype: String, _ part: MIMEPart) -> Bool {
            switch part.body {
            case .leaf(let bytes):
                return part.contentType.type == "text" && part.contentType.subtype == subtype
                    && bytes.contains { !$0.isASCIIWhitespace }
            case .multipart(let children, _, _):
                return children.contains { has(subtype, $0) }
            case .message:
                return false
            }
        }
        if let plain = parts.firstIndex(where: { has("plain", $0) }) { return plain }
        if let html = parts.firstIndex(where: { has("html", $0) }) { return html }
        return parts.count - 1
    }

    static func isInlineText(_ part: MIMEPart) -> Bool {
        guard case .leaf = part.body, part.contentType.type == "text" else { return false }
        switch part.contentType.subtype {
        case "plain", "html", "enriched", "richtext": break
        default: return false
        }
        // An explicit inline disposition is shown as body even with a file name; without a disposition, a
        // named text part is a file.
        guard let disposition = part.disposition else { return part.filename == nil }
        return !disposition.isAttachment
    }

    static func attachment(_ part: MIMEPart) -> Attachment {
        Attachment(
            filename: part.filename, contentType: part.contentType.mimeType, contentID: part.contentID,
            disposition: part.disposition?.type, bytes: part.content)
    }
}
