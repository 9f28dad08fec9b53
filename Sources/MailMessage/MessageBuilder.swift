/// Renders an ``OutgoingMessage`` into RFC 5322 / MIME bytes (see ``OutgoingMessage/render(using:)``).
///
/// Header order: From, To, Cc, Reply-To, Subject, Date, Message-ID, In-Reply-To, References, the extra
/// fields, MIME-Version, then the Content-* fields of the top-level part. Bcc is never written.
enum MessageBuilder {
    static let crlf: [UInt8] = [0x0D, 0x0A]

    /// Field names the builder writes itself; extra fields may not use them (nor any `Content-*`).
    static let reservedNames: Set<String> = [
        "from", "to", "cc", "bcc", "reply-to", "subject", "date", "message-id", "in-reply-to", "references",
        "mime-version",
    ]

    /// The whole message.
    static func render<G: RandomNumberGenerator>(_ message: OutgoingMessage, using generator: inout G) throws
        -> [UInt8]
    {
        var out = Array(try headerFields(message).utf8)
        let body = try PartTree.body(of: message)
        let rendered = try body.render(using: &generator)
        out += Array("MIME-Version: 1.0\r\n".utf8)
        out += Array(rendered.header.utf8)
        out += crlf
        out += rendered.body
        if !out.suffix(2).elementsEqual(crlf) { out += crlf }
        return out
    }

    /// The message's own header fields, folded, each ending in CR LF.
    static func headerFields(_ message: OutgoingMessage) throws -> String {
        var fields = try addressField("From", [message.from], field: "from")
        for bcc in message.bcc { try Address.validate(bcc.address, field: "bcc") }
        if !message.to.isEmpty { fields += try addressField("To", message.to, field: "to") }
        if !message.cc.isEmpty { fields += try addressField("Cc", message.cc, field: "cc") }
        if !message.replyTo.isEmpty { fields += try addressField("Reply-To", message.replyTo, field: "reply-to") }
        let subject = message.subject.trimmed([" ", "\t"])
        if !subject.isEmpty {
            var folder = HeaderFolder(name: "Subject")
            folder.appendUnstructured(subject)
            fields += folder.finish()
        }
        fields += "Date: " + RFC5322DateFormatter.string(from: message.date, utcOffset: message.utcOffset) + "\r\n"
        fields += try idField("Message-ID", [message.messageID], field: "message-id")
        if let inReplyTo = message.inReplyTo {
            fields += try idField("In-Reply-To", [inReplyTo], field: "in-reply-to")
        }
        if !message.references.isEmpty {
            fields += try idField("References", message.references, field: "references")
        }
        for (index, extra) in message.extraFields.enumerated() {
            fields += try extraField(extra, field: "extra-field[\(index)]")
        }
        return fields
    }

    static func addressField(_ name: String, _ addresses: [Address], field: String) throws -> String {
        var folder = HeaderFolder(name: name)
        try Address.appendList(addresses, to: &folder, field: field)
        return folder.finish()
    }

    static func idField(_ name: String, _ ids: [String], field: String) throws -> String {
        var folder = HeaderFolder(name: name)
        for id in ids {
            guard MessageID.isValid(id) else { throw BuildError.invalidMessageID(field) }
            folder.append("<\(id)>")
        }
        return folder.finish()
    }

    /// An extra field: the name must be printable ASCII without a colon and not reserved; the value
    /// printable ASCII and tabs (no CR, LF or other controls), folded at its white space.
    static func extraField(_ extra: HeaderField, field: String) throws -> String {
        let name = Array(extra.name.utf8)
        guard !name.isEmpty, name.count <= 76, name.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E && $0 != 0x3A }) else {
            throw BuildError.invalidHeaderName(field)
        }
        let lowered = extra.name.lowercased()
        guard !reservedNames.contains(lowered), !lowered.hasPrefix("content-") else {
            throw BuildError.reservedHeaderName(field)
        }
        guard extra.value.utf8.allSatisfy({ ($0 >= 0x20 && $0 <= 0x7E) || $0 == 0x09 }) else {
            throw BuildError.invalidHeaderValue(field)
        }
        let pieces = HeaderFolder.split(extra.value)
        guard pieces.allSatisfy({ $0.separator.utf8.count + $0.word.utf8.count <= 900 }) else {
            throw BuildError.invalidHeaderValue(field)
        }
        var folder = HeaderFolder(name: extra.name)
        folder.appendWords(extra.value)
        return folder.finish()
    }

    /// `text` with every line ending (CR LF, bare LF, bare CR) as CR LF, and a final CR LF when not empty.
    /// Runs between bare line ends are copied whole (byte by byte, it cost 8 instructions a byte).
    static func normalizedLines(_ bytes: [UInt8], finalBreak: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 32 + 2)
        bytes.withUnsafeBufferPointer { input in
            var runStart = 0
            var index = 0
            while index < input.count {
                let byte = input[index]
                guard byte == 0x0D || byte == 0x0A else {
                    index += 1
                    continue
                }
                if byte == 0x0D, index + 1 < input.count, input[index + 1] == 0x0A {
                    index += 2  // already CR LF: part of the run
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index]))
                out += crlf
                index += 1
                runStart = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<input.count]))
        }
        if finalBreak, out.count >= 1, !(out.count >= 2 && out[out.count - 2] == 0x0D && out[out.count - 1] == 0x0A) {
            out += crlf
        }
        return out
    }

    /// A Content-* field: `value; p1; p2` where each parameter is one or more tokens to fold between.
    static func contentField(_ name: String, _ value: String, _ parameters: [[String]] = []) -> String {
        var folder = HeaderFolder(name: name)
        folder.append(value + (parameters.isEmpty ? "" : ";"))
        for (index, tokens) in parameters.enumerated() {
            for (position, token) in tokens.enumerated() {
                let isEnd = position == tokens.count - 1 && index < parameters.count - 1
                folder.append(token + (isEnd ? ";" : ""))
            }
        }
        return folder.finish()
    }
}
