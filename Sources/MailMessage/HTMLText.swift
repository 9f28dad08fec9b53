/// Turns HTML (or text/enriched) into readable plain text: block elements become line breaks, list items get
/// dashes, links keep their target (`text (url)`), `<blockquote>` lines get `> ` (so quoted history can be
/// recognised), script/style/head are dropped, entities decoded, white space collapsed.
public enum HTMLText {
    /// The readable text of `html`; `enriched` reads RFC 1896 text/enriched instead.
    public static func toText(_ html: String, enriched: Bool = false) -> String {
        let bytes = Array(html.utf8)
        var writer = TextWriter()
        var cache = HTMLTag.ScanCache()
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                if enriched, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "<") {
                    writer.text(Array("<".utf8), preserve: false)
                    index += 2
                    continue
                }
                if let tag = HTMLTag.read(bytes, at: index, cache: &cache) {
                    index = tag.end
                    if let skipTo = writer.handle(tag, enriched: enriched, bytes: bytes, from: index) { index = skipTo }
                    continue
                }
            }
            let start = index
            index += 1
            while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
            if enriched {
                writer.enrichedText(Array(bytes[start..<index]))
            } else {
                writer.text(HTMLEntities.decode(bytes[start..<index]), preserve: writer.preformatted > 0)
            }
        }
        return writer.finish()
    }
}

/// One tag: its lowercased name, whether it closes, its attributes, and where it ends.
struct HTMLTag {
    var name: String
    var isClosing: Bool
    var attributes: [String: String]
    var end: Int

    /// Reads a tag, comment or declaration at `start` (a `<`); nil when `<` does not start markup.
    ///
    /// Linear overall: a tag may not contain another `<` (so each attempt stops at the next one), and a
    /// comment whose `-->` is missing is remembered so later comments fail at once.
    static func read(_ bytes: [UInt8], at start: Int, cache: inout ScanCache) -> HTMLTag? {
        var index = start + 1
        guard index < bytes.count else { return nil }
        if bytes.hasPrefix(Array("!--".utf8), at: index, end: bytes.count) {
            guard !cache.noCommentEnd else { return nil }
            var probe = index + 3
            while probe < bytes.count, !bytes.hasPrefix(Array("-->".utf8), at: probe, end: bytes.count) { probe += 1 }
            guard probe < bytes.count else {
                cache.noCommentEnd = true
                return nil
            }
            return HTMLTag(name: "!", isClosing: false, attributes: [:], end: probe + 3)
        }
        if bytes[index] == UInt8(ascii: "!") || bytes[index] == UInt8(ascii: "?") {
            var probe = index
            while probe < bytes.count, bytes[probe] != UInt8(ascii: ">"), bytes[probe] != UInt8(ascii: "<") {
                probe += 1
            }
            guard probe < bytes.count, bytes[probe] == UInt8(ascii: ">") else { return nil }
            return HTMLTag(name: "!", isClosing: false, attributes: [:], end: probe + 1)
        }
        let isClosing = bytes[index] == UInt8(ascii: "/")
        if isClosing { index += 1 }
        let nameStart = index
        while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
        guard index > nameStart else { return nil }
        // The tag ends at the next '>'; another '<' first means this was text.
        var end = index
        while end < bytes.count, bytes[end] != UInt8(ascii: ">"), bytes[end] != UInt8(ascii: "<") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ">") else { return nil }
        let name = String(decoding: bytes[nameStart..<index].map(\.asciiLowercased), as: UTF8.self)
        var attributes: [String: String] = [:]
        while index < end {
            if let (key, value, next) = readAttribute(bytes, at: index, end: end) {
                if attributes[key] == nil { attributes[key] = value }
                index = max(next, index + 1)
            } else {
                index += 1
            }
        }
        return HTMLTag(name: name, isClosing: isClosing, attributes: attributes, end: end + 1)
    }

    /// Facts learnt while scanning that keep the scan linear.
    struct ScanCache {
        var noCommentEnd = false
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
    }

    private static func readAttribute(_ bytes: [UInt8], at start: Int, end: Int) -> (String, String, Int)? {
        var index = start
        while index < end, bytes[index].isASCIIWhitespace || bytes[index] == UInt8(ascii: "/") { index += 1 }
        let nameStart = index
        while index < end, isNameByte(bytes[index]) { index += 1 }
        guard index > nameStart else { return nil }
        let key = String(decoding: bytes[nameStart..<index].map(\.asciiLowercased), as: UTF8.self)
        while index < end, bytes[index].isASCIIWhitespace { index += 1 }
        guard index < end, bytes[index] == UInt8(ascii: "=") else { return (key, "", index) }
        index += 1
        while index < end, bytes[index].isASCIIWhitespace { index += 1 }
        guard index < end else { return (key, "", index) }
        let quote = bytes[index]
        var valueStart = index
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            valueStart += 1
            index = valueStart
            while index < end, bytes[index] != quote { index += 1 }
            let value = HTMLEntities.decode(bytes[valueStart..<index])
            return (key, String(decoding: value, as: UTF8.self), min(end, index + 1))
        }
        while index < end, !bytes[index].isASCIIWhitespace, bytes[index] != UInt8(ascii: ">") { index += 1 }
        return (key, String(decoding: HTMLEntities.decode(bytes[valueStart..<index]), as: UTF8.self), index)
    }
}
