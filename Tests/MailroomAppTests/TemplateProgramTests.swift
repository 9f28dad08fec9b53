import Foundation
import MailMessage
import MailroomCore
import Mustache
import Testing

@testable import MailroomApp

/// Mailroom's template renderer against swift-mustache: the same text for every shipped template and for
/// thousands of generated ones, and swift-mustache for whatever it leaves.
@Suite struct TemplateProgramTests {
    /// Contexts that set every part, leave parts out, and carry characters HTML escapes, combining marks and
    /// line breaks in the customer's values.
    static let contexts: [TemplateContext] = {
        var sparse = TemplateContext.test(name: nil, subject: "")
        sparse.intent = nil
        var hostile = TemplateContext.sample(intent: "complaint")
        hostile.customer = .init(
            displayName: "O'Brien <\"Ann\"> & Co e\u{301} <\u{338}", email: "ann@example.org",
            text: "Line one\r\n<script>alert('x')</script>\n\n  indented & last")
        hostile.ticket = .init(id: "MR-AAAAAA", subject: "Re: \"quoted\" & <b>", reference: "[ref:MR-AAAAAA:00]")
        hostile.escalation?.reasons = []
        hostile.escalation?.similar = []
        hostile.escalation?.author = nil
        hostile.escalation?.draft = nil
        return [.sample(), .sample(resolution: false), .sample(intent: "acknowledgement"), sparse, hostile]
    }()

    @Test func everyShippedTemplateRendersAsSwiftMustacheDoes() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: PackagePaths.templates.path)
            .filter { $0.hasSuffix(".mustache") }.sorted()
        #expect(files.count > 100)
        for file in files {
            let text = try String(contentsOf: PackagePaths.templates.appendingPathComponent(file), encoding: .utf8)
            let mustache = try MustacheTemplate(string: text)
            let program = try #require(TemplateProgram(text), "\(file) is within what the renderer covers")
            for (index, context) in Self.contexts.enumerated() {
                let values = context.variables(language: String(file.prefix(2)))
                let rendered = try #require(program.render(values), "\(file), context \(index)")
                #expect(rendered == mustache.render(values), "\(file), context \(index)")
            }
        }
    }

    /// Random templates over the syntax the renderer covers (standalone and inline tags, blanks, both line
    /// breaks, nesting, comments, pragmas, broken ones too) and values of every shape it reads.
    @Test func generatedTemplatesRenderAsSwiftMustacheDoes() throws {
        var random = SplitMix(seed: 0x6d61_696c_726f_6f6d)
        var compared = 0
        for round in 0..<4000 {
            let text = Self.randomTemplate(&random)
            guard let mustache = try? MustacheTemplate(string: text) else {
                #expect(TemplateProgram(text) == nil, "round \(round): \(text.debugDescription)")
                continue
            }
            guard let program = TemplateProgram(text) else { continue }
            let values = Self.values
            let rendered = try #require(program.render(values), "round \(round): \(text.debugDescription)")
            #expect(rendered == mustache.render(values), "round \(round): \(text.debugDescription)")
            compared += 1
        }
        #expect(compared > 3000)
    }

    @Test(arguments: [
        "{{=<% %>=}}<% a %>", "{{> part}}", "{{< parent}}{{/parent}}", "{{$block}}x{{/block}}", "{{uppercased(a)}}",
        "{{.a}}", "{{}}", "{{#a}}x", "x{{/a}}", "{{% CONTENT_TYPE: JSON}}",
    ])
    func leavesWhatItDoesNotCoverToSwiftMustache(_ text: String) {
        #expect(TemplateProgram(text) == nil)
    }

    /// A value of another shape makes the renderer give up, and the compiled template renders it with
    /// swift-mustache instead.
    @Test func aValueOfAnotherTypeIsRenderedBySwiftMustache() throws {
        struct Person { let name: String }
        let text = "{{#people}}- {{name}}\n{{/people}}{{count}} {{#tags}}{{.}} {{/tags}}"
        let values: [String: Any] = [
            "people": [Person(name: "Ann"), Person(name: "Bo")], "count": UInt8(2), "tags": Set(["x"]),
        ]
        let program = try #require(TemplateProgram(text))
        #expect(program.render(values) == nil)
        let compiled = try CompiledTemplate(text)
        #expect(compiled.render(values) == "- Ann\n- Bo\n2 x ")
        #expect(compiled.render(["people": [["name": "Cy"]], "count": 1]) == "- Cy\n1 ")
    }

    @Test func htmlEscapingMatchesSwiftMustacheCharacterByCharacter() {
        #expect(MarkupEscaping.escape("plain é") == "plain é")
        #expect(MarkupEscaping.escape("<a href='x'>&\"") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;")
        #expect(MarkupEscaping.escape("<\u{338} e\u{301}&") == "<\u{338} e\u{301}&amp;")
    }

    static var values: [String: Any] {
        [
            "a": "x<y & 'z' \"q\"", "b": "", "t": true, "f": false, "n": 42, "d": 0.5, "u": "e\u{301} <\u{338}",
            "list": ["one", "two"], "empty": [String](), "objs": [["a": "inner", "k": "v1"], ["k": "v2"]],
            "o": ["k": "deep", "p": ["q": "deeper"], "list": ["x"]],
        ]
    }
    static let names = [
        "a", "b", "t", "f", "n", "d", "u", "list", "empty", "objs", "o", "o.k", "o.p", "o.p.q", "k", "q", "missing",
        "o.missing", "x.y", ".", "a.", "o..k",
    ]
    static let texts = [
        "x", "hello", " ", "  ", "\t", "\n", "\r\n", "\n\n", "}", "{x}", "é", "e\u{301}", "<&>", "\"'", "a b", "x\r",
    ]

    static func randomTemplate(_ random: inout SplitMix) -> String {
        var text = ""
        var open: [String] = []
        func pick(_ options: [String]) -> String { options[random.next(options.count)] }
        func blank() -> String { pick(["", "", " ", "  ", "\t"]) }
        for _ in 0..<random.next(24) {
            switch random.next(40) {
            case 0..<8:
                text += pick(texts)
            case 8..<12:
                text += "{{" + blank() + pick(names) + blank() + "}}"
            case 12..<14:
                let triple = random.next(2) == 0
                text += (triple ? "{{{" : "{{&") + blank() + pick(names) + blank() + (triple ? "}}}" : "}}")
            case 14..<19:
                let name = pick(names)
                open.append(name)
                text += pick(["", "\n", blank()]) + "{{" + pick(["#", "^"]) + blank() + name + blank() + "}}"
                text += pick(["", "\n", "\r\n", " \n", "x"])
            case 19..<24:
                guard let name = open.popLast() else { continue }
                text +=
                    pick(["", "\n", blank()]) + "{{/" + blank() + name + "}}" + pick(["", "\n", "\r\n", "\t\n", "y"])
            case 24..<26:
                text += pick(["", "\n", " "]) + pick(["{{! note }}", "{{!\nspans\nlines }}", "{{!}}"])
                text += pick(["", "\n", "z"])
            case 26:
                text +=
                    pick(["", "\n"]) + pick(["{{% CONTENT_TYPE: TEXT}}", "{{%CONTENT_TYPE:HTML }}"]) + pick(["", "\n"])
            case 27..<31:
                // A tag alone on its line (or followed by blanks, or by the end of the text).
                let tag: String
                if let name = open.last, random.next(2) == 0 {
                    open.removeLast()
                    tag = "{{/\(name)}}"
                } else if random.next(3) == 0 {
                    tag = "{{! alone }}"
                } else {
                    let name = pick(names)
                    open.append(name)
                    tag = "{{" + pick(["#", "^"]) + name + "}}"
                }
                text += pick(["\n", "\r\n"]) + blank() + tag + blank() + pick(["\n", "\r\n", ""])
            case 31:
                // Broken now and then: an unclosed or stray tag, a lone brace.
                text += pick(["{{", "}}", "{{{", "{{#", "{{/x}}", "{{ a", "{", "{{\n"])
            default:
                text += pick(["\r\n", "\n"]) + blank()
            }
        }
        if random.next(20) != 0 {
            while let name = open.popLast() { text += "{{/\(name)}}" + pick(["", "\n"]) }
        }
        return text
    }
}

/// A small seeded generator (SplitMix64), so that a failing template can be reproduced.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

/// The tag scanner reads the same tags, kinds and lines as its first version, which compared arrays of
/// Characters (kept here as the reference): on every shipped template and on generated ones, with set-delimiter
/// tags among them.
@Suite struct MustacheTagScannerReferenceTests {
    @Test func theScannerReadsTheSameTagsAsTheCharacterArrayVersion() throws {
        var random = SplitMix(seed: 0x7363_616e)
        var texts = try FileManager.default.subpathsOfDirectory(atPath: PackagePaths.templates.path)
            .filter { $0.hasSuffix(".mustache") }
            .map { try String(contentsOf: PackagePaths.templates.appendingPathComponent($0), encoding: .utf8) }
        // New delimiters, some of them non-ASCII or with combining marks, and the text's tags written with them.
        let delimiters = [("<%", "%>"), ("|", "|"), ("««", "»»"), ("<e\u{301}", "e\u{301}>"), ("é", "è")]
        for _ in 0..<2000 {
            var text = TemplateProgramTests.randomTemplate(&random)
            if random.next(3) == 0 {
                let (open, close) = delimiters[random.next(delimiters.count)]
                text =
                    "{{=\(open) \(close)=}}"
                    + text.replacingOccurrences(of: "{{", with: open).replacingOccurrences(of: "}}", with: close)
                    + " e\u{301}« ñ \(close)\(open)"
            }
            texts.append(text)
        }
        for text in texts {
            let scanned = Result { () throws(MustacheTagScanner.ScanError) in try MustacheTagScanner.scan(text) }
            let reference = Result { () throws(MustacheTagScanner.ScanError) in try ReferenceScanner.scan(text) }
            #expect(scanned == reference, "\(text.debugDescription)")
        }
    }
}

/// The scanner as it was first written (Character arrays).
private enum ReferenceScanner {
    static func scan(_ text: String) throws(MustacheTagScanner.ScanError) -> [MustacheTag] {
        let chars = Array(text)
        var open = Array("{{")
        var close = Array("}}")
        var tags: [MustacheTag] = []
        var index = 0
        var line = 1
        while index < chars.count {
            guard matches(chars, open, at: index) else {
                if chars[index].isNewline { line += 1 }
                index += 1
                continue
            }
            let start = index + open.count
            let (kind, bodyStart) = tagKind(chars, at: start)
            let terminator = kind == .delimiters ? Array("=") + close : close
            guard let end = firstMatch(chars, terminator, from: bodyStart) else {
                throw .init(line: line, message: "a tag is not closed")
            }
            let body = String(chars[bodyStart..<end])
            var next = end + terminator.count
            if start < chars.count, chars[start] == "{" {
                guard next < chars.count, chars[next] == "}" else {
                    throw .init(line: line, message: "a triple mustache is not closed with '}'")
                }
                next += 1
            }
            tags.append(MustacheTag(kind: kind, content: body.trimmingWhitespace, line: line))
            if kind == .delimiters {
                let parts = body.split(whereSeparator: \.isWhitespace)
                guard parts.count == 2 else {
                    throw .init(line: line, message: "a set-delimiter tag needs two delimiters")
                }
                (open, close) = (Array(parts[0]), Array(parts[1]))
            }
            line += body.count(where: \.isNewline)
            index = next
        }
        return tags
    }

    private static func tagKind(_ chars: [Character], at index: Int) -> (MustacheTag.Kind, Int) {
        guard index < chars.count else { return (.variable, index) }
        let kinds: [Character: MustacheTag.Kind] = [
            "{": .unescaped, "&": .unescaped, "#": .section, "^": .invertedSection, "/": .close, ">": .partial,
            "<": .parent, "$": .block, "!": .comment, "%": .pragma, "=": .delimiters,
        ]
        guard let kind = kinds[chars[index]] else { return (.variable, index) }
        return (kind, index + 1)
    }

    private static func matches(_ chars: [Character], _ pattern: [Character], at index: Int) -> Bool {
        guard index + pattern.count <= chars.count else { return false }
        for offset in pattern.indices where chars[index + offset] != pattern[offset] { return false }
        return true
    }

    private static func firstMatch(_ chars: [Character], _ pattern: [Character], from start: Int) -> Int? {
        var index = start
        while index + pattern.count <= chars.count {
            if matches(chars, pattern, at: index) { return index }
            index += 1
        }
        return nil
    }
}
