import MailroomCore

/// Reads the tags of a Mustache template with their line numbers (swift-mustache has no API for that).
///
/// Follows swift-mustache's reading of the syntax: set-delimiter tags change the delimiters for the rest of the
/// text, a triple mustache is `{` + name + closing delimiter + `}`, comments may span lines.
enum MustacheTagScanner {
    /// A tag that could not be read.
    struct ScanError: Error, Hashable {
        /// The line the tag starts on.
        let line: Int
        /// What is wrong.
        let message: String
    }

    /// The tags of `text`, in order.
    static func scan(_ text: String) throws(ScanError) -> [MustacheTag] {
        try scan(TemplateCharacters(text))
    }

    /// The same from the template's Characters, already read.
    static func scan(_ chars: TemplateCharacters) throws(ScanError) -> [MustacheTag] {
        var open = Pattern("{{")
        var close = Pattern("}}")
        let equals = Pattern("=")
        var tags: [MustacheTag] = []
        var index = 0
        var line = 1
        while index < chars.count {
            guard open.matches(chars, at: index) else {
                if chars.isNewline(index) { line += 1 }
                index += 1
                continue
            }
            let start = index + open.count
            let (kind, bodyStart) = tagKind(chars, at: start)
            let terminator = kind == .delimiters ? equals + close : close
            guard let end = terminator.firstMatch(chars, from: bodyStart) else {
                throw ScanError(line: line, message: "a tag is not closed")
            }
            let body = chars.slice(bodyStart, end)
            var next = end + terminator.count
            if chars.isCode(UInt8(ascii: "{"), at: start) {
                guard chars.isCode(UInt8(ascii: "}"), at: next) else {
                    throw ScanError(line: line, message: "a triple mustache is not closed with '}'")
                }
                next += 1
            }
            tags.append(MustacheTag(kind: kind, content: body.trimmingWhitespace, line: line))
            if kind == .delimiters {
                (open, close) = try delimiters(body, line: line)
            }
            line += (bodyStart..<end).count { chars.isNewline($0) }
            index = next
        }
        return tags
    }

    /// The kind of the tag whose sigil would be at `index`, and where its body starts.
    private static func tagKind(_ chars: TemplateCharacters, at index: Int) -> (MustacheTag.Kind, Int) {
        guard index < chars.count else { return (.variable, index) }
        let kind: MustacheTag.Kind
        switch chars.codes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "&"): kind = .unescaped
        case UInt8(ascii: "#"): kind = .section
        case UInt8(ascii: "^"): kind = .invertedSection
        case UInt8(ascii: "/"): kind = .close
        case UInt8(ascii: ">"): kind = .partial
        case UInt8(ascii: "<"): kind = .parent
        case UInt8(ascii: "$"): kind = .block
        case UInt8(ascii: "!"): kind = .comment
        case UInt8(ascii: "%"): kind = .pragma
        case UInt8(ascii: "="): kind = .delimiters
        default: return (.variable, index)
        }
        return (kind, index + 1)
    }

    /// The new opening and closing delimiters of a set-delimiter tag body (`<% %>`).
    private static func delimiters(_ body: String, line: Int) throws(ScanError) -> (Pattern, Pattern) {
        let parts = body.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2 else { throw ScanError(line: line, message: "a set-delimiter tag needs two delimiters") }
        return (Pattern(String(parts[0])), Pattern(String(parts[1])))
    }
}

/// A delimiter, matched Character by Character against a template's codes.
private struct Pattern {
    let characters: [Character]
    let codes: [UInt8]

    init(_ text: String) {
        let chars = TemplateCharacters(text)
        characters = (0..<chars.count).map(chars.character)
        codes = chars.codes
    }

    private init(characters: [Character], codes: [UInt8]) {
        self.characters = characters
        self.codes = codes
    }

    var count: Int { codes.count }

    static func + (lhs: Pattern, rhs: Pattern) -> Pattern {
        Pattern(characters: lhs.characters + rhs.characters, codes: lhs.codes + rhs.codes)
    }

    /// Whether the pattern occurs at `index`.
    func matches(_ chars: TemplateCharacters, at index: Int) -> Bool {
        guard index + count <= chars.count else { return false }
        for offset in codes.indices {
            let code = chars.codes[index + offset]
            guard code == codes[offset] else { return false }
            if code == TemplateCharacters.other, chars.character(index + offset) != characters[offset] { return false }
        }
        return true
    }

    /// The first index at or after `start` where the pattern occurs.
    func firstMatch(_ chars: TemplateCharacters, from start: Int) -> Int? {
        var index = start
        while index + count <= chars.count {
            if matches(chars, at: index) { return index }
            index += 1
        }
        return nil
    }
}
