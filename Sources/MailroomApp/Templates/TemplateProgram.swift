/// A template compiled for Mailroom's own renderer: the same output as swift-mustache for the templates and
/// values Mailroom uses, at a fraction of the cost.
///
/// Why: swift-mustache looks every variable up by splitting its name and casting each object on the way to its
/// protocols; measured with callgrind over 1,000 mails, rendering was 9% of the gateway's instructions, about
/// 21,000 instructions a variable. Here a name is split once, when the template is compiled, and a lookup is a
/// dictionary read per part.
///
/// What it covers: text, escaped and unescaped variables (`{{a.b}}`, `{{{a}}}`, `{{&a}}`, `{{.}}`), sections and
/// inverted sections over strings, numbers, booleans, lists and objects (`[String: Any]`), comments and the
/// `CONTENT_TYPE` pragma, with swift-mustache's reading of the syntax: the same standalone lines, whitespace and
/// newlines (`\n` and `\r\n`), read as Characters as it reads them. Anything else (set-delimiter tags, partials,
/// parents, blocks, transforms, names it reads another way) makes `init` return nil, and a value of another type
/// makes ``render(_:)`` return nil: the caller then renders with swift-mustache (``CompiledTemplate``). The tests
/// compare both renderers on every built-in template and on thousands of generated ones.
struct TemplateProgram: Sendable {
    /// A variable's name: the current object (`.`), or a path of names.
    enum Name: Sendable, Hashable {
        case current
        case path([String])
    }

    /// One step of the program.
    indirect enum Node: Sendable, Hashable {
        case text(String)
        case variable(Name, escaped: Bool)
        case section(Name, [Node])
        case invertedSection(Name, [Node])
        /// `{{% CONTENT_TYPE: …}}`: whether escaped variables are HTML-escaped from here on (in this list and the
        /// sections it opens later).
        case contentType(html: Bool)
    }

    let nodes: [Node]

    /// Compiles `text`; nil when it uses something this renderer leaves to swift-mustache, or does not compile.
    init?(_ text: String) { self.init(TemplateCharacters(text)) }

    /// The same from the template's Characters, already read (the compiler reads them once for the tag scanner too).
    init?(_ characters: TemplateCharacters) {
        var parser = Parser(characters)
        guard let nodes = try? parser.block(section: nil, newLine: true) else { return nil }
        self.nodes = nodes
    }
}

/// Reads a template as swift-mustache's parser does, Character by Character (``TemplateCharacters``).
private struct Parser {
    /// The template is outside what ``TemplateProgram`` renders, or does not compile.
    struct Unsupported: Error {}

    private let chars: TemplateCharacters
    private var index = 0

    init(_ chars: TemplateCharacters) { self.chars = chars }

    private var codes: [UInt8] { chars.codes }
    private var atEnd: Bool { index == chars.count }

    private func isCode(_ code: UInt8, at position: Int) -> Bool { chars.isCode(code, at: position) }
    private func isNewline(_ position: Int) -> Bool { chars.isNewline(position) }
    private func slice(_ start: Int, _ end: Int) -> String { chars.slice(start, end) }

    /// The nodes up to the end of the text, or of section `section` (whose closing tag is read).
    mutating func block(section: String?, newLine startsLine: Bool) throws(Unsupported) -> [TemplateProgram.Node] {
        var nodes: [TemplateProgram.Node] = []
        var newLine = startsLine
        var indent = ""
        while !atEnd {
            if newLine { indent = read { $0 == 0x20 || $0 == 0x09 } }
            let text = try textUntilTag()
            if !atEnd, isNewline(index) {
                nodes.append(.text(indent + text + slice(index, index + 1)))
                newLine = true
                index += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(indent + text))
                indent = ""
                newLine = false
            }
            if atEnd { break }
            // Whitespace before a tag that is not alone on its line is text.
            func keepIndent() {
                if !indent.isEmpty { nodes.append(.text(indent)) }
                indent = ""
            }
            var startsNextLine = false
            switch codes[index] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = codes[index] == UInt8(ascii: "^")
                index += 1
                let raw = try rawName()
                if standalone(newLine) { startsNextLine = true } else { keepIndent() }
                let name = try Self.name(raw)
                let body = try block(section: raw, newLine: startsNextLine)
                nodes.append(inverted ? .invertedSection(name, body) : .section(name, body))
            case UInt8(ascii: "/"):
                index += 1
                guard try rawName() == section else { throw Unsupported() }
                if !standalone(newLine) { keepIndent() }
                return nodes
            case UInt8(ascii: "!"):
                index += 1
                try skipComment()
                startsNextLine = standalone(newLine)
            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                keepIndent()
                let triple = codes[index] == UInt8(ascii: "{")
                index += 1
                let name = try Self.name(try rawName())
                if triple {
                    guard isCode(UInt8(ascii: "}"), at: index) else { throw Unsupported() }
                    index += 1
                }
                nodes.append(.variable(name, escaped: false))
            case UInt8(ascii: "%"):
                index += 1
                nodes.append(try contentType())
                startsNextLine = standalone(newLine)
            case UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "$"), UInt8(ascii: "="):
                throw Unsupported()
            default:
                keepIndent()
                nodes.append(.variable(try Self.name(try rawName()), escaped: true))
            }
            newLine = startsNextLine
        }
        guard section == nil else { throw Unsupported() }
        return nodes
    }

    /// The text up to a newline (not read) or an opening `{{` (read); a `{` as the last character does not
    /// compile.
    private mutating func textUntilTag() throws(Unsupported) -> String {
        let start = index
        var end = index
        while !atEnd {
            while !atEnd, codes[index] != 0x0A, codes[index] != TemplateCharacters.crlf,
                codes[index] != UInt8(ascii: "{")
            {
                index += 1
            }
            end = index
            guard isCode(UInt8(ascii: "{"), at: index) else { break }
            guard index + 2 <= codes.count else { throw Unsupported() }
            if codes[index + 1] == UInt8(ascii: "{") {
                index += 2
                break
            }
            index += 1
            end = index
        }
        return slice(start, end)
    }

    /// Whether the tag just read stands alone on its line (it started one and only blanks follow it before the
    /// newline, or the text ends right after it); if so the rest of the line is read.
    private mutating func standalone(_ newLine: Bool) -> Bool {
        guard newLine else { return false }
        if atEnd { return true }
        var next = index
        while next < codes.count, codes[next] == 0x20 || codes[next] == 0x09 { next += 1 }
        guard next < codes.count, isNewline(next) else { return false }
        index = next + 1
        return true
    }

    /// A tag's name and its closing `}}`.
    private mutating func rawName() throws(Unsupported) -> String {
        skipWhitespace()
        let raw = read(Self.isNameCode)
        skipWhitespace()
        try closeTag()
        return raw
    }

    /// The name the renderer looks up: transforms, and names swift-mustache resolves in other ways (empty, or
    /// from the current object only), are left to it.
    private static func name(_ raw: String) throws(Unsupported) -> TemplateProgram.Name {
        if raw == "." { return .current }
        guard !raw.contains("("), !raw.contains(")"), raw.first != "." else { throw Unsupported() }
        let parts = raw.split(separator: ".").map(String.init)
        guard !parts.isEmpty else { throw Unsupported() }
        return .path(parts)
    }

    private mutating func closeTag() throws(Unsupported) {
        guard isCode(UInt8(ascii: "}"), at: index), isCode(UInt8(ascii: "}"), at: index + 1) else {
            throw Unsupported()
        }
        index += 2
    }

    private mutating func skipComment() throws(Unsupported) {
        while index + 1 < codes.count {
            if codes[index] == UInt8(ascii: "}"), codes[index + 1] == UInt8(ascii: "}") {
                index += 2
                return
            }
            index += 1
        }
        throw Unsupported()
    }

    /// `CONTENT_TYPE: HTML` or `CONTENT_TYPE: TEXT` (after the `%`).
    private mutating func contentType() throws(Unsupported) -> TemplateProgram.Node {
        skipWhitespace()
        let variable = read(Self.isConfigCode)
        skipWhitespace()
        guard isCode(UInt8(ascii: ":"), at: index) else { throw Unsupported() }
        index += 1
        skipWhitespace()
        let value = read(Self.isConfigCode)
        skipWhitespace()
        try closeTag()
        guard variable == "CONTENT_TYPE" else { throw Unsupported() }
        switch value {
        case "HTML": return .contentType(html: true)
        case "TEXT": return .contentType(html: false)
        default: throw Unsupported()
        }
    }

    /// The Characters while their codes match.
    private mutating func read(_ matches: (UInt8) -> Bool) -> String {
        let start = index
        while !atEnd, matches(codes[index]) { index += 1 }
        return slice(start, index)
    }

    private mutating func skipWhitespace() {
        while !atEnd, chars.isWhitespace(index) { index += 1 }
    }

    /// The Characters swift-mustache reads in a name: ASCII letters and digits, `.-_?()*`.
    private static func isNameCode(_ code: UInt8) -> Bool {
        isConfigCode(code) || code == UInt8(ascii: "(") || code == UInt8(ascii: ")")
    }

    /// The same without the brackets, for a pragma.
    private static func isConfigCode(_ code: UInt8) -> Bool {
        switch code {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"),
            UInt8(ascii: "?"), UInt8(ascii: "*"):
            true
        default: false
        }
    }
}
