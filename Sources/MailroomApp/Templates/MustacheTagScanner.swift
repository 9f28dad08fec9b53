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
        let chars = Array(text)
        var open = Array("{{")
        var close = Array("}}")
        var tags: [MustacheTag] = []
        var index = 0
        var line = 1
        while index < chars.count {
            guard chars.matches(open, at: index) else {
                if chars[index].isNewline { line += 1 }
                index += 1
                continue
            }
            let start = index + open.count
            let (kind, bodyStart) = tagKind(chars, at: start)
            let terminator = kind == .delimiters ? Array("=") + close : close
            guard let end = chars.firstMatch(terminator, from: bodyStart) else {
                throw ScanError(line: line, message: "a tag is not closed")
            }
            let body = String(chars[bodyStart..<end])
            var next = end + terminator.count
            if start < chars.count, chars[start] == "{" {
                guard next < chars.count, chars[next] == "}" else {
                    throw ScanError(line: line, message: "a triple mustache is not closed with '}'")
                }
                next += 1
            }
            tags.append(MustacheTag(kind: kind, content: body.trimmingWhitespace, line: line))
            if kind == .delimiters {
                (open, close) = try delimiters(body, line: line)
            }
            line += body.count(where: \.isNewline)
            index = next
        }
        return tags
    }

    /// The kind of the tag whose sigil would be at `index`, and where its body starts.
    private static func tagKind(_ chars: [Character], at index: Int) -> (MustacheTag.Kind, Int) {
        guard index < chars.count else { return (.variable, index) }
        let kinds: [Character: MustacheTag.Kind] = [
            "{": .unescaped, "&": .unescaped, "#": .section, "^": .invertedSection, "/": .close, ">": .partial,
            "<": .parent, "$": .block, "!": .comment, "%": .pragma, "=": .delimiters,
        ]
        guard let kind = kinds[chars[index]] else { return (.variable, index) }
        return (kind, index + 1)
    }

    /// The new opening and closing delimiters of a set-delimiter tag body (`<% %>`).
    private static func delimiters(_ body: String, line: Int) throws(ScanError) -> ([Character], [Character]) {
        let parts = body.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2 else { throw ScanError(line: line, message: "a set-delimiter tag needs two delimiters") }
        return (Array(parts[0]), Array(parts[1]))
    }
}

extension Array where Element == Character {
    /// Whether `pattern` occurs at `index`.
    fileprivate func matches(_ pattern: [Character], at index: Int) -> Bool {
        guard index + pattern.count <= count else { return false }
        for offset in pattern.indices where self[index + offset] != pattern[offset] { return false }
        return true
    }

    /// The first index at or after `start` where `pattern` occurs.
    fileprivate func firstMatch(_ pattern: [Character], from start: Int) -> Int? {
        var index = start
        while index + pattern.count <= count {
            if matches(pattern, at: index) { return index }
            index += 1
        }
        return nil
    }
}
