extension MIMEPart {
    /// The leaf decoded to text with its declared charset (format=flowed joined, BOM removed, LF line ends),
    /// or nil for non-leaf parts.
    public var decodedText: Charset.Decoded? { decodedText(maximumBytes: nil) }

    /// Like ``decodedText``, from at most the first `maximumBytes` bytes of the leaf (cut after the last line
    /// break before the limit, so no character is split), for callers that need only the start of a huge text.
    public func decodedText(maximumBytes: Int?) -> Charset.Decoded? {
        guard case .leaf(let all) = body else { return nil }
        let bytes = Self.prefix(all, maximumBytes: maximumBytes, charset: contentType.charset)
        var decoded = Charset.decode(bytes, label: contentType.charset)
        decoded.text = Self.normalizeLineEnds(decoded.text)
        if contentType.subtype == "plain", contentType.parameters["format"]?.lowercased() == "flowed" {
            decoded.text = FlowedText.unwrap(
                decoded.text, deleteSpace: contentType.parameters["delsp"]?.lowercased() == "yes")
        }
        return decoded
    }

    /// The readable text of a text leaf: plain as is, HTML converted to text, enriched text without markup.
    public var readableText: String? { readableText(maximumBytes: nil) }

    /// Like ``readableText``, from at most the first `maximumBytes` bytes of the leaf.
    public func readableText(maximumBytes: Int?) -> String? {
        guard let decoded = decodedText(maximumBytes: maximumBytes) else { return nil }
        switch contentType.subtype {
        case "html": return HTMLText.toText(decoded.text)
        case "enriched", "richtext": return HTMLText.toText(decoded.text, enriched: true)
        default: return decoded.text
        }
    }

    /// At most `maximumBytes` of `bytes`, ending after a line break when there is one in the last quarter (else at
    /// a UTF-8 character boundary); UTF-16 and UTF-32 text is never cut.
    static func prefix(_ bytes: ArraySlice<UInt8>, maximumBytes: Int?, charset: String?) -> ArraySlice<UInt8> {
        guard let limit = maximumBytes, bytes.count > limit else { return bytes }
        if let label = charset?.lowercased(), label.hasPrefix("utf-16") || label.hasPrefix("utf-32") {
            return bytes
        }
        let start = bytes.startIndex
        var end = start + limit
        if let lineFeed = bytes[(start + limit * 3 / 4)..<end].lastIndex(of: 0x0A) {
            end = lineFeed + 1
        } else {
            while end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        }
        return bytes[start..<end]
    }

    static func normalizeLineEnds(_ text: String) -> String {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard text.utf8.contains(0x0D) else { return text }
        // On bytes: CR LF and a lone CR become LF (neither byte occurs inside a multi-byte UTF-8 sequence).
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingCR = false
        for byte in text.utf8 {
            if pendingCR {
                pendingCR = false
                out.append(0x0A)
                if byte == 0x0A { continue }
            }
            if byte == 0x0D { pendingCR = true } else { out.append(byte) }
        }
        if pendingCR { out.append(0x0A) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// RFC 3676 format=flowed: soft line breaks (a trailing space) are joined, space-stuffing removed.
enum FlowedText {
    static func unwrap(_ text: String, deleteSpace: Bool) -> String {
        var out: [String] = []
        var paragraph = ""
        var paragraphDepth = -1
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine)
            let depth = line.prefix { $0 == ">" }.count
            line = line.dropFirst(depth)
            if line.hasPrefix(" ") { line = line.dropFirst() }  // space-stuffing
            let prefix = depth > 0 ? String(repeating: ">", count: depth) + " " : ""
            let isSignature = line == "-- "
            let soft = line.hasSuffix(" ") && !isSignature
            if paragraphDepth != -1, depth != paragraphDepth {
                out.append(paragraph)
                paragraph = ""
                paragraphDepth = -1
            }
            if paragraphDepth == -1 { paragraph = prefix }
            paragraphDepth = depth
            paragraph += soft && deleteSpace ? String(line.dropLast()) : String(line)
            if !soft {
                out.append(paragraph)
                paragraph = ""
                paragraphDepth = -1
            }
        }
        if paragraphDepth != -1 { out.append(paragraph) }
        return out.joined(separator: "\n")
    }
}
